/**
 * Faults found before the GPU hours, each with its exit code (docs/exit-codes.md): an unusable
 * history or baseline file before any training, a broken baseline arm before the candidate's,
 * a misspelled metric after the first runs, a certain crash-rate regression without the
 * remaining seeds, and an internal error that is never exit 1.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { listFiles, mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const trainer = join(repoRoot, 'test/fixtures/trainers/fail-fast.mjs');
const moduleTrainer = join(repoRoot, 'test/fixtures/trainers/module-trainer.mjs');

function config(params: Record<string, unknown>, extra = '') {
  return `
trainer: { adapter: command, command: [node, ${JSON.stringify(trainer)}], timeout: 30 }
params: ${JSON.stringify(params)}
seeds: 10
metrics: { fid: lower }
${extra}`;
}

function baselineFile(metrics: Record<string, number[]>, name = 'head') {
  return storedBaseline(name, Object.fromEntries(Object.entries(metrics).map(([metric, samples]) => [metric, { direction: 'lower' as const, samples }])));
}

const tenSamples = [29.6, 30.2, 29.9, 30.4, 30.1, 29.7, 30.0, 30.3, 29.8, 30.05];
/** What the fixture trainer reports for seeds 0..9: the candidate's own distribution. */
const sameSamples = Array.from({ length: 10 }, (_, seed) => 30 + Math.sin((seed + 1) * 12.9898) * 0.5);

/** The run records of every arm of the project's invocations, by arm. */
async function journals(dir: string): Promise<Record<string, Array<{ seed: number; status: string; reason?: string }>>> {
  const found: Record<string, Array<{ seed: number; status: string; reason?: string }>> = {};
  const files = (await listFiles(dir)).filter((file) => file.endsWith('runs.jsonl'));
  for (const file of files) {
    const arm = file.split('/').at(-2)!;
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean);
    (found[arm] ??= []).push(...lines.map((line) => JSON.parse(line)));
  }
  return found;
}

describe('the run history is opened before the first trainer', () => {
  it('exits 3 naming a history file that is not a database, and trains nothing', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({}),
      'baselines/head.json': baselineFile({ fid: tenSamples }),
      '.mlreg/history.db': 'this is not an SQLite database, just some text that got here somehow\n'.repeat(20),
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/cannot use the run history .*\.mlreg\/history\.db: file is not a database/);
    expect(existsSync(join(dir, '.mlreg/runs'))).toBe(false);
  });

  it('exits 3 when the history path cannot be opened, and trains nothing', async () => {
    const dir = await testProject({ 'configs/head.yaml': config({}), 'baselines/head.json': baselineFile({ fid: tenSamples }) });
    await mkdir(join(dir, '.mlreg/history.db'));
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/cannot use the run history .*history\.db/);
    expect(existsSync(join(dir, '.mlreg/runs'))).toBe(false);
  });

  it('checks the history before a suite trains its first config', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({}),
      'suites/quick.yaml': 'configs:\n  - config: ../configs/head.yaml\n',
      '.mlreg/history.db': 'not a database\n'.repeat(100),
    });
    const result = await mlreg(dir, ['suite', 'run', 'quick']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/cannot use the run history .*\.mlreg\/history\.db: file is not a database/);
    expect((await listFiles(dir)).filter((file) => file.includes('runs'))).toEqual([]);
  });

  it('lets two runs create the history at the same time', async () => {
    const dir = await testProject({ 'configs/head.yaml': config({}), 'baselines/head.json': baselineFile({ fid: sameSamples }) });
    const [first, second] = await Promise.all([
      mlreg(dir, ['run', '--config', 'configs/head.yaml', '--seeds', '3', '-q']),
      mlreg(dir, ['run', '--config', 'configs/head.yaml', '--seeds', '3', '-q']),
    ]);
    expect(first.stderr).not.toMatch(/already exists/);
    expect(second.stderr).not.toMatch(/already exists/);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    const history = await mlreg(dir, ['history', '--runs', '--json']);
    expect(history.exitCode).toBe(0);
  });
});

describe('a baseline file without samples', () => {
  async function expectRejected(baseline: string, message: RegExp) {
    const dir = await testProject({ 'configs/head.yaml': config({}), 'configs/child.yaml': 'extends: head.yaml\n', 'baselines/head.json': baseline });
    const before = await listFiles(dir);
    const result = await mlreg(dir, ['run', '--config', 'configs/child.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await listFiles(dir)).toEqual(before);
  }

  it('exits 2 for an empty file, naming it, before anything runs', async () => {
    await expectRejected('', /baselines\/head\.json: expected JSON/);
  });

  it('exits 2 for a metric with no samples, naming the file and the metric', async () => {
    await expectRejected(baselineFile({ fid: [] }), /baselines\/head\.json: metrics\.fid\.samples: expected at least 2 samples to compare with, received 0/);
  });

  it('exits 2 for a baseline without any of the metrics', async () => {
    await expectRejected(baselineFile({}), /baselines\/head\.json: metrics: expected samples of fid to compare with, received no metrics/);
  });
});

describe('a broken baseline arm', () => {
  it('stops before the candidate arm with exit 3 and the shared reason', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'no-torch' }),
      'configs/child.yaml': 'extends: head.yaml\nparams: { centre: 31 }\n',
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/child.yaml', '--concurrency', '2']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/the baseline arm \(head\) cannot run: 3 runs in a row failed with the same reason:\n\s+ModuleNotFoundError: No module named 'torch'/);
    expect(result.stderr).toMatch(/the candidate arm \(child\) was not launched/);
    const arms = await journals(dir);
    expect(arms.candidate).toBeUndefined();
    expect(arms.baseline!.filter((record) => record.status === 'failed').length).toBeLessThan(10);
    expect(existsSync(join(dir, 'baselines'))).toBe(false);
    // Nothing to resume: the next run starts afresh.
    const resumed = await mlreg(dir, ['run', '--config', 'configs/child.yaml', '--resume', '--concurrency', '2']);
    expect(resumed.stderr).toMatch(/nothing to resume/);
  });

  it('stops `baseline record` the same way', async () => {
    const dir = await testProject({ 'configs/head.yaml': config({ mode: 'no-torch' }) });
    const result = await mlreg(dir, ['baseline', 'record', '--config', 'configs/head.yaml', '--concurrency', '1']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/the baseline arm \(head\) cannot run: 3 runs in a row failed with the same reason:\n\s+ModuleNotFoundError/);
    expect(result.stderr).toMatch(/stopped: no baseline was recorded/);
    expect((await journals(dir)).baseline!.map((record) => record.seed)).toEqual([0, 1, 2]);
    expect(existsSync(join(dir, 'baselines'))).toBe(false);
  });

  it('stops when its whole first wave fails, whatever the reasons', async () => {
    // Seeds 0-3 alternate between two reasons, so no three in a row share one.
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'mixed' }, 'seeds: 4\n').replace('seeds: 10\n', ''),
      'configs/child.yaml': 'extends: head.yaml\nseeds: 10\n',
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/child.yaml', '--concurrency', '4']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/the baseline arm \(head\) cannot run: its first 4 runs all failed:/);
    expect(result.stderr).toMatch(/seed 0: failed: trainer exited with code 3 … RuntimeError: CUDA error/);
    expect(result.stderr).toMatch(/seed 1: failed: trainer exited with code 2 … OSError: \[Errno 28\] No space left on device/);
    expect(result.stderr).toMatch(/stopped: no baseline was recorded and the candidate arm \(child\) was not launched/);
    expect((await journals(dir)).candidate).toBeUndefined();
  });

  it('records a module trainer whose report() call has the wrong shape as failed, naming the signature', async () => {
    const dir = await testProject({
      'configs/head.yaml': `
trainer: { adapter: module, module: ${JSON.stringify(moduleTrainer)}, export: reportsWrongShape }
seeds: 4
metrics: { loss: lower }
`,
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--concurrency', '1']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/report\(\) takes 2 arguments: report\(step: number, values: \{ \[metric: string\]: number \}\)/);
    const arms = await journals(dir);
    expect(arms.baseline![0]).toMatchObject({ status: 'failed' });
    expect(arms.baseline![0]!.reason).toMatch(/received report\(\{"loss":0\.5\}\)/);
  });
});

describe('a metric no run reports', () => {
  it('stops after the first runs with exit 2 and a suggestion', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'metric' }, 'metrics: { test_eror: lower }\n').replace('metrics: { fid: lower }\n', ''),
      'baselines/head.json': baselineFile({ test_eror: tenSamples }),
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--concurrency', '2']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/configs\/head\.yaml: metrics\.test_eror: expected a metric the trainer reports, received "test_eror"/);
    expect(result.stderr).toMatch(/they reported: loss, test_error\); did you mean `test_error`\?/);
    const arms = await journals(dir);
    expect(arms.candidate!.filter((record) => record.status !== 'cancelled').length).toBeLessThanOrEqual(3);
  });

  it("in a suite, is bad input (exit 2) while the suite's other configs are still tested", async () => {
    const dir = await testProject({
      'configs/head.yaml': config({}),
      'configs/typo.yaml': config({ mode: 'metric' }, 'metrics: { test_eror: lower }\n').replace('metrics: { fid: lower }\n', ''),
      'baselines/head.json': baselineFile({ fid: sameSamples }),
      'baselines/typo.json': baselineFile({ test_eror: tenSamples }, 'typo'),
      'suites/quick.yaml': 'configs:\n  - config: ../configs/head.yaml\n  - config: ../configs/typo.yaml\noverrides:\n  seeds: 4\n',
    });
    const result = await mlreg(dir, ['suite', 'run', 'quick', '--json', '--allow-underpowered']);
    expect(result.exitCode).toBe(2);
    const doc = JSON.parse(result.stdout);
    expect(doc.reasons).toContainEqual(expect.objectContaining({ code: 'config-input-error', config: 'typo' }));
    expect(doc.configs.map((c: { config: { name: string } }) => c.config.name)).toEqual(['head']);
  });
});

describe('a certain crash-rate regression', () => {
  it('stops launching candidate runs once the remaining seeds cannot change it, and exits 1', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'crash' }, 'seeds: 20\n').replace('seeds: 10\n', ''),
      'baselines/head.json': baselineFile({ fid: tenSamples }),
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--concurrency', '1', '--json']);
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(result.stdout);
    // 7 failed of 20 against 0 of 10: one-sided Fisher p = C(20,7)/C(30,7) = 0.038 even if 13 more succeed.
    expect(doc.runs).toHaveLength(7);
    expect(doc.failureRate.verdict).toBe('regression');
    expect(doc.reasons.map((reason: { code: string }) => reason.code)).toEqual(expect.arrayContaining(['failure-rate', 'stopped-early']));
    expect(doc.reasons.find((reason: { code: string }) => reason.code === 'stopped-early').detail).toMatch(
      /^13 of 20 candidate seeds were not launched: after 7 failed runs against 0 of 10 in the baseline/,
    );
  });
});

describe('exit 1 belongs to a verdict', () => {
  it('exits 3 with "internal error" for an exception nobody catches', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'slow', ms: 3000 }),
      'baselines/head.json': baselineFile({ fid: tenSamples }),
      'inject.mjs': "setTimeout(() => { throw new TypeError('injected fault'); }, 500);\n",
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml'], { env: { NODE_OPTIONS: `--import ${join(dir, 'inject.mjs')}` } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/mlreg: internal error: injected fault \(set MLREG_DEBUG=1 for details\)/);
  });

  it('exits 3 for a promise rejection nobody handles', async () => {
    const dir = await testProject({
      'configs/head.yaml': config({ mode: 'slow', ms: 3000 }),
      'baselines/head.json': baselineFile({ fid: tenSamples }),
      'inject.mjs': "setTimeout(() => { Promise.reject(new Error('injected rejection')); }, 500);\n",
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml'], { env: { NODE_OPTIONS: `--import ${join(dir, 'inject.mjs')}`, MLREG_DEBUG: '1' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/mlreg: internal error: Error: injected rejection\n\s+at /);
  });
});

describe('a broken installation of mlreg', () => {
  it('exits 3, not 1, when the bundle is missing or does not load', async () => {
    const dir = await testProject();
    await mkdir(join(dir, 'install/bin'), { recursive: true });
    await mkdir(join(dir, 'install/dist'));
    await writeFile(join(dir, 'install/bin/mlreg.js'), await readFile(join(repoRoot, 'bin/mlreg.js')));
    const bin = join(dir, 'install/bin/mlreg.js');
    const missing = await execa('node', [bin, '--version'], { reject: false });
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toMatch(/cli\.vm\.js is missing: run `npm run build`/);
    for (const broken of ['this is (not JavaScript', '(function () { throw new TypeError("boom while loading"); })']) {
      await writeFile(join(dir, 'install/dist/cli.vm.js'), broken);
      const result = await execa('node', [bin, '--version'], { reject: false });
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toMatch(/^mlreg: internal error: cannot load .*cli\.vm\.js: .*; rebuild it \(npm run build\)$/);
    }
  });
});

describe('config mistakes found before anything runs', () => {
  it('exits 2 for a YAML alias bomb, naming the file', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [previous, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
      ['g', 'h'],
      ['h', 'i'],
    ]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const dir = await testProject({ 'configs/bomb.yaml': `${levels.join('\n')}\n` });
    const before = await listFiles(dir);
    const result = await mlreg(dir, ['run', '--config', 'configs/bomb.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/configs\/bomb\.yaml: expected a config file whose aliases \(\*name\) expand at most 100 times/);
    expect(await listFiles(dir)).toEqual(before);
  });

  it('caps --seeds like the config key', async () => {
    const dir = await testProject({ 'configs/head.yaml': config({}) });
    for (const args of [
      ['--seeds', '10001'],
      ['--sequential', '--max-seeds', '1000000'],
    ]) {
      const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', ...args]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/expected at most 10000 seeds/);
    }
    expect(await readdir(join(dir, '.mlreg'))).toEqual([]);
  });

  it('validates a name taken from the file name like `name:`', async () => {
    const dir = await testProject({ 'configs/...yaml': config({}) });
    const before = await listFiles(dir);
    const result = await mlreg(dir, ['run', '--config', 'configs/...yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/configs\/\.\.\.yaml: name: expected a name of letters, digits.*received "\.\." from the file name "\.\.\.yaml"; set `name:` in the file/);
    expect(await listFiles(dir)).toEqual(before);
    await writeFile(join(dir, 'configs/...yaml'), `${config({})}name: dots\n`);
    const named = await mlreg(dir, ['config', 'show', '--config', 'configs/...yaml']);
    expect(named.exitCode).toBe(0);
  });
});
