/**
 * Launcher-level faults on the Slurm dev cluster: nothing lost, nothing run twice, and a fault of
 * the cluster is exit 3, never runs that "failed". sbatch refusing an array (a partition the
 * cluster lacks; a controller that timed out, through a PATH shim) ends with sbatch's message and
 * records no run, and `--resume` submits again. A seed cancelled from outside (`scancel`) is
 * not-ok and leaves the invocation unfinished, so `--resume` runs just that seed; a Slurm requeue
 * is a second attempt with its reason. A second Ctrl-C still cancels the job arrays. Skipped where
 * `sinfo` does not answer, unless MLREG_SLURM_TESTS=required.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionToken } from '../../src/launchers/slurm/sbatch-args.js';
import { lockCluster } from '../launchers/slurm/cluster-lock.js';
import { listFiles, mlreg, testProject } from './harness.js';
import { clusterAnswers, clusterRequired, commandProject, journalOf, POLL_ENV, submittedJournalOf, squeueStates, waitFor, type Doc } from './slurm-project.js';

/** The project's only invocation of `config`: its directory and state. */
function onlyInvocation(dir: string, config: string): { dir: string; state: string } {
  const runs = join(dir, '.mlreg', 'runs', config);
  const ids = existsSync(runs) ? readdirSync(runs).sort() : [];
  expect(ids).toHaveLength(1);
  const info = JSON.parse(readFileSync(join(runs, ids[0]!, 'invocation.json'), 'utf8')) as { state: string };
  return { dir: join(runs, ids[0]!), state: info.state };
}

/** Files that would be run records: the arm journal, a worker's result.json. */
async function runRecordFiles(dir: string): Promise<string[]> {
  return (await listFiles(join(dir, '.mlreg'))).filter((file) => file.endsWith('runs.jsonl') || file.endsWith('result.json'));
}

/** The seeds the fixture trainer started, in order (MLREG_TEST_TRAINER_LOG). */
function startsIn(log: string): number[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[1]));
}

const count = (values: number[], value: number) => values.filter((entry) => entry === value).length;

/** Invocations of `config` in the project's history. */
function historyInvocations(dir: string, config: string): number {
  const file = join(dir, '.mlreg', 'history.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM invocations WHERE config = ?').get(config) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('launcher faults on the Slurm dev cluster', () => {
  let release: (() => void) | undefined;
  const arrays: string[] = [];

  beforeAll(async () => {
    release = await lockCluster();
  }, 250_000);

  afterAll(() => {
    for (const jobId of arrays) spawnSync('scancel', [jobId]);
    release?.();
  });

  it('exits 3 with sbatch’s own message when the cluster lacks the partition, records no run, and --resume submits again', { timeout: 120_000 }, async () => {
    const slurm = { cpus_per_task: 1, time: '00:05:00' };
    const dir = await testProject(commandProject('slurm-refused', [0, 1, 2], { run_ms: 200 }, { ...slurm, partition: 'no-such-partition' }));
    const refused = await mlreg(dir, ['run', '--config', 'configs/slurm-refused.yaml', '--json'], { env: POLL_ENV });

    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/Slurm did not accept the job array of slurm-refused \(candidate arm, seeds 0-2\)/);
    expect(refused.stderr).toMatch(
      /sbatch --parsable --array=0-2%3 .*--partition=no-such-partition .*exited with code 1: sbatch: error: invalid partition specified: no-such-partition/,
    );
    expect(refused.stderr).toMatch(/--resume/);
    expect(refused.stderr).not.toMatch(/regression/);
    expect(await runRecordFiles(dir)).toEqual([]);
    // No array recorded: only the one mlreg tried, pending, for --resume to look for first.
    expect(journalOf(dir, 'slurm-refused', 'candidate')).toMatchObject({ submissions: [], pending: { seeds: [0, 1, 2], cause: 'initial' } });
    expect(onlyInvocation(dir, 'slurm-refused').state).toBe('running');

    // The partition fixed (the launcher is not part of the fingerprint): --resume submits the same invocation.
    writeFileSync(join(dir, 'configs/slurm-refused.yaml'), commandProject('slurm-refused', [0, 1, 2], { run_ms: 200 }, slurm)['configs/slurm-refused.yaml']!);
    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-refused.yaml', '--resume', '--json'], { env: POLL_ENV });
    expect(resumed.stderr).toMatch(/resuming/);
    const doc = JSON.parse(resumed.stdout) as Doc;
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'ok'],
    ]);
    expect(journalOf(dir, 'slurm-refused', 'candidate')!.submissions).toHaveLength(1);
    expect(onlyInvocation(dir, 'slurm-refused').state).toBe('complete');
  });

  it('exits 3 with sbatch’s message when the controller times out (a PATH shim), records no run, and --resume submits again', { timeout: 120_000 }, async () => {
    const dir = await testProject(commandProject('slurm-timeout', [0, 1], { run_ms: 200 }, { cpus_per_task: 1, time: '00:05:00' }));
    const shim = join(dir, 'shim');
    await mkdir(shim);
    writeFileSync(join(shim, 'sbatch'), '#!/bin/sh\necho "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation" >&2\nexit 1\n');
    chmodSync(join(shim, 'sbatch'), 0o755);
    const refused = await mlreg(dir, ['run', '--config', 'configs/slurm-timeout.yaml', '--json'], {
      env: { ...POLL_ENV, PATH: `${shim}:${process.env.PATH}` },
    });

    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/sbatch --parsable --array=0-1%2 .* exited with code 1: sbatch: error: Batch job submission failed: Socket timed out on send\/recv operation/);
    expect(await runRecordFiles(dir)).toEqual([]);
    expect(onlyInvocation(dir, 'slurm-timeout').state).toBe('running');

    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-timeout.yaml', '--resume', '--json'], { env: POLL_ENV });
    expect(resumed.stderr).toMatch(/resuming/);
    expect((JSON.parse(resumed.stdout) as Doc).runs.map((run) => [run.seed, run.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
    expect(journalOf(dir, 'slurm-timeout', 'candidate')!.submissions).toHaveLength(1);
  });

  it('follows the array when sbatch queued it but its answer was lost (a PATH shim), submitting nothing twice', { timeout: 120_000 }, async () => {
    const dir = await testProject(commandProject('slurm-lost-answer', [0, 1], { run_ms: 200 }, { cpus_per_task: 1, time: '00:05:00' }));
    const shim = join(dir, 'shim');
    await mkdir(shim);
    const realSbatch = spawnSync('sh', ['-c', 'command -v sbatch'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(
      join(shim, 'sbatch'),
      `#!/bin/sh
${realSbatch} "$@" >/dev/null || exit 1
echo "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation" >&2
exit 1
`,
    );
    chmodSync(join(shim, 'sbatch'), 0o755);
    const result = await mlreg(dir, ['run', '--config', 'configs/slurm-lost-answer.yaml', '--json'], { env: { ...POLL_ENV, PATH: `${shim}:${process.env.PATH}` } });

    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as Doc).runs.map((run) => [run.seed, run.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
    const submissions = journalOf(dir, 'slurm-lost-answer', 'candidate')!.submissions;
    expect(submissions).toHaveLength(1);
    arrays.push(submissions[0]!.jobId);
    // One array carries this arm's token in Slurm's queue: sbatch ran once.
    const armDir = join(onlyInvocation(dir, 'slurm-lost-answer').dir, 'candidate');
    const named = spawnSync('squeue', ['--noheader', '--states=all', '--name=mlreg-slurm-lost-answer-candidate', '--format=%F|%k'], { encoding: 'utf8' }).stdout;
    const ours = named.split('\n').filter((line) => line.endsWith(`|${submissionToken(armDir, 0)}`));
    expect([...new Set(ours.map((line) => line.split('|')[0]))]).toEqual([submissions[0]!.jobId]);
  });

  it('counts a seed scancel’ed from outside as not-ok and leaves the invocation unfinished, so --resume runs just that seed; a Slurm requeue is a second attempt with its reason', {
    timeout: 240_000,
  }, async () => {
    const dir = await testProject(commandProject('slurm-outside', [0, 1, 2], { run_ms: 6000, behaviour: { 1: 'hang' } }, { cpus_per_task: 1, time: '00:05:00' }));
    const log = join(dir, 'trainer.log');
    const env = { ...POLL_ENV, MLREG_TEST_TRAINER_LOG: log };
    const run = mlreg(dir, ['run', '--config', 'configs/slurm-outside.yaml', '--json', '--verbose', '--concurrency', '2'], { env });
    let progress = '';
    run.stderr!.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const journal = await waitFor('the array to be submitted', 60_000, () => submittedJournalOf(dir, 'slurm-outside', 'candidate'));
    const jobId = journal.submissions[0]!.jobId;
    arrays.push(jobId);
    await waitFor('seeds 0 and 1 to start', 60_000, () => {
      const states = squeueStates(jobId);
      const running = states.get(`${jobId}_0`) === 'RUNNING' && states.get(`${jobId}_1`) === 'RUNNING';
      return running && count(startsIn(log), 0) === 1 && count(startsIn(log), 1) === 1 ? true : undefined;
    });
    // mlreg itself has seen both running (its looks back off while the array waits to start).
    await waitFor('mlreg to see seeds 0 and 1 start', 60_000, () => (/seed 0 started/.test(progress) && /seed 1 started/.test(progress) ? true : undefined));
    // Requeued and held, so it stays pending until mlreg has looked (one that starts again between
    // two looks is counted from SLURM_RESTART_COUNT when it ends; test/launchers/slurm/launcher.test.ts).
    expect(spawnSync('scontrol', ['requeuehold', `${jobId}_0`]).status).toBe(0);
    expect(spawnSync('scancel', [`${jobId}_1`]).status).toBe(0);
    await waitFor('seed 0 to be pending again', 30_000, () =>
      squeueStates(jobId)
        .get(`${jobId}_0`)
        ?.match(/^(PENDING|REQUEUE)/)
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // mlreg sees seed 0 pending again
    // Slurm also holds a requeued task back for two minutes (BeginTime): let it start now.
    expect(spawnSync('scontrol', ['update', `JobId=${jobId}_0`, 'StartTime=now']).status).toBe(0);
    expect(spawnSync('scontrol', ['release', `${jobId}_0`]).status).toBe(0);
    const result = await run;

    const doc = JSON.parse(result.stdout) as Doc & {
      candidate: { failedRuns: number };
      reasons: Array<{ code: string; detail: string }>;
      runs: Array<{ attempts: number; attemptNotes?: string[] }>;
    };
    expect(doc.runs.map((entry) => [entry.seed, entry.status])).toEqual([
      [0, 'ok'],
      [1, 'cancelled'],
      [2, 'ok'],
    ]);
    expect(doc.runs[0]!.attempts).toBe(2);
    expect(doc.runs[0]!.attemptNotes).toEqual([expect.stringMatching(new RegExp(`^attempt 1: requeued by Slurm \\(Slurm job ${jobId}_0 was `))]);
    // The second attempt's worker saw the requeue too, and it is not counted twice.
    expect(JSON.parse(readFileSync(join(doc.runs[0]!.runDir, 'slurm-worker.json'), 'utf8'))).toMatchObject({ jobId, task: 0, restarts: 1 });
    expect(doc.runs[1]!.reason).toContain(`Slurm job ${jobId}_1 ended CANCELLED`);
    expect(doc.candidate.failedRuns).toBe(1);
    expect(doc.reasons).toContainEqual(expect.objectContaining({ code: 'runs-cancelled', detail: expect.stringMatching(/candidate seed 1 cancelled from outside mlreg/) }));
    expect(result.stderr).toMatch(/seed 1 cancelled from outside mlreg: .* stays unfinished; run the same command with --resume/);
    expect(onlyInvocation(dir, 'slurm-outside').state).toBe('running');
    expect(historyInvocations(dir, 'slurm-outside')).toBe(0);

    const resumed = await mlreg(dir, ['run', '--config', 'configs/slurm-outside.yaml', '--resume', '--json', '--concurrency', '2'], { env: { ...env, MLREG_TEST_NO_HANG: '1' } });
    expect(resumed.stderr).toMatch(/resuming/);
    expect((JSON.parse(resumed.stdout) as Doc).runs.map((entry) => [entry.seed, entry.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'ok'],
    ]);
    const submissions = journalOf(dir, 'slurm-outside', 'candidate')!.submissions;
    expect(submissions.map((submission) => [submission.seeds, submission.cause])).toEqual([
      [[0, 1, 2], 'initial'],
      [[1], 'resume'],
    ]);
    // Seed 0 trained twice (Slurm's requeue), seed 1 again on --resume, seed 2 once.
    const starts = startsIn(log);
    expect([count(starts, 0), count(starts, 1), count(starts, 2)]).toEqual([2, 2, 1]);
    expect(onlyInvocation(dir, 'slurm-outside').state).toBe('complete');
    expect(historyInvocations(dir, 'slurm-outside')).toBe(1);
  });

  it('cancels the job arrays on a second Ctrl-C before exiting', { timeout: 120_000 }, async () => {
    const dir = await testProject(commandProject('slurm-twice', [0, 1, 2], { behaviour: { 0: 'hang', 1: 'hang', 2: 'hang' } }, { cpus_per_task: 1, time: '00:05:00' }));
    // scancel answers a second late, so the first Ctrl-C's cancellation is still under way when the second one comes.
    const shim = join(dir, 'shim');
    await mkdir(shim);
    const realScancel = spawnSync('sh', ['-c', 'command -v scancel'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(shim, 'scancel'), `#!/bin/sh\nsleep 1\nexec ${realScancel} "$@"\n`);
    chmodSync(join(shim, 'scancel'), 0o755);
    const run = mlreg(dir, ['run', '--config', 'configs/slurm-twice.yaml', '--concurrency', '2'], { env: { ...POLL_ENV, PATH: `${shim}:${process.env.PATH}` } });
    const journal = await waitFor('the array to be submitted', 60_000, () => submittedJournalOf(dir, 'slurm-twice', 'candidate'));
    const jobId = journal.submissions[0]!.jobId;
    arrays.push(jobId);
    await waitFor('two tasks to run', 60_000, () => ([...squeueStates(jobId).values()].filter((state) => state === 'RUNNING').length === 2 ? true : undefined));

    run.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    // Nothing of the array is left running or waiting.
    const states = await waitFor('the array to be cancelled', 30_000, () => {
      const now = [...squeueStates(jobId).values()];
      return now.length > 0 && now.every((state) => state !== 'RUNNING' && state !== 'PENDING') ? now : undefined;
    }).catch(() => [...squeueStates(jobId).values()]);
    expect(states.every((state) => state !== 'RUNNING' && state !== 'PENDING')).toBe(true);
  });
});
