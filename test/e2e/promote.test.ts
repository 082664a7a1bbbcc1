/** `mlreg baseline promote`: the candidate arm of a finished run becomes the baseline, keeping the old one's summary. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

interface Baseline {
  name: string;
  fingerprint: string;
  recordedAt: string;
  seeds: number[];
  metrics: Record<string, { direction: string; samples: number[] }>;
  previous?: Array<{ recordedAt: string; fingerprint: string; metrics: Record<string, { n: number; mean: number; sd: number }> }>;
  config?: { fingerprint: string; seeds: number[]; params: Record<string, unknown>; trainer: Record<string, unknown> };
}

interface Doc {
  verdict: string;
  config: { fingerprint: string };
  baseline: { baselineFile?: string; name: string };
  candidate: { samples: Record<string, number[]> };
}

const QUICK = ['--seeds', '6', '--set', 'params.steps=150'];
const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Baseline;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('baseline promote', () => {
  let dir: string;
  let widerRun: Doc;

  beforeAll(async () => {
    dir = await testProject({}, { withExampleConfigs: true });
    // HEAD's baseline is recorded on the way; wider is compared with it.
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/wider.yaml', ...QUICK, '--json']);
    widerRun = JSON.parse(result.stdout) as Doc;
    expect(widerRun.baseline.name).toBe('head');
  }, 60_000);

  it('refuses when the run was made with other overrides than it is asked about (exit 2)', async () => {
    const result = await mlreg(dir, ['baseline', 'promote', '--config', 'configs/ablations/wider.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /expected a finished run of wider with fingerprint [0-9a-f]{12} in .*runs\/wider, received none; 1 finished run\(s\) were made with another version/,
    );
    expect(existsSync(join(dir, 'baselines/wider.json'))).toBe(false);
  });

  it('writes the candidate arm of the newest finished run as baselines/<name>.json', async () => {
    const result = await mlreg(dir, ['baseline', 'promote', '--config', 'configs/ablations/wider.yaml', '--set', 'params.steps=150']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/promoted .*\.mlreg\/runs\/wider\/.* to .*baselines\/wider\.json: 6 of 6 runs of wider/);
    const promoted = await read(join(dir, 'baselines/wider.json'));
    expect(promoted.name).toBe('wider');
    expect(promoted.fingerprint).toBe(widerRun.config.fingerprint);
    expect(promoted.seeds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(promoted.metrics.fid!.samples).toEqual(widerRun.candidate.samples.fid);
    expect(promoted.metrics.fid!.direction).toBe('lower');
    expect(promoted.previous).toBeUndefined();
    // The config the promoted runs were made with, so a later run can say what differs from it.
    expect(promoted.config).toMatchObject({ fingerprint: widerRun.config.fingerprint, seeds: [0, 1, 2, 3, 4, 5], params: { steps: 150 }, trainer: { adapter: 'builtin' } });
  });

  it('is the baseline of the next run, and promoting again keeps the replaced one in `previous`', async () => {
    const next = await mlreg(dir, ['run', '--config', 'configs/ablations/wider.yaml', ...QUICK, '--json']);
    const doc = JSON.parse(next.stdout) as Doc;
    expect(doc.baseline.baselineFile).toBe('baselines/wider.json');
    expect(doc.verdict).toBe('pass');
    const first = await read(join(dir, 'baselines/wider.json'));

    const runs = (await readdir(join(dir, '.mlreg/runs/wider'))).sort();
    const result = await mlreg(dir, ['baseline', 'promote', '--from', `.mlreg/runs/wider/${runs.at(-1)}`, '--set', 'params.steps=150', '--json']);
    expect(result.exitCode).toBe(0);
    const second = JSON.parse(result.stdout) as Baseline;
    expect(second).toEqual(await read(join(dir, 'baselines/wider.json')));
    expect(second.previous).toHaveLength(1);
    expect(second.previous![0]!.recordedAt).toBe(first.recordedAt);
    expect(second.previous![0]!.fingerprint).toBe(first.fingerprint);
    expect(second.previous![0]!.metrics.fid!.n).toBe(6);
    expect(second.previous![0]!.metrics.fid!.mean).toBeCloseTo(mean(first.metrics.fid!.samples), 12);
    expect(second.recordedAt).not.toBe(first.recordedAt);
  }, 60_000);

  it("promotes a suite's run into the suite's own baselines", async () => {
    const suiteDir = await testProject(
      { 'suites/quick.yaml': 'configs:\n  - config: ../configs/head.yaml\n  - config: ../configs/ablations/wider.yaml\noverrides:\n  params: { steps: 120 }\n  seeds: 5\n' },
      { withExampleConfigs: true },
    );
    expect((await mlreg(suiteDir, ['suite', 'run', 'quick', '-q'])).exitCode).not.toBe(2);
    const result = await mlreg(suiteDir, ['baseline', 'promote', '--config', 'configs/ablations/wider.yaml', '--suite', 'quick']);
    expect(result.exitCode).toBe(0);
    const promoted = await read(join(suiteDir, 'baselines/quick/wider.json'));
    expect(promoted.metrics.loss!.samples).toHaveLength(5);
    expect(existsSync(join(suiteDir, 'baselines/wider.json'))).toBe(false);
  }, 60_000);

  it('says what it needs when there is nothing to promote', async () => {
    const empty = await testProject({}, { withExampleConfigs: true });
    const none = await mlreg(empty, ['baseline', 'promote', '--config', 'configs/head.yaml']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/run `mlreg run --config configs\/head\.yaml` first/);
    const neither = await mlreg(empty, ['baseline', 'promote']);
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toMatch(/expected --config FILE or --from DIR/);
  });
});
