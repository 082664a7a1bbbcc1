/**
 * Secrets stay secret, against a real webhook on 127.0.0.1: a trainer that prints its whole
 * environment (stdout, stderr, its failure reason) never sees mlreg's webhook, and no secret of
 * the environment (the webhook, a `*_KEY`, a database URL's password) appears in mlreg's output
 * or in any file under the project; the install-time build's code-cache run notifies no one.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../notify/server.js';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

const WEBHOOK_TOKEN = 'HookToken0123456789abcdef';
const TEAM_TOKEN = 'TeamHook9876543210zyxwvu';
const API_KEY = 'wandb-key-5f4dcc3b5aa765d61d8327deb882cf99';
const DB_PASSWORD = 'pg-pa55w0rd-xyz';
const SECRETS = [WEBHOOK_TOKEN, TEAM_TOKEN, API_KEY, DB_PASSWORD];

// Prints its environment everywhere it can, saves it in its run directory, fails one seed with it on stderr.
const TRAINER = `
const fs = require('node:fs');
const path = require('node:path');
const env = JSON.stringify(process.env);
console.log('environment: ' + env);
console.error('environment: ' + env);
fs.writeFileSync(path.join(process.env.MLREG_RUN_DIR, 'trainer-env.json'), env);
console.log('MLREG_LINK https://example.com/run?key=' + process.env.WANDB_API_KEY);
const seed = Number(process.env.MLREG_SEED);
if (seed === 5) { console.error('crashed with ' + env); process.exit(3); }
console.log('MLREG_METRIC ' + JSON.stringify({ loss: 1 + seed / 100 + Number(process.env.SHIFT || 0) }));
`;

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(dir)) if ((await readFile(join(dir, file))).includes(needle)) hits.push(file);
  return hits;
}

describe('secrets', () => {
  let server: WebhookServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    env = {
      MLREG_SLACK_WEBHOOK_URL: `http://127.0.0.1:${server.port}/services/T1/B2/${WEBHOOK_TOKEN}`,
      TEAM_HOOK: `http://127.0.0.1:${server.port}/services/T1/B3/${TEAM_TOKEN}`,
      WANDB_API_KEY: API_KEY,
      DATABASE_URL: `postgres://mlreg:${DB_PASSWORD}@db.example.internal:5432/history`,
    };
  });
  afterAll(async () => server?.close());

  it('keeps every secret of the environment out of output and files, and the webhooks away from trainers', async () => {
    const dir = await testProject({
      'train.cjs': TRAINER,
      'configs/head.yaml': [
        'name: head',
        'trainer:',
        '  adapter: command',
        '  command: [node, train.cjs]',
        'seeds: 6',
        'metrics:',
        '  loss: { direction: lower }',
        'notify:',
        '  slack: { webhook_env: TEAM_HOOK }',
        '',
      ].join('\n'),
      'configs/child.yaml': 'extends: head.yaml\nname: child\ntrainer:\n  env: { SHIFT: "0.5" }\n',
    });
    const head = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--report-dir', 'out-head'], { env });
    expect(head.exitCode, head.stderr).toBe(0);
    const child = await mlreg(dir, ['run', '--config', 'configs/child.yaml', '--report-dir', 'out', '--verbose'], { env });
    expect(child.exitCode, child.stderr).toBe(1);
    const json = await mlreg(dir, ['run', '--config', 'configs/child.yaml', '--json'], { env });
    expect(JSON.parse(json.stdout).runs.find((run: { seed: number }) => run.seed === 5).reason).toMatch(/crashed with /);

    // The config's own webhook variable notified, once per command.
    expect(server.requests.length).toBe(3);
    for (const request of server.requests) {
      expect(request.url).toMatch(/B3/);
      for (const secret of SECRETS) expect(request.body).not.toContain(secret);
    }
    for (const result of [head, child, json]) {
      for (const secret of SECRETS) expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    }

    // Trainers saw the secrets they may need (an API key), never mlreg's webhooks.
    const trainerEnvFiles = (await listFiles(dir)).filter((file) => file.endsWith('trainer-env.json'));
    expect(trainerEnvFiles.length).toBeGreaterThan(0);
    const seen = JSON.parse(await readFile(join(dir, trainerEnvFiles[0]!), 'utf8')) as Record<string, string>;
    expect(seen.WANDB_API_KEY).toBe(API_KEY);
    expect(seen).not.toHaveProperty('MLREG_SLACK_WEBHOOK_URL');
    expect(seen).not.toHaveProperty('TEAM_HOOK');

    // Every file under the project, SQLite history, logs, arm.json, baselines and reports included.
    const written = await listFiles(dir);
    expect(written).toEqual(expect.arrayContaining(['out/report.md', 'out/report.html', 'out/report.json', 'out/junit.xml', 'baselines/head.json']));
    expect(written.some((file) => file.endsWith('stderr.log'))).toBe(true);
    expect(written.some((file) => file.endsWith('runs.jsonl'))).toBe(true);
    expect(written.some((file) => file.includes('history'))).toBe(true);
    for (const secret of [WEBHOOK_TOKEN, TEAM_TOKEN]) expect(await filesContaining(dir, secret)).toEqual([]);
    // What the trainer itself wrote is its own business; nothing mlreg wrote holds the key or the password.
    for (const secret of [API_KEY, DB_PASSWORD]) {
      expect((await filesContaining(dir, secret)).filter((file) => !file.endsWith('trainer-env.json'))).toEqual([]);
    }
  }, 120_000);

  it('redacts secret trainer.env values of a config in arm.json', async () => {
    const dir = await testProject({
      'train.cjs': 'console.log("MLREG_METRIC " + JSON.stringify({ loss: Number(process.env.MLREG_SEED) }))',
      'configs/head.yaml':
        'name: head\ntrainer:\n  adapter: command\n  command: [node, train.cjs]\n  env: { HF_TOKEN: hf_abcdefghijklmnop, MODE: fast }\nseeds: 3\nmetrics:\n  loss: { direction: lower }\n',
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '-q']);
    expect(result.exitCode, result.stderr).toBe(0);
    const arm = (await listFiles(dir)).find((file) => file.endsWith('arm.json'))!;
    const described = JSON.parse(await readFile(join(dir, arm), 'utf8'));
    expect(described.config.trainer.env).toEqual({ HF_TOKEN: '***', MODE: 'fast' });
    expect(await filesContaining(dir, 'hf_abcdefghijklmnop')).toEqual(['configs/head.yaml']);
  }, 60_000);

  it('does not quote a file it cannot parse', async () => {
    const dir = await testProject({ shadow: 'root:$y$j9T$Secret0Hash:19000:0:99999:7:::\n', 'ok.json': '[1, 2, 3]' });
    const result = await mlreg(dir, ['compare', '--baseline', 'shadow', '--candidate', 'ok.json', '--direction', 'lower']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/shadow: expected JSON/);
    expect(result.stderr).not.toMatch(/root|Secret0Hash|\$y\$/);
  });

  it('builds the code cache without notifying anyone or touching the directory it is run from', async () => {
    // A copy of what the build needs, so that this build does not replace the dist/ other tests run.
    const copy = await mkdtemp(join(tmpdir(), 'mlreg-build-'));
    try {
      for (const path of ['bin', 'src', 'scripts', 'package.json', 'tsconfig.json']) await cp(join(repoRoot, path), join(copy, path), { recursive: true });
      await symlink(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
      await mkdir(join(copy, 'dist'));
      const project = await testProject({});
      const before = server.requests.length;
      const build = await execa(process.execPath, [join(copy, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(copy, 'scripts', 'bundle-cli.ts')], {
        cwd: project,
        env: { ...env, HISTORY_URL: env.DATABASE_URL! },
        reject: false,
      });
      expect(build.exitCode, build.stderr).toBe(0);
      expect(build.stdout).toMatch(/code cache \d+ KB/);
      expect(server.requests.length).toBe(before);
      expect(await listFiles(project)).toEqual([]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }, 120_000);
});
