/**
 * Slack after `run` and `suite run`, against a real HTTP server on 127.0.0.1: one message naming
 * the config (or suite) and its verdict; a failed notification is a warning that changes nothing;
 * the webhook URL appears in no output and no file mlreg writes.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startWebhookServer, type WebhookServer } from '../notify/server.js';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

const TOKEN = 'XyzSecretToken0123456789';
// 8 seeds: the runs are paired by seed, and with 6 pairs the sign-flip test's smallest p-value (2/64),
// Holm-adjusted over three metrics, cannot fail the softmax bug.
const QUICK = ['--seeds', '8', '--set', 'params.steps=150'];

/** Every file below `dir` whose bytes contain `needle` (SQLite and binary files included). */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(dir)) {
    if ((await readFile(join(dir, file))).includes(needle)) hits.push(file);
  }
  return hits;
}

interface Message {
  text: string;
  blocks: unknown[];
}

describe('Slack notifications', () => {
  let server: WebhookServer;
  let failing: WebhookServer;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    // Answers like a webhook that rejects the token, echoing the URL it was called with.
    failing = await startWebhookServer((request) => ({ status: 403, body: `invalid_token for ${request.url}` }));
    url = `http://127.0.0.1:${server.port}/services/T0001/B0002/${TOKEN}`;
    dir = await testProject(
      {
        'configs/team.yaml': 'extends: head.yaml\nname: team\nnotify:\n  slack:\n    webhook_env: TEAM_SLACK_HOOK\n',
      },
      { withExampleConfigs: true },
    );
    await cp(join(repoRoot, 'suites'), join(dir, 'suites'), { recursive: true });
  });
  afterAll(async () => {
    await server?.close();
    await failing?.close();
  });

  it('sends one message naming the config and its verdict after run, without changing the exit code', async () => {
    const before = server.requests.length;
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', ...QUICK, '--report-dir', 'out'], {
      env: { MLREG_SLACK_WEBHOOK_URL: url },
    });
    expect(result.exitCode).toBe(1);
    const received = server.requests.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.url).toBe(`/services/T0001/B0002/${TOKEN}`);
    const message = JSON.parse(received[0]!.body) as Message;
    expect(message.text).toMatch(/softmax-bug: fail/);
    expect(JSON.stringify(message.blocks)).toMatch(/out\/report\.html/);
    expect(result.stderr).not.toMatch(/warning/);
  }, 60_000);

  it('sends one message for a whole suite run', async () => {
    const before = server.requests.length;
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '-q'], { env: { MLREG_SLACK_WEBHOOK_URL: url } });
    expect(result.exitCode).toBe(0);
    const received = server.requests.slice(before);
    expect(received).toHaveLength(1);
    const message = JSON.parse(received[0]!.body) as Message;
    expect(message.text).toMatch(/hourly/);
    expect(message.text).toMatch(/pass/);
  }, 60_000);

  it('uses the variable the config names in notify.slack.webhook_env', async () => {
    const before = server.requests.length;
    const result = await mlreg(dir, ['run', '--config', 'configs/team.yaml', ...QUICK, '-q'], { env: { TEAM_SLACK_HOOK: url, MLREG_SLACK_WEBHOOK_URL: '' } });
    expect(result.exitCode).toBe(0);
    const received = server.requests.slice(before);
    expect(received).toHaveLength(1);
    expect((JSON.parse(received[0]!.body) as Message).text).toMatch(/team: pass/);
  }, 60_000);

  it('sends nothing and says nothing when no webhook is configured', async () => {
    const before = server.requests.length;
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', ...QUICK, '-q'], { env: { MLREG_SLACK_WEBHOOK_URL: '' } });
    expect(result.exitCode).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(result.stderr).not.toMatch(/Slack/);
  }, 60_000);

  it('warns without the URL when the webhook rejects the message or nothing listens, and keeps the exit code', async () => {
    const rejectedUrl = `http://127.0.0.1:${failing.port}/services/T0001/B0002/${TOKEN}`;
    const rejected = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', ...QUICK, '-q'], { env: { MLREG_SLACK_WEBHOOK_URL: rejectedUrl } });
    expect(rejected.exitCode).toBe(1);
    expect(failing.requests).toHaveLength(1);
    expect(rejected.stderr).toMatch(/warning: Slack notification failed.*403/);
    expect(rejected.stderr).toMatch(/the verdict and exit code are unchanged/);
    expect(`${rejected.stdout}${rejected.stderr}`).not.toContain(TOKEN);

    const deadUrl = `http://127.0.0.1:${await closedPort()}/services/T0001/B0002/${TOKEN}`;
    const dead = await mlreg(dir, ['suite', 'run', 'hourly', '-q'], { env: { MLREG_SLACK_WEBHOOK_URL: deadUrl } });
    expect(dead.exitCode).toBe(0);
    expect(dead.stderr).toMatch(/warning: Slack notification failed/);
    expect(`${dead.stdout}${dead.stderr}`).not.toContain(TOKEN);
  }, 60_000);

  it('leaves the URL in no file it wrote (.mlreg/, reports, baselines)', async () => {
    const written = await listFiles(dir);
    expect(written.some((file) => file.startsWith('.mlreg/'))).toBe(true);
    expect(written).toContain('out/report.html');
    expect(written.some((file) => file.startsWith('baselines/'))).toBe(true);
    expect(await filesContaining(dir, TOKEN)).toEqual([]);
    expect(await filesContaining(dir, `127.0.0.1:${server.port}`)).toEqual([]);
    // The check can fail: the configs do mention their own variable name.
    expect(await filesContaining(dir, 'TEAM_SLACK_HOOK')).toEqual(['configs/team.yaml']);
  });
});
