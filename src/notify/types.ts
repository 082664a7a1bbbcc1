/** The contract every notifier implements: a finished run or suite in, a delivery result out. */
import type * as z from 'zod';
import type { NotifierDeclaration } from '../plugins/notifiers.js';
import type { SettingsSchema } from '../plugins/types.js';
import type { ReportDocument } from '../report/types.js';

export interface NotifyContext {
  /** Environment holding the notifier's secret and the CI's variables (the CLI passes process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the report was written: a path or URL, linked from the message. */
  reportLocation?: string;
}

/** A notification either went out or did not; it never throws and never changes the verdict. */
export type NotifyResult = { ok: true } | { ok: false; error: string };

export interface Notifier {
  /** Plain name used in configs, e.g. `slack`. */
  readonly name: string;
  notify(doc: ReportDocument, context: NotifyContext): Promise<NotifyResult>;
}

/**
 * A notifier as registered (src/notify/index.ts): its settings are the config's `notify.<name>`
 * block. Every registered notifier is asked after each run, with its block or, when the config
 * has none, its defaults; one whose secret is not in the environment is skipped.
 */
export interface NotifierPlugin<Schema extends SettingsSchema = SettingsSchema> extends NotifierDeclaration<Schema> {
  /** Whether the environment has what it needs to send (its secret is set); when not, it is skipped without a warning. */
  isConfigured(settings: z.output<Schema>, env: NotifyContext['env']): boolean;
  create(settings: z.output<Schema>): Notifier;
}

/** Declares a notifier plugin, inferring its settings' type from its schema. */
export function defineNotifier<const Name extends string, Schema extends SettingsSchema>(plugin: NotifierPlugin<Schema> & { name: Name }): NotifierPlugin<Schema> & { name: Name } {
  return plugin;
}
