/**
 * Template for a new notifier: copy this file, rename it, declare its settings (they become the
 * config's `notify.<name>` block, documented from the descriptions) and add it to
 * `notifierPlugins` in `index.ts`: test/notify/conformance.test.ts then checks it with the others.
 * Keep the message a pure function of the document (testable without a network), read secrets
 * only from `context.env` through a variable the settings name, list that variable in
 * `secretVariables` (it is withheld from trainers and scrubbed), and turn every failure into
 * `{ ok: false, error }` with secrets removed (see redact.ts): a notification never throws or
 * changes the verdict.
 */
import * as z from 'zod';
import { ENV_NAME } from '../plugins/fields.js';
import { isSuiteDocument } from '../report/types.js';
import { redactUrl } from './redact.js';
import { defineNotifier } from './types.js';

export const templateNotifier = defineNotifier({
  name: 'template',
  description: 'a template that posts the verdict as JSON',
  settingsSchema: z.strictObject({
    endpoint_env: z
      .string()
      .regex(ENV_NAME, { error: 'expected the NAME of an environment variable that holds the endpoint URL' })
      .default('MLREG_TEMPLATE_ENDPOINT')
      .describe('Name of the environment variable holding the endpoint URL.'),
  }),
  secretVariables: (settings) => [settings.endpoint_env],
  isConfigured: (settings, env) => Boolean(env[settings.endpoint_env]),
  create: (settings) => ({
    name: 'template',
    async notify(doc, context) {
      const endpoint = context.env[settings.endpoint_env];
      if (!endpoint) return { ok: false, error: `template notification not sent: environment variable ${settings.endpoint_env} is not set.` };
      const name = isSuiteDocument(doc) ? doc.suite.name : doc.config.name;
      try {
        const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ name, verdict: doc.verdict }) });
        return response.ok ? { ok: true } : { ok: false, error: `template notification failed: HTTP ${response.status}` };
      } catch (error) {
        return { ok: false, error: redactUrl(`template notification failed: ${String(error)}`, endpoint) };
      }
    },
  }),
});
