/** The README's quick start on the built-in example trainer, end to end through the real binary. */
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

interface Doc {
  verdict: string;
  exitCode: number;
  comparisons: Array<{ metric: string; verdict: string }>;
  baseline: { source: string };
  runs: Array<{ arm: string; status: string }>;
}

/**
 * The first run (the softmax bug) records HEAD's baseline; it is made once, and every test that runs
 * mlreg again does so in a copy of that project, so the tests do not depend on each other's order.
 */
describe('the example configs on the builtin trainer', () => {
  let recorded: string;
  let first: Doc;

  beforeAll(async () => {
    recorded = await testProject({}, { withExampleConfigs: true });
    const result = await mlreg(recorded, ['run', '--config', 'configs/ablations/softmax-bug.yaml', '--json']);
    first = JSON.parse(result.stdout) as Doc;
    expect(result.exitCode).toBe(1);
  }, 120_000);

  /** A project of its own with the example configs, HEAD's baseline and the softmax bug's run in its history. */
  async function projectWithBaseline(): Promise<string> {
    const dir = await testProject();
    await cp(recorded, dir, { recursive: true });
    return dir;
  }

  it('catches the silent softmax bug as a regression, running HEAD for its baseline first', () => {
    expect(first.baseline.source).toBe('runs');
    expect(first.runs.filter((run) => run.arm === 'baseline')).toHaveLength(10);
    expect(first.comparisons.map((c) => c.verdict)).toContain('regression');
    expect(first.verdict).toBe('fail');
    const baseline = JSON.parse(readFileSync(join(recorded, 'baselines/head.json'), 'utf8'));
    expect(baseline.metrics.fid.samples).toHaveLength(10);
    expect(baseline.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags evaluating on training data as suspicious', async () => {
    const dir = await projectWithBaseline();
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/eval-on-train.yaml', '--json']);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.baseline.source).toBe('baseline-file');
    expect(doc.comparisons.map((c) => c.verdict)).toContain('suspicious');
    expect(result.exitCode).toBe(1);
  });

  it('accepts the flag that says an improvement is expected', async () => {
    const dir = await projectWithBaseline();
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/eval-on-train.yaml', '--expect-improvement', '--json']);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.comparisons.map((c) => c.verdict)).not.toContain('suspicious');
    expect(result.exitCode).toBe(0);
  });

  it('passes HEAD against its own baseline with a readable table, keeping each run in its own directory and every invocation in the SQLite history', async () => {
    const dir = await projectWithBaseline();
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/fid/);
    expect(result.stdout).toMatch(/PASS/);
    expect(result.stdout).not.toMatch(/\u001b\[/);

    const runs = join(dir, '.mlreg/runs/head');
    const [invocation] = readdirSync(runs);
    const arm = join(runs, invocation!, 'candidate');
    expect(readdirSync(arm).filter((name) => name.startsWith('seed-'))).toHaveLength(10);
    expect(JSON.parse(readFileSync(join(arm, 'arm.json'), 'utf8')).config.name).toBe('head');
    const records = readFileSync(join(arm, 'runs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => record.seed).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(records.every((record) => record.status === 'ok' && Number.isFinite(record.metrics.fid))).toBe(true);

    const db = new Database(join(dir, '.mlreg/history.db'), { readonly: true });
    const configs = db.prepare('SELECT config, verdict FROM invocations ORDER BY id').all() as Array<{ config: string; verdict: string }>;
    db.close();
    expect(configs).toEqual([
      { config: 'softmax-bug', verdict: 'fail' },
      { config: 'head', verdict: 'pass' },
    ]);
  });

  it('shows the resolved config and where each value came from', async () => {
    const dir = await projectWithBaseline();
    const result = await mlreg(dir, ['config', 'show', '--config', 'configs/ablations/wider.yaml', '--json']);
    expect(result.exitCode).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.config.params.width).toBe(64);
    expect(shown.sources['params.width']).toMatch(/wider\.yaml/);
    expect(shown.sources['params.learning_rate']).toMatch(/head\.yaml/);
  });

  it("finds the project's baselines and state from a subdirectory of its repository", async () => {
    const dir = await projectWithBaseline();
    await mkdir(join(dir, '.git'));
    const result = await mlreg(join(dir, 'configs/ablations'), ['run', '--config', 'wider.yaml', '--json']);
    const doc = JSON.parse(result.stdout) as Doc & { baseline: { baselineFile?: string } };
    expect(doc.baseline).toMatchObject({ source: 'baseline-file', baselineFile: 'baselines/head.json' });
    expect(readdirSync(join(dir, 'configs/ablations')).sort()).toEqual(['eval-on-train.yaml', 'softmax-bug.yaml', 'wider.yaml']);
    expect(readdirSync(join(dir, '.mlreg/runs'))).toContain('wider');
  });
});

describe('mlreg compare', () => {
  it('compares two JSON arrays and exits by the verdict', async () => {
    const dir = await testProject({
      'base.json': JSON.stringify([10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.05, 9.95]),
      'worse.json': JSON.stringify([11.2, 11.0, 11.4, 10.9, 11.3, 11.1, 11.25, 11.05]),
    });
    const result = await mlreg(dir, ['compare', '--baseline', 'base.json', '--candidate', 'worse.json', '--direction', 'lower', '--json']);
    const doc = JSON.parse(result.stdout);
    expect(doc.comparisons[0].verdict).toBe('regression');
    expect(result.exitCode).toBe(1);
  });

  it('asks for a direction when the files do not say it', async () => {
    const dir = await testProject({ 'a.json': '[1, 2, 3]', 'b.json': '[1, 2, 4]' });
    const result = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--direction/);
  });

  it('names the file and the position of a bad value', async () => {
    const dir = await testProject({ 'a.json': '[1, 2, 3]', 'b.json': '{"fid": [1, "x", 3]}' });
    const result = await mlreg(dir, ['compare', '--baseline', 'a.json', '--candidate', 'b.json', '--direction', 'lower']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/b\.json: fid\.1: expected a finite number, received "x"/);
  });
});
