/** `mlreg suite run`: the shipped hourly suite on a fresh checkout, a failing suite, bad suite files. */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

interface SuiteDoc {
  kind: string;
  suite: { name: string; file: string };
  verdict: string;
  exitCode: number;
  adjustment: { method: string; family: number; tests: Array<{ config: string; metric: string; rejected: boolean }> };
  configs: Array<{
    config: { name: string; fingerprint: string };
    verdict: string;
    baseline: { source: string; baselineFile?: string; fingerprint: string };
    comparisons: Array<{ metric: string; verdict: string }>;
    reasons: Array<{ code: string }>;
    history?: Record<string, Array<{ value: number }>>;
  }>;
  reasons: Array<{ code: string; config?: string }>;
}

async function suiteProject(): Promise<string> {
  const dir = await testProject({}, { withExampleConfigs: true });
  await cp(join(repoRoot, 'suites'), join(dir, 'suites'), { recursive: true });
  return dir;
}

describe('the hourly suite on a fresh checkout', () => {
  let dir: string;
  let first: SuiteDoc;
  let firstExit: number | undefined;

  beforeAll(async () => {
    dir = await suiteProject();
    // A full-length HEAD baseline with absurd values: the hourly suite must not compare with it.
    const plain = JSON.parse((await mlreg(dir, ['config', 'show', '--config', 'configs/head.yaml', '--json'])).stdout) as { fingerprint: string };
    await mkdir(join(dir, 'baselines'));
    await writeFile(
      join(dir, 'baselines/head.json'),
      JSON.stringify({
        schema: 'mlreg.baseline/1',
        name: 'head',
        configFile: 'configs/head.yaml',
        fingerprint: plain.fingerprint,
        recordedAt: '2026-01-01T00:00:00.000Z',
        gitCommit: null,
        mlregVersion: '0.1.0',
        seeds: [0, 1, 2],
        metrics: {
          fid: { direction: 'lower', samples: [100, 101, 102] },
          loss: { direction: 'lower', samples: [9, 9.1, 9.2] },
          accuracy: { direction: 'higher', samples: [0.1, 0.11, 0.12] },
        },
        runs: [0, 1, 2].map((seed) => ({ seed, status: 'ok', metrics: {} })),
      }),
    );
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '--json']);
    firstExit = result.exitCode;
    first = JSON.parse(result.stdout) as SuiteDoc;
  }, 120_000);

  it("runs every config of the suite and exits by the suite's verdict", () => {
    expect(first.kind).toBe('suite');
    expect(first.suite).toEqual({ name: 'hourly', file: 'suites/hourly.yaml' });
    expect(first.configs.map((doc) => doc.config.name)).toEqual(['head', 'wider']);
    expect(first.verdict).toBe('pass');
    expect(firstExit).toBe(0);
  });

  it("records HEAD's shorter-training baseline in baselines/hourly/ instead of using the full-length one", async () => {
    const [head, wider] = first.configs;
    expect(head!.reasons.map((reason) => reason.code)).toEqual(['baseline-recorded']);
    const recorded = JSON.parse(await readFile(join(dir, 'baselines/hourly/head.json'), 'utf8')) as { fingerprint: string; metrics: { fid: { samples: number[] } } };
    expect(recorded.metrics.fid.samples).toHaveLength(6);
    expect(recorded.fingerprint).toBe(head!.config.fingerprint);
    expect(wider!.baseline.baselineFile).toBe('baselines/hourly/head.json');
    expect(wider!.baseline.fingerprint).toBe(recorded.fingerprint);
    // The full-length file is untouched (3 absurd samples).
    const full = JSON.parse(await readFile(join(dir, 'baselines/head.json'), 'utf8')) as { metrics: { fid: { samples: number[] } } };
    expect(full.metrics.fid.samples).toEqual([100, 101, 102]);
  });

  it('decides a second run as one family across configs × metrics and keeps it in the history', async () => {
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '--json']);
    const second = JSON.parse(result.stdout) as SuiteDoc;
    expect(result.exitCode).toBe(0);
    expect(second.configs[0]!.baseline.source).toBe('baseline-file');
    expect(second.adjustment.method).toBe('holm');
    expect(second.adjustment.family).toBe(6);
    expect(new Set(second.adjustment.tests.map((test) => test.config))).toEqual(new Set(['head', 'wider']));
    expect(second.configs[1]!.history?.loss).toHaveLength(2);

    const db = new Database(join(dir, '.mlreg/history.db'), { readonly: true });
    const rows = db.prepare('SELECT kind, suite, suite_run AS suiteRun, config FROM invocations ORDER BY id').all() as Array<{
      kind: string;
      suite: string;
      suiteRun: string;
      config: string;
    }>;
    db.close();
    expect(rows.map((row) => `${row.kind}/${row.suite}/${row.config}`)).toEqual(['suite/hourly/head', 'suite/hourly/wider', 'suite/hourly/head', 'suite/hourly/wider']);
    expect(rows[0]!.suiteRun).toBe(rows[1]!.suiteRun);
    expect(rows[2]!.suiteRun).not.toBe(rows[0]!.suiteRun);
  }, 60_000);

  it('writes one report set for the whole suite', async () => {
    const result = await mlreg(dir, ['suite', 'run', 'hourly', '--report-dir', 'out']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/suite hourly\s+PASS/);
    expect((await listFiles(join(dir, 'out'))).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    const markdown = await readFile(join(dir, 'out/report.md'), 'utf8');
    expect(markdown).toMatch(/mlreg suite `hourly`/);
    expect(markdown).toMatch(/Holm/);
  }, 60_000);
});

describe('a suite that catches a bug', () => {
  it('fails (exit 1) on the softmax bug after the suite-wide correction, naming the config', async () => {
    const dir = await testProject(
      {
        'suites/bugs.yaml': `configs:
  - config: ../configs/head.yaml
  - config: ../configs/ablations/softmax-bug.yaml
overrides:
  params: { steps: 150 }
  seeds: 6
correction: bh
`,
      },
      { withExampleConfigs: true },
    );
    const result = await mlreg(dir, ['suite', 'run', 'bugs', '--json']);
    const doc = JSON.parse(result.stdout) as SuiteDoc;
    expect(result.exitCode).toBe(1);
    expect(doc.verdict).toBe('fail');
    expect(doc.adjustment.method).toBe('bh');
    const bug = doc.configs.find((config) => config.config.name === 'softmax-bug')!;
    expect(bug.verdict).toBe('fail');
    expect(bug.comparisons.filter((c) => c.verdict === 'regression').length).toBeGreaterThan(0);
    expect(doc.reasons.some((reason) => reason.config === 'softmax-bug' && reason.code === 'regression')).toBe(true);
    // The suite's runs were short: its baselines are its own.
    expect(existsSync(join(dir, 'baselines/bugs/head.json'))).toBe(true);
    expect(existsSync(join(dir, 'baselines/head.json'))).toBe(false);
  }, 60_000);
});

describe('suite run --dry-run', () => {
  it("prints what each config would launch, with the suite's seeds and baselines, and writes nothing", async () => {
    const dir = await suiteProject();
    const before = await listFiles(dir);
    const text = await mlreg(dir, ['suite', 'run', 'hourly', '--dry-run']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^dry run of suite hourly \(2 configs\): nothing is submitted or written\n/);
    expect(text.stdout).toContain('dry run of head: nothing is submitted or written');
    expect(text.stdout).toContain('dry run of wider: nothing is submitted or written');

    const json = await mlreg(dir, ['suite', 'run', 'hourly', '--dry-run', '--json']);
    const preview = JSON.parse(json.stdout) as { suite: string; configs: Array<{ config: string; baseline: { kind: string }; arms: Array<{ arm: string; seeds: number[] }> }> };
    expect(preview.suite).toBe('hourly');
    expect(preview.configs.map((config) => [config.config, config.baseline.kind, config.arms.map((arm) => arm.arm)])).toEqual([
      ['head', 'record-only', ['baseline']],
      ['wider', 'run', ['baseline', 'candidate']],
    ]);
    // The suite's own seed count (suites/hourly.yaml: overrides.seeds 6), not the configs'.
    expect(preview.configs[1]!.arms[1]!.seeds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await listFiles(dir)).toEqual(before);
  });
});

describe('bad suites', () => {
  it('names the suite file and the key, runs nothing and writes nothing (exit 2)', async () => {
    const dir = await testProject({ 'suites/typo.yaml': 'configs:\n  - config: ../configs/head.yaml\n    seed: 3\n' }, { withExampleConfigs: true });
    const before = await listFiles(dir);
    const result = await mlreg(dir, ['suite', 'run', 'typo']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/invalid suite suites\/typo\.yaml/);
    expect(result.stderr).toMatch(/suites\/typo\.yaml: configs\.0\.seed: expected a known key, received unknown key `seed` \(line 3\); did you mean `seeds`/);
    expect(await listFiles(dir)).toEqual(before);
  });

  it('says where it looked for a suite that does not exist', async () => {
    const dir = await testProject({}, { withExampleConfigs: true });
    const result = await mlreg(dir, ['suite', 'run', 'nightlly']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/suites\/nightlly\.yaml: expected a readable suite file, received no such file/);
  });
});
