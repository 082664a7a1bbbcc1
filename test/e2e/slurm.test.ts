/**
 * `mlreg run` with `launcher.type: slurm` on the dev cluster (scripts/slurm-dev-cluster.sh
 * start): one job array per arm and the same verdict as a local run; a failing, a timed-out and
 * a cancelled task; `kill -9` of mlreg and `--resume` re-attaching to the same array. Skipped
 * where `sinfo` does not answer, unless MLREG_SLURM_TESTS=required. About 90 s: the time-limit
 * case runs alongside the others, and Slurm takes 60–90 s to enforce a one-minute limit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCluster } from '../launchers/slurm/cluster-lock.js';
import { mlreg, repoRoot, testProject } from './harness.js';
import { arraysNamed, clusterAnswers, clusterRequired, commandProject, journalOf, POLL_ENV, submittedJournalOf, squeueStates, waitFor, type Doc } from './slurm-project.js';

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('mlreg run on the Slurm dev cluster', () => {
  let release: (() => void) | undefined;
  let faults: Promise<{ doc: Doc; exitCode: number | undefined; cancelledTask: string }>;
  const cancelledByTest: string[] = [];

  beforeAll(async () => {
    release = await lockCluster();
    // Started first, so its tasks get the cores first; it waits 60–90 s on a time limit while the other tests run.
    faults = runFaults();
    faults.catch(() => undefined); // awaited, and reported, by its own test below
  }, 250_000);

  afterAll(() => {
    for (const target of cancelledByTest) spawnSync('scancel', [target]);
    release?.();
  });

  /** Seed 0 succeeds, 1 exits 3, 2 outlives its one-minute limit, 3 is scancel'ed from outside once running. */
  async function runFaults() {
    const dir = await testProject(commandProject('slurm-faults', [0, 1, 2, 3], { behaviour: { 1: 'fail', 2: 'hang', 3: 'hang' } }, { time: '00:01:00', cpus_per_task: 1 }));
    const run = mlreg(dir, ['run', '--config', 'configs/slurm-faults.yaml', '--json', '--concurrency', '2'], { env: POLL_ENV });
    const journal = await waitFor('the faults array to be submitted', 30_000, () => submittedJournalOf(dir, 'slurm-faults', 'candidate'));
    const jobId = journal.submissions[0]!.jobId;
    cancelledByTest.push(jobId);
    const cancelledTask = `${jobId}_3`;
    await waitFor('seed 3 to run', 60_000, () => (squeueStates(jobId).get(cancelledTask) === 'RUNNING' ? true : undefined));
    expect(spawnSync('scancel', [cancelledTask]).status).toBe(0);
    const result = await run;
    return { doc: JSON.parse(result.stdout) as Doc, exitCode: result.exitCode, cancelledTask };
  }

  it('runs each arm as one job array and finds the softmax bug, as a local run does', { timeout: 150_000 }, async () => {
    const dir = await testProject({
      'configs/head.yaml': readFileSync(join(repoRoot, 'examples/slurm/head.yaml'), 'utf8'),
      'configs/softmax-bug.yaml': readFileSync(join(repoRoot, 'examples/slurm/softmax-bug.yaml'), 'utf8'),
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/softmax-bug.yaml', '--json', '--concurrency', '2'], { env: POLL_ENV });
    const doc = JSON.parse(result.stdout) as Doc;

    expect(result.exitCode).toBe(1);
    expect(doc.verdict).toBe('fail');
    expect(doc.baseline.source).toBe('runs');
    expect(doc.comparisons.map((comparison) => comparison.verdict)).toContain('regression');
    for (const arm of ['baseline', 'candidate']) {
      const runs = doc.runs.filter((run) => run.arm === arm);
      expect(runs.map((run) => [run.seed, run.status])).toEqual([0, 1, 2, 3, 4].map((seed) => [seed, 'ok']));
      expect(runs.every((run) => Number.isFinite(run.metrics.fid))).toBe(true);
    }
    // One array per arm, in Slurm's own records, every task COMPLETED.
    const config = { baseline: 'slurm-head', candidate: 'slurm-softmax-bug' } as const;
    const ids = new Set<string>();
    for (const [arm, name] of Object.entries(config)) {
      const journal = journalOf(dir, 'slurm-softmax-bug', arm)!;
      expect(journal.submissions).toHaveLength(1);
      const { jobId, array } = journal.submissions[0]!;
      expect(array).toBe('0-4%2');
      ids.add(jobId);
      expect(arraysNamed(`mlreg-${name}-${arm}`)).toContain(jobId);
      expect([...squeueStates(jobId).entries()].sort()).toEqual([0, 1, 2, 3, 4].map((task) => [`${jobId}_${task}`, 'COMPLETED']));
    }
    expect(ids.size).toBe(2);
  });

  it('after kill -9 of mlreg, --resume collects the same array without submitting again', { timeout: 120_000 }, async () => {
    const dir = await testProject(commandProject('slurm-resume', [0, 1, 2, 3], { run_ms: 2500 }, { time: '00:05:00', cpus_per_task: 1 }));
    const log = join(dir, 'trainer.log');
    const env = { ...POLL_ENV, MLREG_TEST_TRAINER_LOG: log };
    const first = mlreg(dir, ['run', '--config', 'configs/slurm-resume.yaml', '--json', '--concurrency', '2'], { env });
    const submitted = await waitFor('the array to be submitted and a seed to start', 60_000, () => {
      const journal = submittedJournalOf(dir, 'slurm-resume', 'candidate');
      return journal && existsSync(log) ? journal : undefined;
    });
    first.kill('SIGKILL');
    await first;
    const jobId = submitted.submissions[0]!.jobId;
    // The lost shell took nothing with it: the array runs on.
    expect([...squeueStates(jobId).values()].some((state) => state === 'RUNNING' || state === 'PENDING')).toBe(true);

    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-resume.yaml', '--resume', '--json', '--concurrency', '2'], { env });
    expect(resumed.stderr).toMatch(/resuming/);
    const doc = JSON.parse(resumed.stdout) as Doc;
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([0, 1, 2, 3].map((seed) => [seed, 'ok']));
    expect(journalOf(dir, 'slurm-resume', 'candidate')!.submissions.map((submission) => submission.jobId)).toEqual([jobId]);
    expect(arraysNamed('mlreg-slurm-resume-candidate').filter((id) => Number(id) >= Number(jobId))).toEqual([jobId]);
    // Each seed trained once.
    const starts = readFileSync(log, 'utf8').trim().split('\n').sort();
    expect(starts).toEqual(['start 0', 'start 1', 'start 2', 'start 3']);
  });

  it('reports a failing task failed, one past its time limit timeout, and one cancelled from outside cancelled', { timeout: 200_000 }, async () => {
    const { doc, exitCode, cancelledTask } = await faults;
    const bySeed = new Map(doc.runs.map((run) => [run.seed, run]));
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([
      [0, 'ok'],
      [1, 'failed'],
      [2, 'timeout'],
      [3, 'cancelled'],
    ]);
    expect(bySeed.get(1)!.reason).toMatch(/exited with code 3[\s\S]*loss diverged on purpose[\s\S]*Slurm job \d+_1 ended FAILED, log \S+slurm-\d+_1\.out/);
    expect(bySeed.get(2)!.reason).toMatch(/time limit \(TIMEOUT\); Slurm job \d+_2 ended TIMEOUT[\s\S]*DUE TO TIME LIMIT/);
    expect(bySeed.get(3)!.reason).toContain(`Slurm job ${cancelledTask} ended CANCELLED`);
    // One run finished: too few to compare, an infrastructure verdict.
    expect(doc.verdict).toBe('error');
    expect(exitCode).toBe(3);
  });
});
