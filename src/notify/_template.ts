/**
 * Template for a new notifier: copy this file, rename it, and add it to the registry in
 * `index.ts`. Keep the message a pure function of the document (testable without a network),
 * read secrets only from `context.env`, and turn every failure into `{ ok: false, error }`
 * with secrets removed (see redact.ts): a notification never throws or changes the verdict.
 */
import type { ReportDocument } from '../report/types.js';
import { isSuiteDocument } from '../report/types.js';
import type { Notifier, NotifyContext, NotifyResult } from './types.js';
import { redactUrl } from './redact.js';

const ENDPOINT_ENV = 'MLREG_TEMPLATE_ENDPOINT';

export const templateNotifier: Notifier = {
  name: 'template',
  async notify(doc: ReportDocument, context: NotifyContext): Promise<NotifyResult> {
    const endpoint = context.env[ENDPOINT_ENV];
    if (!endpoint) return { ok: false, error: `template notification not sent: environment variable ${ENDPOINT_ENV} is not set.` };
    const name = isSuiteDocument(doc) ? doc.suite.name : doc.config.name;
    try {
      const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ name, verdict: doc.verdict }) });
      return response.ok ? { ok: true } : { ok: false, error: `template notification failed: HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, error: redactUrl(`template notification failed: ${String(error)}`, endpoint) };
    }
  },
};
