/**
 * Telling people about a finished run or suite: the one entry point `run` and `suite run` call.
 * Every registered notifier (src/notify/index.ts) is asked, with its `notify.<name>` block or its
 * defaults; one whose secret is not in the environment is skipped (Slack: `MLREG_SLACK_WEBHOOK_URL`,
 * or the variable `notify.slack.webhook_env` names). A notification never changes the verdict; a
 * failure comes back as a warning without any secret.
 */
import type * as z from 'zod';
import { notifierPlugins, type NotifierPlugin } from './index.js';
import { redactUrl } from './redact.js';
import type { ReportDocument } from '../report/index.js';
import type { NotifySchema } from '../config/schema.js';

/** The config's or suite's `notify` block. */
export type NotifySettings = Partial<z.input<typeof NotifySchema>>;

export interface NotifyOutcome {
  notifier: string;
  /** `sent`, `skipped` (its secret is not set) or `failed`. */
  status: 'sent' | 'skipped' | 'failed';
  /** Why it failed, with every secret removed. */
  error?: string;
}

export interface NotifyRequest {
  settings?: NotifySettings | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the report was written (`--report-dir`'s HTML file); `MLREG_REPORT_URL` in the environment takes precedence. */
  reportLocation?: string;
}

/** Sends the document through every registered notifier whose secret is set; never throws. */
export async function notifyDocument(doc: ReportDocument, request: NotifyRequest): Promise<NotifyOutcome[]> {
  const reportLocation = request.env.MLREG_REPORT_URL || request.reportLocation;
  const blocks: Readonly<Record<string, unknown>> = request.settings ?? {};
  const outcomes: NotifyOutcome[] = [];
  for (const plugin of notifierPlugins) {
    outcomes.push(await notifyWith(plugin, blocks[plugin.name], doc, { env: request.env, ...(reportLocation ? { reportLocation } : {}) }));
  }
  return outcomes;
}

async function notifyWith(plugin: NotifierPlugin, block: unknown, doc: ReportDocument, context: { env: NotifyRequest['env']; reportLocation?: string }): Promise<NotifyOutcome> {
  const parsed = plugin.settingsSchema.safeParse(block ?? {});
  if (!parsed.success) return { notifier: plugin.name, status: 'failed', error: `${plugin.name} notification not sent: notify.${plugin.name} is invalid` };
  const settings = parsed.data;
  if (!plugin.isConfigured(settings, context.env)) return { notifier: plugin.name, status: 'skipped' };
  const secrets = plugin.secretVariables(settings).flatMap((name) => context.env[name] ?? []);
  const redact = (text: string) => secrets.reduce((scrubbed, secret) => redactUrl(scrubbed, secret), text);
  try {
    const result = await plugin.create(settings).notify(doc, context);
    // The notifier redacts already; a second pass keeps the guarantee in one place the CLI relies on.
    return result.ok ? { notifier: plugin.name, status: 'sent' } : { notifier: plugin.name, status: 'failed', error: redact(result.error) };
  } catch (error) {
    return { notifier: plugin.name, status: 'failed', error: redact(`${plugin.name} notification failed: ${(error as Error).message}`) };
  }
}

/** One warning line per notification that failed (already free of secrets). */
export function notificationWarnings(outcomes: readonly NotifyOutcome[]): string[] {
  return outcomes
    .filter((outcome) => outcome.status === 'failed')
    .map((outcome) => `warning: ${outcome.error ?? `${outcome.notifier} notification failed`}; the verdict and exit code are unchanged`);
}
