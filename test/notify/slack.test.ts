import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notifySlack, resolveWebhookUrl, DEFAULT_WEBHOOK_ENV } from '../../src/notify/slack.js';
import { getNotifier, notifierNames } from '../../src/notify/index.js';
import { loadDocument, suiteDocument } from '../report/fixtures.js';
import { closedPort, startWebhookServer, type WebhookServer } from './server.js';

const TOKEN = 'FAKEtok3nXyZ9secretValue';
const PATH = `/services/T0FAKE000/B0FAKE000/${TOKEN}`;

/** Everything written to the console or the standard streams while `action` runs. */
async function captureOutput<T>(action: () => Promise<T>): Promise<{ result: T; output: string }> {
  const written: string[] = [];
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' '))),
    ),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true)),
  ];
  try {
    return { result: await action(), output: written.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

function expectNoSecret(text: string, url: string): void {
  expect(text).not.toContain(url);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(PATH);
}

describe('slack notifier against a local webhook', () => {
  let server: WebhookServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('posts one message naming the config, its verdict and the failing metrics', async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    const url = `http://127.0.0.1:${server.port}${PATH}`;
    const { result, output } = await captureOutput(() =>
      notifySlack(loadDocument('softmax-bug'), {
        env: { [DEFAULT_WEBHOOK_ENV]: url, CIRCLE_BUILD_URL: 'https://circleci.com/gh/latent/model/4410' },
        reportLocation: 'https://ci.example/artifacts/report.html',
      }),
    );
    expect(result).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(PATH);
    const payload = JSON.parse(request!.body) as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(payload.text).toBe('mlreg softmax-bug: fail (fid regression, loss regression)');
    const body = JSON.stringify(payload.blocks);
    expect(body).toContain('Failed: softmax-bug');
    expect(body).toContain('*fid* regression');
    expect(body).toContain('<https://ci.example/artifacts/report.html|Report>');
    expect(body).toContain('<https://circleci.com/gh/latent/model/4410|CircleCI build>');
    expect(body).toContain('|W&amp;B candidate seed 1>');
    expectNoSecret(output, url);
  });

  it('reads the variable named by notify.slack.webhook_env', async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    const url = `http://127.0.0.1:${server.port}${PATH}`;
    const result = await notifySlack(suiteDocument(), { env: { TEAM_HOOK: url }, settings: { webhook_env: 'TEAM_HOOK' } });
    expect(result).toEqual({ ok: true });
    expect(JSON.parse(server.requests[0]!.body).text).toBe('mlreg suite nightly: fail (softmax-bug fail, wider fail)');
  });

  it('reports an HTTP 500 without the URL, even when the server echoes it', async () => {
    server = await startWebhookServer((request) => ({ status: 500, body: `internal error handling http://127.0.0.1${request.url} token=${TOKEN}` }));
    const url = `http://127.0.0.1:${server.port}${PATH}`;
    const { result, output } = await captureOutput(() => notifySlack(loadDocument('softmax-bug'), { env: { [DEFAULT_WEBHOOK_ENV]: url } }));
    expect(result.ok).toBe(false);
    const error = (result as { error: string }).error;
    expect(error).toMatch(/^Slack notification failed: An HTTP protocol error occurred: statusCode = 500/);
    expect(error).toContain('[redacted]');
    expectNoSecret(error, url);
    expectNoSecret(output, url);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection without the URL', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}${PATH}`;
    const { result, output } = await captureOutput(() => notifySlack(loadDocument('softmax-bug'), { env: { [DEFAULT_WEBHOOK_ENV]: url } }));
    expect(result.ok).toBe(false);
    const error = (result as { error: string }).error;
    expect(error).toMatch(/ECONNREFUSED/);
    expectNoSecret(error, url);
    expectNoSecret(output, url);
  });
});

describe('resolveWebhookUrl', () => {
  it('explains a missing variable without sending anything', async () => {
    const result = await notifySlack(loadDocument('softmax-bug'), { env: {} });
    expect(result).toEqual({ ok: false, error: 'Slack notification not sent: environment variable MLREG_SLACK_WEBHOOK_URL is not set; expected the incoming-webhook URL there.' });
  });

  it('does not echo a value that is not a URL', () => {
    const result = resolveWebhookUrl({ env: { [DEFAULT_WEBHOOK_ENV]: `not a url ${TOKEN}` } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('rejects a webhook_env that is not a variable name', () => {
    const result = resolveWebhookUrl({ env: {}, settings: { webhook_env: 'https://hooks.slack.com/services/x' } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('hooks.slack.com');
  });
});

describe('notifier registry', () => {
  beforeEach(() => undefined);
  it('resolves slack by name and names the known notifiers otherwise', () => {
    expect(notifierNames).toEqual(['slack']);
    expect(getNotifier('slack').name).toBe('slack');
    expect(() => getNotifier('email')).toThrow('Unknown notifier "email": expected one of slack.');
  });
});
