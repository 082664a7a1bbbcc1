/**
 * Telling people about a finished run or suite: one Slack message when the webhook's environment
 * variable is set (`MLREG_SLACK_WEBHOOK_URL`, or the one `notify.slack.webhook_env` names). A
 * notification never changes the verdict; a failure comes back as a warning without the URL.
 */
import { getNotifier } from './index.js';
import { redactUrl } from './redact.js';
import { DEFAULT_WEBHOOK_ENV } from './slack.js';
import type { ReportDocument } from '../report/index.js';

export interface NotifySettings {
  /** The config's or suite's `notify` block. */
  slack?: { webhook_env?: string } | undefined;
}

export interface NotifyOutcome {
  notifier: string;
  /** `sent`, `skipped` (its variable is not set) or `failed`. */
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

/** Sends the document to every notifier whose secret is configured; never throws. */
export async function notifyDocument(doc: ReportDocument, request: NotifyRequest): Promise<NotifyOutcome[]> {
  const variable = request.settings?.slack?.webhook_env ?? DEFAULT_WEBHOOK_ENV;
  const url = request.env[variable];
  if (!url) return [{ notifier: 'slack', status: 'skipped' }];
  const reportLocation = request.env.MLREG_REPORT_URL || request.reportLocation;
  try {
    const result = await getNotifier('slack').notify(doc, {
      env: request.env,
      settings: { webhook_env: variable },
      ...(reportLocation ? { reportLocation } : {}),
    });
    // The notifier redacts already; a second pass keeps the guarantee in one place the CLI relies on.
    return [result.ok ? { notifier: 'slack', status: 'sent' } : { notifier: 'slack', status: 'failed', error: redactUrl(result.error, url) }];
  } catch (error) {
    return [{ notifier: 'slack', status: 'failed', error: redactUrl(`Slack notification failed: ${(error as Error).message}`, url) }];
  }
}

/** One warning line per notification that failed (already free of secrets). */
export function notificationWarnings(outcomes: readonly NotifyOutcome[]): string[] {
  return outcomes
    .filter((outcome) => outcome.status === 'failed')
    .map((outcome) => `warning: ${outcome.error ?? `${outcome.notifier} notification failed`}; the verdict and exit code are unchanged`);
}
