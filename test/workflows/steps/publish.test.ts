/** The publish step of `mlreg run` and `mlreg suite run`: reports written, then one notification, its failure a warning. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_ENV } from '../../../src/notify/slack.js';
import { publish } from '../../../src/workflows/steps/publish.js';
import { closedPort, startWebhookServer, type WebhookServer } from '../../notify/server.js';
import { loadDocument, suiteDocument } from '../../report/fixtures.js';

const TOKEN = 'FAKEtok3nPublishStep';

describe('publish', () => {
  let server: WebhookServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes every report format, then notifies linking the HTML report it wrote', async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    dir = await mkdtemp(join(tmpdir(), 'mlreg-publish-'));
    const reportDir = join(dir, 'out');
    const env = { [DEFAULT_WEBHOOK_ENV]: `http://127.0.0.1:${server.port}/services/T0/B0/${TOKEN}` };
    const doc = loadDocument('softmax-bug');
    const published = await publish(doc, undefined, { reportDir, env });
    expect(published.doc).toBe(doc);
    expect((await readdir(reportDir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(published.reportFiles).toEqual(['report.md', 'junit.xml', 'report.json', 'report.html'].map((name) => join(reportDir, name)));
    expect(published.warnings).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toContain(join(reportDir, 'report.html'));
  });

  it('uses the webhook variable the settings name, and sends nothing without it', async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    const env = { TEAM_WEBHOOK: `http://127.0.0.1:${server.port}/services/T0/B0/${TOKEN}` };
    const quiet = await publish(suiteDocument(), undefined, { env });
    expect(quiet).toMatchObject({ reportFiles: [], warnings: [] });
    expect(server.requests).toHaveLength(0);
    await publish(suiteDocument(), { slack: { webhook_env: 'TEAM_WEBHOOK' } }, { env });
    expect(server.requests).toHaveLength(1);
  });

  it('returns a failed notification as one warning without the webhook URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/services/T0/B0/${TOKEN}`;
    const published = await publish(loadDocument('softmax-bug'), undefined, { env: { [DEFAULT_WEBHOOK_ENV]: url } });
    expect(published.warnings).toHaveLength(1);
    expect(published.warnings[0]).toMatch(/^warning: .*; the verdict and exit code are unchanged$/);
    expect(published.warnings[0]).not.toContain(TOKEN);
  });
});
