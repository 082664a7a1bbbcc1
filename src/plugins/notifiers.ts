/**
 * The notifiers mlreg knows and the settings each takes (`notify.<name>`). The config schema is
 * built from this catalogue; each notifier's plugin (src/notify/) adds `create` to its entry, and
 * src/notify/index.ts lists exactly these.
 */
import * as z from 'zod';
import { DEFAULT_WEBHOOK_ENV } from '../secrets/index.js';
import { ENV_NAME } from './fields.js';
import { declarePlugin } from './types.js';

const slackSettingsSchema = z
  .strictObject({
    webhook_env: z
      .string()
      .regex(ENV_NAME, { error: 'expected the NAME of an environment variable that holds the webhook URL (never the URL itself)' })
      .default(DEFAULT_WEBHOOK_ENV)
      .describe('Name of the environment variable holding the Slack webhook URL. The URL never appears in a config.'),
    timeout: z
      .number()
      .positive({ error: 'expected a positive number of seconds' })
      .optional()
      .describe('Seconds to wait for Slack to accept the message before the notification counts as failed (a warning; the verdict stands). Default: 10.'),
  })
  .describe(
    `Post the verdict to Slack. A message is sent whenever the webhook's variable (\`${DEFAULT_WEBHOOK_ENV}\`, or the one \`webhook_env\` names) ` +
      'is set, with or without this block. Default: no block.',
  );

export type SlackSettings = z.output<typeof slackSettingsSchema>;

export const slackNotifierDeclaration = declarePlugin({
  name: 'slack',
  description: 'a Slack message through an incoming webhook',
  settingsSchema: slackSettingsSchema,
});

/** Every notifier, each asked after every run and suite. */
export const notifierCatalogue = [slackNotifierDeclaration] as const;
