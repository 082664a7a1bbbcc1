/** The contract every notifier implements: a finished run or suite in, a delivery result out. */
import type { ReportDocument } from '../report/types.js';

export interface NotifyContext {
  /** Environment holding the webhook URL and the CI's variables (the CLI passes process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the report was written: a path or URL, linked from the message. */
  reportLocation?: string;
  /** This notifier's block of the config as written there, e.g. `notify.slack`. */
  settings?: Readonly<Record<string, unknown>>;
}

/** A notification either went out or did not; it never throws and never changes the verdict. */
export type NotifyResult = { ok: true } | { ok: false; error: string };

export interface Notifier {
  /** Plain name used in configs, e.g. `slack`. */
  readonly name: string;
  notify(doc: ReportDocument, context: NotifyContext): Promise<NotifyResult>;
}
