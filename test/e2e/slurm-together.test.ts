/**
 * Everything at once on the Slurm dev cluster: a run's two arms are both in the queue before
 * either finishes, and a suite's three configs are all submitted before any run ends. Skipped
 * where `sinfo` does not answer, unless MLREG_SLURM_TESTS=required.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlurmJobJournal } from '../../src/launchers/slurm/journal.js';
import type { RunRecord } from '../../src/model/run-record.js';
import { lockCluster } from '../launchers/slurm/cluster-lock.js';
import { listFiles, mlreg, repoRoot, testProject } from './harness.js';

const clusterAnswers = spawnSync('sinfo', ['--noheader'], { timeout: 10_000 }).status === 0;
const clusterRequired = process.env.MLREG_SLURM_TESTS === 'required';
const trainer = join(repoRoot, 'test/fixtures/slurm/trainer.mjs');
const POLL_ENV = { MLREG_SLURM_POLL_MS: '500' };

/** A root config on Slurm whose two seeds train for `runMs`. */
function slurmConfig(name: string, runMs: number, extra: object = {}): string {
  return JSON.stringify({
    name,
    trainer: { adapter: 'command', command: ['node', trainer] },
    params: { run_ms: runMs },
    seeds: [0, 1],
    metrics: { score: 'higher' },
    launcher: { type: 'slurm', slurm: { time: '00:05:00', cpus_per_task: 1 } },
    ...extra,
  });
}

/** Every arm journal under the project that names a submitted array (before sbatch answers, a journal notes it pending), by its directory. */
async function journals(dir: string): Promise<Map<string, SlurmJobJournal>> {
  const files = (await listFiles(dir)).filter((file) => file.endsWith('slurm-job.json'));
  const read = files.map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as SlurmJobJournal] as const);
  return new Map(read.filter(([, journal]) => journal.submissions.length > 0));
}

/** When each run under the project ended, from its result.json (ms). */
async function runEnds(dir: string): Promise<number[]> {
  const files = (await listFiles(dir)).filter((file) => /seed-\d+\/result\.json$/.test(file));
  return files.map((file) => {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RunRecord;
    return Date.parse(record.startedAt) + record.durationMs;
  });
}

/** Task → state of a job. */
function squeueStates(jobId: string): string[] {
  const out = spawnSync('squeue', ['--array', '--noheader', '--states=all', `--jobs=${jobId}`, '--format=%T'], { encoding: 'utf8' }).stdout;
  return out.trim().split('\n').filter(Boolean);
}

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('submitting everything at once on the dev cluster', () => {
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await lockCluster();
  }, 250_000);

  afterAll(() => release?.());

  it('has both arms of a run in the queue at the same time', { timeout: 120_000 }, async () => {
    const dir = await testProject({
      'configs/head.yaml': slurmConfig('together-head', 4000),
      'configs/child.yaml': JSON.stringify({ extends: 'head.yaml', name: 'together-child', params: { run_ms: 4001 } }),
    });
    const run = mlreg(dir, ['run', '--config', 'configs/child.yaml', '--json'], { env: POLL_ENV });
    // Both arrays appear before either arm has a finished run, and squeue shows both active at one moment.
    let both: Map<string, SlurmJobJournal> | undefined;
    const deadline = Date.now() + 60_000;
    while (!both && Date.now() < deadline) {
      const found = await journals(dir);
      if (found.size === 2) both = found;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(both, 'both arms submitted').toBeDefined();
    const ids = [...both!.values()].map((journal) => journal.submissions[0]!.jobId);
    const active = ids.map((id) => squeueStates(id).filter((state) => state === 'PENDING' || state === 'RUNNING').length);
    expect(active.every((count) => count > 0)).toBe(true);
    const result = await run;
    const doc = JSON.parse(result.stdout) as { runs: Array<{ arm: string; status: string }> };
    expect(doc.runs.map((entry) => [entry.arm, entry.status])).toEqual([
      ['baseline', 'ok'],
      ['baseline', 'ok'],
      ['candidate', 'ok'],
      ['candidate', 'ok'],
    ]);
    // The candidate's array went in before the baseline's first run ended.
    const submitted = Math.max(...[...both!.values()].map((journal) => Date.parse(journal.submissions[0]!.submittedAt)));
    expect(submitted).toBeLessThan(Math.min(...(await runEnds(dir))));
  });

  it('submits the three configs of a suite before any of their runs ends', { timeout: 150_000 }, async () => {
    const dir = await testProject({
      'configs/a.yaml': slurmConfig('suite-a', 3000),
      'configs/b.yaml': slurmConfig('suite-b', 3000),
      'configs/c.yaml': slurmConfig('suite-c', 3000),
      'suites/together.yaml': 'configs:\n  - config: ../configs/a.yaml\n  - config: ../configs/b.yaml\n  - config: ../configs/c.yaml\n',
    });
    await mlreg(dir, ['suite', 'run', 'together', '--json'], { env: POLL_ENV });
    const found = await journals(dir);
    expect(found.size).toBe(3);
    const submitted = [...found.values()].map((journal) => Date.parse(journal.submissions[0]!.submittedAt));
    const ends = await runEnds(dir);
    expect(ends).toHaveLength(6);
    expect(Math.max(...submitted)).toBeLessThan(Math.min(...ends));
    expect(existsSync(join(dir, 'baselines', 'suite-a.json')) || (await listFiles(dir)).some((file) => file.endsWith('suite-a.json'))).toBe(true);
  });
});
