/**
 * A gate that cannot silently pass, through the real binary on the builtin trainer: a baseline
 * recorded for other values of its config heads every report (and stops the run with
 * --strict-baseline), and a suite whose seeds cannot reach significance stops before training.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlreg, testProject } from './harness.js';

interface Power {
  metric: string;
  canFail: boolean;
  smallestAdjustedPValue: number;
  detectable?: { difference: number; sds: number };
}
interface Doc {
  exitCode: number;
  config: { diff: Record<string, [unknown, unknown]> };
  baselineMismatch?: { baselineFile: string; differences?: Record<string, [unknown, unknown]> };
  power?: { metrics: Power[]; allowUnderpowered: boolean };
}

/** The example configs with HEAD shortened so the tests stay fast. */
async function quickProject(seeds: number, steps: number): Promise<string> {
  const dir = await testProject({}, { withExampleConfigs: true });
  const head = join(dir, 'configs/head.yaml');
  const text = await readFile(head, 'utf8');
  await writeFile(head, text.replace('steps: 400', `steps: ${steps}`).replace('seeds: 10', `seeds: ${seeds}`));
  return dir;
}

async function editHead(dir: string, from: string, to: string): Promise<void> {
  const head = join(dir, 'configs/head.yaml');
  await writeFile(head, (await readFile(head, 'utf8')).replace(from, to));
}

function invocations(dir: string, config: string): number {
  const runs = join(dir, '.mlreg/runs', config);
  return existsSync(runs) ? readdirSync(runs).length : 0;
}

describe('a baseline recorded for other values of its config', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await quickProject(6, 30);
    const first = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '-q']);
    expect(first.exitCode).toBe(0);
    await editHead(dir, 'width: 32', 'width: 40');
  }, 120_000);

  it('stores the resolved config it was recorded from', async () => {
    const baseline = JSON.parse(await readFile(join(dir, 'baselines/head.json'), 'utf8'));
    expect(baseline.config.params.width).toBe(32);
    expect(baseline.config.trainer.adapter).toBe('builtin');
    expect(baseline.config.seeds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(baseline.config.fingerprint).toBe(baseline.fingerprint);
  });

  it('edited HEAD: JSON, Markdown, HTML and JUnit name the changed parameter and the stale baseline', async () => {
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--json', '--report-dir', 'out', '-q']);
    expect(result.exitCode).not.toBe(2);
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.config.diff['params.width']).toEqual([32, 40]);
    expect(doc.baselineMismatch?.baselineFile).toBe('baselines/head.json');
    expect(doc.baselineMismatch?.differences).toEqual({ 'params.width': [32, 40] });
    const markdown = await readFile(join(dir, 'out/report.md'), 'utf8');
    expect(markdown).toMatch(/Stale baseline: baselines\/head\.json was recorded for other values of head/);
    expect(markdown).toContain('params.width: 32 when recorded, 40 now');
    expect(markdown).toContain('`mlreg baseline promote --config configs/head.yaml`');
    expect(markdown).toMatch(/\| `params\.width` \| `32` \| `40` \|/);
    expect(await readFile(join(dir, 'out/report.html'), 'utf8')).toContain('params.width: 32 when recorded, 40 now');
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toMatch(/<testcase name="stale-baseline"[\s\S]*?<skipped message="Stale baseline/);
    expect(doc.power?.metrics.map((m) => m.metric)).toEqual(['fid', 'loss', 'accuracy']);
  }, 120_000);

  it('an ablation with --set: the console heads its report with the stale baseline, and the power plan', async () => {
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/wider.yaml', '--set', 'params.momentum=0.8', '-q']);
    expect(result.exitCode).not.toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines[2]).toMatch(/^! Stale baseline: baselines\/head\.json was recorded for other values of head \(configs\/head\.yaml\)/);
    expect(result.stdout).toContain('params.width: 32 when recorded, 40 now');
    expect(result.stdout).toMatch(/fid: can detect ≥ \+\d[\d.]* fid, \d[\d.]* sd \(80% power/);
  }, 120_000);

  it('--strict-baseline: exit 2 before any training, naming the value and what to do', async () => {
    const before = invocations(dir, 'head');
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--strict-baseline']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('params.width: 32 when recorded, 40 now');
    expect(result.stderr).toContain('mlreg baseline promote --config configs/head.yaml');
    expect(invocations(dir, 'head')).toBe(before);
  });

  it('baseline_mismatch: fail in the config does the same', async () => {
    await writeFile(join(dir, 'configs/strict.yaml'), 'extends: head.yaml\nname: strict\nbaseline_mismatch: fail\n');
    const result = await mlreg(dir, ['run', '--config', 'configs/strict.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Stale baseline/);
    expect(invocations(dir, 'strict')).toBe(0);
  });

  it('config show and mlreg power (by baseline name) speak of the same baseline', async () => {
    const show = await mlreg(dir, ['config', 'show', '--config', 'configs/ablations/wider.yaml']);
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toContain('# baseline: compared with baselines/head.json');
    expect(show.stdout).toMatch(/# {3}fid: can detect ≥ \+/);
    const power = await mlreg(dir, ['power', '--baseline', 'head', '--metric', 'fid', '--effect', '10%']);
    expect(power.exitCode).toBe(0);
    expect(power.stdout).toMatch(/fid: \d+ seeds per arm/);
  });
});

describe('a 30-config × 3-metric suite with 3 seeds per config', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await quickProject(10, 10);
    const record = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '-q']);
    expect(record.exitCode).toBe(0);
    await mkdir(join(dir, 'configs/generated'));
    const entries: string[] = [];
    for (let i = 1; i <= 30; i++) {
      await writeFile(join(dir, `configs/generated/variant-${i}.yaml`), `extends: ../head.yaml\nname: variant-${i}\n`);
      entries.push(`  - config: ../configs/generated/variant-${i}.yaml`);
    }
    await mkdir(join(dir, 'suites'));
    await writeFile(join(dir, 'suites/wide.yaml'), `configs:\n${entries.join('\n')}\noverrides:\n  seeds: 3\ncorrection: holm\n`);
  }, 120_000);

  it('exits 2 before any training: the gate cannot fail, naming the metrics and what to do', async () => {
    const result = await mlreg(dir, ['suite', 'run', 'wide']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/This gate cannot fail on variant-1\/fid, variant-1\/loss, variant-1\/accuracy, .* and 84 more/);
    expect(result.stderr).toMatch(
      /with 10 baseline and 3 candidate runs the smallest p-value the test can give is [\d.]+; Holm over 90 tests makes it [\d.]+, above alpha 0\.05\. \d+ candidate seeds would make it possible/,
    );
    expect(result.stderr).toContain('--allow-underpowered');
    expect(existsSync(join(dir, '.mlreg/runs/variant-1'))).toBe(false);
  });

  it('--allow-underpowered runs it, with the headline in every report', async () => {
    const result = await mlreg(dir, ['suite', 'run', 'wide', '--allow-underpowered', '--json', '--report-dir', 'out', '-q']);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout) as { configs: Doc[] };
    expect(doc.configs).toHaveLength(30);
    expect(doc.configs[0]!.power).toMatchObject({ allowUnderpowered: true });
    expect(doc.configs.every((config) => config.power!.metrics.every((m) => !m.canFail))).toBe(true);
    const markdown = await readFile(join(dir, 'out/report.md'), 'utf8');
    expect(markdown).toMatch(/> ⚠️ \*\*This gate cannot fail on variant-1\/fid/);
    expect(markdown).toContain('Ran anyway (--allow-underpowered)');
    expect(await readFile(join(dir, 'out/report.html'), 'utf8')).toContain('This gate cannot fail on variant-1/fid');
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toMatch(/<testcase name="cannot-fail"[\s\S]*?<skipped message="This gate cannot fail on fid, loss, accuracy/);
  }, 300_000);

  it('--strict-baseline stops the suite before any training when HEAD was edited since its baseline', async () => {
    await editHead(dir, 'width: 32', 'width: 24');
    const before = invocations(dir, 'variant-1');
    const result = await mlreg(dir, ['suite', 'run', 'wide', '--strict-baseline', '--allow-underpowered']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Stale baseline: baselines/head.json was recorded for other values of head');
    expect(result.stderr).toContain('params.width: 32 when recorded, 24 now');
    expect(invocations(dir, 'variant-1')).toBe(before);
  });
});
