/**
 * The notifiers mlreg knows and the settings each takes (`notify.<name>`). The config schema is
 * built from this catalogue; each notifier's plugin (src/notify/) adds `create` to its entry, and
 * src/notify/index.ts lists exactly these.
 */
import * as z from 'zod';
import { DEFAULT_WEBHOOK_ENV, withholdFromTrainers } from '../secrets/index.js';
import { ENV_NAME } from './fields.js';
import type { PluginBase, SettingsSchema } from './types.js';

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

/** A notifier's entry: its settings, and the environment variables its settings make secret. */
export interface NotifierDeclaration<Schema extends SettingsSchema = SettingsSchema> extends PluginBase<Schema> {
  /** The environment variables that hold this notifier's secrets: withheld from trainers, scrubbed from output. */
  secretVariables(settings: z.output<Schema>): string[];
}

/** Declares a notifier, keeping its literal name and its settings' type. */
function declareNotifier<const Name extends string, Schema extends SettingsSchema>(
  declaration: NotifierDeclaration<Schema> & { name: Name },
): NotifierDeclaration<Schema> & { name: Name } {
  return declaration;
}

export const slackNotifierDeclaration = declareNotifier({
  name: 'slack',
  description: 'a Slack message through an incoming webhook',
  settingsSchema: slackSettingsSchema,
  secretVariables: (settings) => [settings.webhook_env],
});

/** Every notifier, each asked after every run and suite. */
export const notifierCatalogue = [slackNotifierDeclaration] as const;

/**
 * Withholds from every trainer the variables a `notify` block makes secret (each notifier's, with
 * its block or its defaults), and scrubs their values from output, before any trainer starts.
 */
export function protectNotifierSecrets(notify: Readonly<Record<string, unknown>> | undefined): void {
  const declarations: readonly NotifierDeclaration[] = notifierCatalogue;
  for (const declaration of declarations) {
    const settings = declaration.settingsSchema.safeParse(notify?.[declaration.name] ?? {});
    if (settings.success) for (const name of declaration.secretVariables(settings.data)) withholdFromTrainers(name);
  }
}
