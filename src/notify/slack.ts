/**
 * Slack notifications through an incoming webhook (`@slack/webhook`). The webhook URL is a
 * secret: it is read only from an environment variable and removed from every error text.
 */
import { IncomingWebhook } from '@slack/webhook';
import type { ReportDocument } from '../report/types.js';
import type { SlackSettings } from './slack-plugin.js';
import type { NotifyContext, NotifyResult } from './types.js';
import { buildSlackMessage, type SlackMessage } from './slack-message.js';
import { ciBuildLink } from './ci-links.js';
import { redactUrl } from './redact.js';
import { DEFAULT_WEBHOOK_ENV } from '../secrets/index.js';

/** The variable holding the webhook URL unless `notify.slack.webhook_env` names another. */
export { DEFAULT_WEBHOOK_ENV } from '../secrets/index.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** A notification's context with `notify.slack` as parsed, or in part (library callers). */
export interface SlackContext extends NotifyContext {
  settings?: Partial<SlackSettings>;
}

/** Builds the message for `doc` and posts it to the webhook named by the context; never throws. */
export async function notifySlack(doc: ReportDocument, context: SlackContext): Promise<NotifyResult> {
  const webhook = resolveWebhookUrl(context);
  if (!webhook.ok) return webhook;
  let message: SlackMessage;
  try {
    message = buildSlackMessage(doc, { report: context.reportLocation, ci: ciBuildLink(context.env) });
  } catch (error) {
    return { ok: false, error: redactUrl(`Slack notification not sent: the message could not be built: ${describeError(error)}`, webhook.url) };
  }
  return sendSlackMessage(webhook.url, message, { timeoutMs: timeoutOf(context) });
}

/** Posts a built message to a webhook URL; failures come back as `{ ok: false, error }` without the URL. */
async function sendSlackMessage(url: string, message: SlackMessage, options: { timeoutMs?: number } = {}): Promise<NotifyResult> {
  try {
    const webhook = new IncomingWebhook(url, { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    await webhook.send({ text: message.text, blocks: message.blocks });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: redactUrl(`Slack notification failed: ${describeError(error)}`, url) };
  }
}

/** The webhook URL from the environment, or why there is none (without echoing any value). */
export function resolveWebhookUrl(context: SlackContext): { ok: true; url: string; variable: string } | { ok: false; error: string } {
  const configured = context.settings?.webhook_env;
  if (configured !== undefined && (typeof configured !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(configured))) {
    return {
      ok: false,
      error: 'Slack notification not sent: notify.slack.webhook_env must name an environment variable (letters, digits, underscores), e.g. MLREG_SLACK_WEBHOOK_URL.',
    };
  }
  const variable = configured ?? DEFAULT_WEBHOOK_ENV;
  const url = context.env[variable];
  if (!url) {
    return { ok: false, error: `Slack notification not sent: environment variable ${variable} is not set; expected the incoming-webhook URL there.` };
  }
  if (!/^https?:\/\/[^\s]+$/i.test(url)) {
    return { ok: false, error: `Slack notification not sent: environment variable ${variable} must hold an http(s) URL; its value is not shown because it is a secret.` };
  }
  return { ok: true, url, variable };
}

/** `notify.slack.timeout` in milliseconds, else 10 s. */
function timeoutOf(context: SlackContext): number {
  const seconds = context.settings?.timeout;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

// Message, status code, response body excerpt and causes (e.g. ECONNREFUSED), for the reader to act on.
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      const extra = current as Error & { code?: unknown; statusCode?: unknown; body?: unknown };
      let text = current.message;
      if (typeof extra.code === 'string' && !text.includes(extra.code)) text += ` [${extra.code}]`;
      if (typeof extra.body === 'string' && extra.body) text += ` (response: ${extra.body.slice(0, 200)})`;
      // Wrapping errors often repeat their cause's message; keep each message once.
      const message = current.message;
      if (!parts.some((part) => part.includes(message))) parts.push(text);
      current = (current as Error & { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ') || 'unknown error';
}
