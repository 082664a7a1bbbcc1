/**
 * The Slurm launcher against a stand-in Slurm (fake-slurm.mjs): submission arguments, the
 * mapping of Slurm states to run records, resubmission, Ctrl-C and stop, and `--resume`
 * re-attaching to an array recorded in slurm-job.json.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlurmLauncher, pollDelay, pollIntervalFromEnv, type SlurmLauncherOptions } from '../../../src/launchers/slurm/index.js';
import { InfrastructureError } from '../../../src/errors.js';
import { JOURNAL_SCHEMA, type SlurmJobJournal } from '../../../src/launchers/slurm/journal.js';
import { submissionToken } from '../../../src/launchers/slurm/sbatch-args.js';
import type { ArmPlan, LaunchOptions } from '../../../src/runner/types.js';
import type { RunRecord } from '../../../src/model/run-record.js';

const FAKE = fileURLToPath(new URL('./fake-slurm.mjs', import.meta.url));

interface TaskScenario {
  states?: string[];
  result?: Partial<RunRecord>;
  exitCode?: number;
  accounted?: string;
  frozen?: boolean;
  /** Lines the worker prints to its task's log, one per look while it runs. */
  progress?: string[];
  /** false: the task ended before its worker started (no start mark). */
  started?: boolean;
  /** SLURM_RESTART_COUNT its last worker saw. */
  restarts?: number;
}

let root: string;
let binDir: string;
let armDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mlreg-slurm-launcher-'));
  binDir = path.join(root, 'bin');
  armDir = path.join(root, 'run', 'candidate');
  mkdirSync(binDir, { recursive: true });
  for (const command of ['sbatch', 'squeue', 'sacct', 'scancel']) {
    const file = path.join(binDir, command);
    writeFileSync(file, `#!/bin/bash\nFAKE_SLURM_DIR=${JSON.stringify(binDir)} exec node ${JSON.stringify(FAKE)} ${command} "$@"\n`);
    chmodSync(file, 0o755);
  }
  writeFileSync(path.join(binDir, 'calls.log'), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Sets up the stand-in: scenario k is what the k-th sbatch's tasks do, keyed by seed. */
function fakeSlurm(scenarios: Array<Record<number, TaskScenario>>, options: { accounting?: boolean; jobs?: object; nextJobId?: number } = {}): void {
  writeFileSync(
    path.join(binDir, 'state.json'),
    JSON.stringify({ nextJobId: options.nextJobId ?? 7, accounting: options.accounting ?? true, scenarios, jobs: options.jobs ?? {} }),
  );
}

const calls = (command: string) =>
  readFileSync(path.join(binDir, 'calls.log'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${command} `));
const ok = (score: number): TaskScenario => ({ result: { status: 'ok', metrics: { score } } });
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function planOf(seeds: number[], slurm: object = {}): ArmPlan {
  return {
    arm: 'candidate',
    armDir,
    seeds,
    config: {
      name: 'cfg',
      file: path.join(root, 'cfg.yaml'),
      group: 'cfg',
      fingerprint: 'f'.repeat(64),
      tags: [],
      trainer: { adapter: 'command', command: ['true'] },
      params: {},
      metrics: { score: { direction: 'higher' } },
      launcher: { type: 'slurm', slurm },
    },
  };
}

async function launch(plan: ArmPlan, options: Partial<LaunchOptions> = {}, settings: SlurmLauncherOptions = {}): Promise<RunRecord[]> {
  const job = plan.config.launcher?.slurm as SlurmLauncherOptions['job'];
  const launcher = createSlurmLauncher({ binDir, pollIntervalMs: 5, node: '/opt/node/bin/node', mlregBin: '/opt/mlreg/bin/mlreg.js', job, ...settings });
  const records: RunRecord[] = [];
  for await (const record of launcher.launch(plan, { concurrency: 2, signal: new AbortController().signal, ...options })) records.push(record);
  return records.sort((a, b) => a.seed - b.seed);
}

describe('submission', () => {
  it('submits one array per arm with the config’s sbatch options and records it before waiting', async () => {
    fakeSlurm([{ 0: ok(1), 1: ok(2), 2: ok(3), 3: ok(4) }]);
    const started: number[] = [];
    const plan = planOf([0, 1, 2, 3], {
      partition: 'gpu',
      time: '01:00:00',
      gres: 'gpu:1',
      cpus_per_task: 4,
      mem: '16G',
      account: 'ml',
      qos: 'high',
      extra_args: ['--constraint=a100'],
    });
    const records = await launch(plan, { onStart: (seed) => started.push(seed) });

    expect(calls('sbatch')).toEqual([
      `sbatch --parsable --array=0-3%2 --job-name=mlreg-cfg-candidate --output=${armDir}/slurm-%A_%a.out --error=${armDir}/slurm-%A_%a.err --comment=${submissionToken(armDir, 0)} ` +
        `--partition=gpu --time=01:00:00 --gres=gpu:1 --cpus-per-task=4 --mem=16G --account=ml --qos=high --constraint=a100 ${armDir}/slurm-job.sh`,
    ]);
    expect(records.map((record) => [record.seed, record.status, record.metrics.score])).toEqual([
      [0, 'ok', 1],
      [1, 'ok', 2],
      [2, 'ok', 3],
      [3, 'ok', 4],
    ]);
    expect(started.sort()).toEqual([0, 1, 2, 3]);
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal).toMatchObject({ schema: JOURNAL_SCHEMA, seeds: [0, 1, 2, 3], submissions: [{ jobId: '7', array: '0-3%2', seeds: [0, 1, 2, 3], cause: 'initial' }] });
    expect(readJson<ArmPlan>(path.join(armDir, 'plan.json')).seeds).toEqual([0, 1, 2, 3]);
  });

  it('names the array, puts its logs in log_dir, runs the setup lines, and uses the configured node and mlreg', async () => {
    fakeSlurm([{ 0: ok(1) }]);
    const logDir = path.join(root, 'scratch', 'logs');
    const plan = planOf([0], {
      job_name: 'reg-{config}-{arm}',
      log_dir: logDir,
      setup: ['module load cuda/12.1', 'source /shared/venvs/ml/bin/activate'],
      node: '/shared/node/bin/node',
      mlreg_bin: '/shared/mlreg/bin/mlreg.js',
    });
    await launch(plan, {}, { node: undefined, mlregBin: undefined });
    expect(calls('sbatch')).toEqual([
      `sbatch --parsable --array=0%2 --job-name=reg-cfg-candidate --output=${logDir}/slurm-%A_%a.out --error=${logDir}/slurm-%A_%a.err --comment=${submissionToken(armDir, 0)} ${armDir}/slurm-job.sh`,
    ]);
    expect(existsSync(logDir)).toBe(true);
    const script = readFileSync(path.join(armDir, 'slurm-job.sh'), 'utf8');
    expect(script).toMatch(
      /module load cuda\/12\.1\n.*\nsource \/shared\/venvs\/ml\/bin\/activate\n[^\n]*\nset -u\n'\/shared\/node\/bin\/node' '\/shared\/mlreg\/bin\/mlreg\.js' internal run-seed/,
    );
  });

  it('writes a job script that maps the array task to the seed and runs mlreg internal run-seed', async () => {
    fakeSlurm([{ 5: ok(1), 9: ok(2) }]);
    await launch(planOf([5, 9]));
    const script = readFileSync(path.join(armDir, 'slurm-job.sh'), 'utf8');
    expect(script).toContain('SEEDS=(5 9)');
    expect(script).toContain(`'/opt/node/bin/node' '/opt/mlreg/bin/mlreg.js' internal run-seed --plan '${armDir}/plan.json' --seed "$seed" &`);
    expect(script).toContain('slurm-exit.json');
  });

  it('throws an infrastructure error with sbatch’s message and the command when sbatch refuses, and records no run', async () => {
    fakeSlurm([]);
    writeFileSync(path.join(binDir, 'sbatch'), '#!/bin/bash\necho "sbatch: error: invalid partition specified: gpu" >&2\nexit 1\n');
    const error = await launch(planOf([0, 1], { partition: 'gpu' })).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toMatch(
      /Slurm did not accept the job array of cfg \(candidate arm, seeds 0-1\): sbatch --parsable --array=0-1%2 .*--partition=gpu .*exited with code 1: sbatch: error: invalid partition specified: gpu/,
    );
    expect((error as Error).message).toMatch(/--resume/);
    expect(existsSync(path.join(armDir, 'seed-0', 'result.json'))).toBe(false);
    // No array recorded; the one mlreg tried to submit is noted as pending, so --resume looks for it before submitting again.
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions).toEqual([]);
    expect(journal.pending).toMatchObject({ token: submissionToken(armDir, 0), seeds: [0, 1], cause: 'initial' });
  });

  it('follows the array an sbatch queued before its answer was lost, instead of failing or submitting again', async () => {
    fakeSlurm([{ 0: ok(1), 1: ok(2) }]);
    const state = readJson<object>(path.join(binDir, 'state.json'));
    writeFileSync(path.join(binDir, 'state.json'), JSON.stringify({ ...state, lostAnswers: 1 }));
    const records = await launch(planOf([0, 1]));
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
    expect(calls('sbatch')).toHaveLength(1);
    expect(calls('squeue').filter((call) => call.includes('--name=mlreg-cfg-candidate'))).toHaveLength(1);
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions.map((submission) => [submission.jobId, submission.seeds, submission.cause])).toEqual([['7', [0, 1], 'initial']]);
    expect(journal.pending).toBeUndefined();
  });

  it('on --resume, follows the array a lost sbatch answer left pending instead of submitting it again', async () => {
    const token = submissionToken(armDir, 0);
    const task = (seed: number) => ({ seed, step: 0, states: ['RUNNING', 'COMPLETED'], result: { status: 'ok', metrics: { score: seed } } });
    fakeSlurm([], { jobs: { '5': { id: '5', armDir, name: 'mlreg-cfg-candidate', comment: token, tasks: { 0: task(0), 1: task(1) } } } });
    mkdirSync(armDir, { recursive: true });
    const pending = { token, submittedAt: new Date().toISOString(), array: '0-1%2', seeds: [0, 1], cause: 'initial' as const };
    const journal: SlurmJobJournal = {
      schema: JOURNAL_SCHEMA,
      config: 'cfg',
      arm: 'candidate',
      plan: path.join(armDir, 'plan.json'),
      script: path.join(armDir, 'slurm-job.sh'),
      seeds: [0, 1],
      submissions: [],
      pending,
    };
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journal));
    const records = await launch(planOf([0, 1]));
    expect(calls('sbatch')).toEqual([]);
    expect(records.map((record) => [record.seed, record.status, record.metrics.score])).toEqual([
      [0, 'ok', 0],
      [1, 'ok', 1],
    ]);
    expect(readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json')).submissions.map((submission) => submission.jobId)).toEqual(['5']);
  });

  it('throws an infrastructure error naming the task and its log when a task ended before its worker started, and records no run for it', async () => {
    fakeSlurm([{ 0: ok(1), 1: { states: ['RUNNING', 'FAILED'], exitCode: 1, started: false } }]);
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-7_1.err'), 'mlreg: launcher.slurm.setup[0]: module load cuda/99 failed with exit status 1\n');
    const error = await launch(planOf([0, 1])).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InfrastructureError);
    const message = (error as Error).message;
    expect(message).toMatch(/^the mlreg worker did not start for seed 1 of cfg \(candidate arm\): .*Slurm job 7_1 ended FAILED, log .*slurm-7_1\.out/);
    expect(message).toContain('its log ends with:\nmlreg: launcher.slurm.setup[0]: module load cuda/99 failed with exit status 1');
    expect(message).toMatch(/Check launcher\.slurm\.setup, launcher\.slurm\.node and launcher\.slurm\.mlreg_bin .*--resume\.$/s);
    expect(existsSync(path.join(armDir, 'seed-1', 'result.json'))).toBe(false);
  });

  it('submits again on --resume after sbatch refused', async () => {
    fakeSlurm([{ 0: ok(1), 1: ok(2) }]);
    const sbatchFile = path.join(binDir, 'sbatch');
    const fake = readFileSync(sbatchFile, 'utf8');
    writeFileSync(sbatchFile, '#!/bin/bash\necho "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation" >&2\nexit 1\n');
    await expect(launch(planOf([0, 1]))).rejects.toThrow(/Socket timed out on send\/recv operation/);
    writeFileSync(sbatchFile, fake);
    const records = await launch(planOf([0, 1]));
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
    expect(calls('sbatch')).toHaveLength(1);
  });
});

describe('mapping Slurm states to run records', () => {
  it('keeps the worker’s record for COMPLETED and FAILED, and Slurm’s state for TIMEOUT, CANCELLED and OUT_OF_MEMORY', async () => {
    fakeSlurm([
      {
        0: { result: { status: 'invalid', reason: 'metric score is NaN' } },
        1: { states: ['RUNNING', 'FAILED'], exitCode: 1, result: { status: 'failed', reason: 'exited with code 3; stderr ends with:\ndiverged' } },
        // The worker saw SIGTERM and recorded itself cancelled; Slurm knows it was the time limit.
        2: { states: ['RUNNING', 'RUNNING', 'TIMEOUT'], result: { status: 'cancelled', reason: 'cancelled' } },
        3: { states: ['RUNNING', 'CANCELLED'] },
        4: { states: ['RUNNING', 'OUT_OF_MEMORY'] },
        5: { states: ['RUNNING', 'FAILED'], exitCode: 127 },
        6: { states: ['RUNNING', 'COMPLETED'] },
      },
    ]);
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-7_2.err'), 'step 40\nslurmstepd: error: *** JOB 7 ON vm CANCELLED DUE TO TIME LIMIT ***\n');
    const records = await launch(planOf([0, 1, 2, 3, 4, 5, 6]));
    const bySeed = new Map(records.map((record) => [record.seed, record]));

    expect(records.map((record) => record.status)).toEqual(['invalid', 'failed', 'timeout', 'cancelled', 'failed', 'failed', 'failed']);
    expect(bySeed.get(0)!.reason).toBe('metric score is NaN');
    expect(bySeed.get(1)!.reason).toMatch(/^exited with code 3; stderr ends with:\ndiverged; Slurm job 7_1 ended FAILED, log .*slurm-7_1\.out/);
    expect(bySeed.get(2)!.reason).toMatch(/time limit \(TIMEOUT\); Slurm job 7_2 ended TIMEOUT, log .*slurm-7_2\.out .*its log ends with:\nstep 40\n.*DUE TO TIME LIMIT \*\*\*$/);
    expect(bySeed.get(3)!.reason).toMatch(/cancelled in Slurm \(scancel\); Slurm job 7_3 ended CANCELLED/);
    expect(bySeed.get(4)!.reason).toMatch(/OUT_OF_MEMORY/);
    expect(bySeed.get(5)!.reason).toMatch(/^exited with code 127; Slurm job 7_5 ended FAILED/);
    // Waited a few looks for a result.json that a shared filesystem may show late, then gave up.
    expect(bySeed.get(6)!.reason).toMatch(/^the task ended COMPLETED but left no .*seed-6\/result\.json; Slurm job 7_6 ended COMPLETED/);
    // Stored, so that --resume keeps them.
    expect(readJson<RunRecord>(path.join(armDir, 'seed-2', 'result.json')).status).toBe('timeout');
    expect(readJson<RunRecord>(path.join(armDir, 'seed-3', 'result.json')).status).toBe('cancelled');
  });

  it('yields each record as soon as its task ends, before slower tasks finish', async () => {
    fakeSlurm([{ 0: { states: ['RUNNING', 'FAILED'], exitCode: 3 }, 1: { states: ['RUNNING'], frozen: true } }]);
    const launcher = createSlurmLauncher({ binDir, pollIntervalMs: 5 });
    const controller = new AbortController();
    const iterator = launcher.launch(planOf([0, 1]), { concurrency: 2, signal: controller.signal })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ seed: 0, status: 'failed' });
    controller.abort();
    const rest: RunRecord[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    expect(rest.map((record) => [record.seed, record.status])).toEqual([[1, 'cancelled']]);
  });

  it('reports the points a running task prints to its log as progress, as they come', async () => {
    const progress = ['MLREG_METRIC {"step": 10, "score": 0.5}', 'a line that is not a metric', 'MLREG_METRIC {"step": 20, "score": 0.75}'];
    fakeSlurm([{ 0: { states: ['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED'], progress, ...ok(0.75) }, 1: ok(1) }]);
    const points: Array<[number, number, Record<string, number>]> = [];
    const records = await launch(planOf([0, 1]), { onProgress: (seed, point) => points.push([seed, point.step, point.values]) });
    expect(records.map((record) => record.status)).toEqual(['ok', 'ok']);
    expect(points).toEqual([
      [0, 10, { score: 0.5 }],
      [0, 20, { score: 0.75 }],
    ]);
  });

  it('reads the exit-status file when squeue has forgotten a task and the cluster keeps no accounting', async () => {
    fakeSlurm([{ 0: { states: ['RUNNING', 'COMPLETED', 'GONE'], result: { status: 'ok', metrics: { score: 2 } } }, 1: { states: ['RUNNING', 'GONE'] } }], { accounting: false });
    // Task 0's worker wrote result.json and the exit file while squeue still listed it: COMPLETED.
    // Task 1 vanished without writing anything: gone after three looks.
    const records = await launch(planOf([0, 1]));
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'cancelled'],
    ]);
    expect(records[1]!.reason).toMatch(/Slurm no longer lists this task/);
    expect(calls('sacct').filter((line) => !line.includes('--starttime=now'))).toEqual([]);
  });

  it('asks sacct for a task squeue no longer lists', async () => {
    fakeSlurm([{ 0: { states: ['RUNNING', 'GONE'], accounted: 'NODE_FAIL' } }]);
    const records = await launch(planOf([0]));
    expect(records[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(records[0]!.reason).toMatch(/its node failed \(Slurm NODE_FAIL\); Slurm job 7_0 ended NODE_FAIL/);
  });
});

describe('resubmission', () => {
  it('submits a task whose node failed again, within runner.retries, and counts attempts', async () => {
    fakeSlurm([{ 0: ok(1), 1: { states: ['RUNNING', 'NODE_FAIL'] } }, { 1: ok(5) }]);
    const records = await launch(planOf([0, 1]), {}, { retries: 1 });
    expect(calls('sbatch')).toHaveLength(2);
    expect(calls('sbatch')[1]).toContain('--array=1%2');
    expect(records.map((record) => [record.seed, record.status, record.attempts])).toEqual([
      [0, 'ok', 1],
      [1, 'ok', 2],
    ]);
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions.map((submission) => [submission.jobId, submission.cause, submission.seeds])).toEqual([
      ['7', 'initial', [0, 1]],
      ['8', 'retry', [1]],
    ]);
    expect(readJson<RunRecord>(path.join(armDir, 'seed-1', 'result.json')).attempts).toBe(2);
  });

  it('resubmits a preempted task once more than runner.retries allows, then reports it failed', async () => {
    const preempted = { states: ['RUNNING', 'PREEMPTED'] };
    fakeSlurm([{ 0: preempted }, { 0: preempted }, { 0: ok(1) }]);
    const records = await launch(planOf([0]), {}, { retries: 0 });
    expect(calls('sbatch')).toHaveLength(2);
    expect(records[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(records[0]!.reason).toMatch(/preempted by Slurm \(PREEMPTED\), 2 times; no attempts left/);
    // The preempted task is cancelled so a cluster that requeues it itself does not run the seed twice.
    expect(calls('scancel')).toContain('scancel 7_[0]');
  });

  it('submits a seed that reached its time limit again, within requeue_on_timeout, to resume in its run directory', async () => {
    const timedOut = { states: ['RUNNING', 'TIMEOUT'] };
    const preempted = { states: ['RUNNING', 'PREEMPTED'] };
    fakeSlurm([{ 0: timedOut, 1: ok(5) }, { 0: preempted }, { 0: ok(1) }]);
    const records = await launch(planOf([0, 1], { requeue_on_timeout: 1 }), {}, { retries: 0 });
    expect(records[0]).toMatchObject({ seed: 0, status: 'ok', attempts: 3 });
    expect(records[0]!.attemptNotes).toEqual([
      'attempt 1: killed by Slurm at its time limit (TIMEOUT) (Slurm job 7_0); submitted again to resume in its run directory',
      'attempt 2: preempted by Slurm (PREEMPTED) (Slurm job 8_0); submitted again to resume in its run directory',
    ]);
    expect(records[1]).not.toHaveProperty('attemptNotes');
    // The resumed attempts keep the seed's directory, marked for the worker (MLREG_RESUMED_AFTER for the trainer).
    expect(readJson(path.join(armDir, 'seed-0', 'resume.json'))).toEqual({ after: 'PREEMPTED' });
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions.map((submission) => [submission.seeds, submission.cause])).toEqual([
      [[0, 1], 'initial'],
      [[0], 'timeout'],
      [[0], 'preempted'],
    ]);
  });

  it('keeps a TIMEOUT final without requeue_on_timeout, and once the requeues are spent, naming the Slurm state', async () => {
    const timedOut = { states: ['RUNNING', 'TIMEOUT'] };
    fakeSlurm([{ 0: timedOut }]);
    const [final] = await launch(planOf([0]));
    expect(final).toMatchObject({ status: 'timeout', attempts: 1 });
    expect(final!.reason).toMatch(/^killed by Slurm at its time limit \(TIMEOUT\); Slurm job 7_0 ended TIMEOUT/);
    expect(calls('sbatch')).toHaveLength(1);

    rmSync(armDir, { recursive: true, force: true });
    writeFileSync(path.join(binDir, 'calls.log'), '');
    fakeSlurm([{ 0: timedOut }, { 0: timedOut }], { nextJobId: 20 });
    const [spent] = await launch(planOf([0], { requeue_on_timeout: 1 }));
    expect(spent).toMatchObject({ status: 'timeout', attempts: 2 });
    expect(spent!.attemptNotes).toEqual(['attempt 1: killed by Slurm at its time limit (TIMEOUT) (Slurm job 20_0); submitted again to resume in its run directory']);
    expect(spent!.reason).toMatch(/TIMEOUT\), 2 times; no requeues left \(launcher\.slurm\.requeue_on_timeout 1\); Slurm job 21_0 ended TIMEOUT/);
  });

  it('asks Slurm to warn the trainer before its time limit (signal_before_timeout) and passes the warning on', async () => {
    fakeSlurm([{ 0: ok(1) }]);
    await launch(planOf([0], { time: '02:00:00', signal_before_timeout: 300 }));
    expect(calls('sbatch')[0]).toContain(' --time=02:00:00 --signal=B:USR1@300 ');
    expect(readFileSync(path.join(armDir, 'slurm-job.sh'), 'utf8')).toContain(`trap '[ -n "\${worker:-}" ] && kill -USR1 "$worker" 2>/dev/null' USR1`);
  });
});

describe('attempts', () => {
  it('counts a task Slurm requeued within its array as another attempt, with the reason in the record', async () => {
    fakeSlurm([{ 0: { states: ['PENDING', 'RUNNING', 'PENDING', 'RUNNING', 'COMPLETED'], ...ok(1) }, 1: ok(2) }]);
    const started: number[] = [];
    const records = await launch(planOf([0, 1]), { onStart: (seed) => started.push(seed) });
    expect(calls('sbatch')).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'ok', attempts: 2 });
    expect(records[0]!.attemptNotes).toEqual([expect.stringMatching(/^attempt 1: requeued by Slurm \(Slurm job 7_0 was PENDING again at .* after it had started/)]);
    expect(records[1]).toMatchObject({ status: 'ok', attempts: 1 });
    expect(records[1]!.attemptNotes).toBeUndefined();
    expect(started.filter((seed) => seed === 0)).toHaveLength(2);
  });

  it('counts requeues Slurm made between two looks, as the worker saw them in SLURM_RESTART_COUNT', async () => {
    // Requeued twice and running again before mlreg looked: squeue never showed it pending.
    fakeSlurm([{ 0: { states: ['RUNNING', 'COMPLETED'], restarts: 2, result: { status: 'ok', metrics: { score: 1 } } } }]);
    const [record] = await launch(planOf([0]));
    expect(record).toMatchObject({ status: 'ok', attempts: 3 });
    expect(record!.attemptNotes).toEqual([
      'attempt 1: requeued by Slurm between two looks of mlreg (Slurm job 7_0; its last worker saw SLURM_RESTART_COUNT 2)',
      'attempt 2: requeued by Slurm between two looks of mlreg (Slurm job 7_0; its last worker saw SLURM_RESTART_COUNT 2)',
    ]);
  });

  it('notes why mlreg submitted a task again', async () => {
    fakeSlurm([{ 0: { states: ['RUNNING', 'NODE_FAIL'] } }, { 0: ok(1) }]);
    const records = await launch(planOf([0]), {}, { retries: 1 });
    expect(records[0]).toMatchObject({ status: 'ok', attempts: 2 });
    expect(records[0]!.attemptNotes).toEqual(['attempt 1: its node failed (Slurm NODE_FAIL) (Slurm job 7_0); submitted again']);
  });
});

describe('control', () => {
  it('cancels the array on abort and records its unfinished tasks cancelled', async () => {
    fakeSlurm([{ 0: { states: ['PENDING', 'COMPLETED'], ...ok(1) }, 1: { states: ['RUNNING'], frozen: true }, 2: { states: ['PENDING'], frozen: true } }]);
    const controller = new AbortController();
    const records = await launch(planOf([0, 1, 2]), { signal: controller.signal, onStart: (seed) => seed === 1 && controller.abort() });
    expect(calls('scancel')).toEqual(['scancel 7']);
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'cancelled'],
      [2, 'cancelled'],
    ]);
    expect(records[1]!.reason).toMatch(/cancelled by mlreg \(interrupted\)/);
    expect(readJson<RunRecord>(path.join(armDir, 'seed-1', 'result.json')).status).toBe('cancelled');
  });

  it('on stop, cancels only the pending tasks and lets the running ones finish', async () => {
    fakeSlurm([{ 0: { states: ['RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED'], ...ok(1) }, 1: { states: ['PENDING'], frozen: true } }]);
    const stop = new AbortController();
    const records = await launch(planOf([0, 1]), { stopLaunching: stop.signal, onStart: () => stop.abort() });
    expect(calls('scancel')).toEqual(['scancel --state=PENDING 7']);
    expect(records.map((record) => [record.seed, record.status])).toEqual([[0, 'ok']]);
  });
});

describe('resume', () => {
  function journalOf(jobId: string, seeds: number[]): SlurmJobJournal {
    return {
      schema: JOURNAL_SCHEMA,
      config: 'cfg',
      arm: 'candidate',
      plan: path.join(armDir, 'plan.json'),
      script: path.join(armDir, 'slurm-job.sh'),
      seeds,
      submissions: [{ jobId, submittedAt: new Date().toISOString(), array: '0-3%2', seeds, cause: 'initial' }],
    };
  }

  it('re-attaches to the recorded array while it runs, without submitting again', async () => {
    const job = (_task: number, seed: number, states: string[]) => ({ seed, step: 0, states, result: { status: 'ok', metrics: { score: seed } } });
    fakeSlurm([], {
      jobs: {
        '3': {
          id: '3',
          armDir,
          tasks: { 2: job(2, 2, ['RUNNING', 'COMPLETED']), 3: job(3, 3, ['PENDING', 'RUNNING', 'COMPLETED']) },
        },
      },
    });
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journalOf('3', [0, 1, 2, 3])));
    // Seeds 0 and 1 finished before the shell was lost: the runner asks only for 2 and 3.
    const records = await launch(planOf([2, 3]));
    expect(calls('sbatch')).toEqual([]);
    expect(records.map((record) => [record.seed, record.status, record.metrics.score])).toEqual([
      [2, 'ok', 2],
      [3, 'ok', 3],
    ]);
  });

  it('submits a new array for just the unfinished seeds when the recorded job is gone', async () => {
    fakeSlurm([{ 1: ok(1), 3: ok(3) }], { jobs: { '3': { id: '3', armDir, forgotten: true, tasks: {} } }, nextJobId: 12 });
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journalOf('3', [0, 1, 2, 3])));
    const records = await launch(planOf([1, 3]));
    // Task indices stay those of the first array, so logs and the journal agree.
    expect(calls('sbatch')).toHaveLength(1);
    expect(calls('sbatch')[0]).toContain('--array=1,3%2');
    expect(records.map((record) => [record.seed, record.status, record.attempts])).toEqual([
      [1, 'ok', 2],
      [3, 'ok', 2],
    ]);
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions.map((submission) => [submission.jobId, submission.cause])).toEqual([
      ['3', 'initial'],
      ['12', 'resume'],
    ]);
  });

  it('runs again a seed whose recorded task was cancelled, like a stored cancelled run', async () => {
    fakeSlurm([{ 0: ok(4) }], {
      jobs: { '3': { id: '3', armDir, tasks: { 0: { seed: 0, step: 0, states: ['CANCELLED'] } } } },
      nextJobId: 4,
    });
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journalOf('3', [0])));
    const records = await launch(planOf([0]));
    expect(calls('squeue')[0]).toContain('--jobs=3');
    expect(calls('sbatch')).toHaveLength(1);
    expect(records.map((record) => [record.seed, record.status, record.attempts])).toEqual([[0, 'ok', 2]]);
    const journal = readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json'));
    expect(journal.submissions.map((submission) => [submission.jobId, submission.cause])).toEqual([
      ['3', 'initial'],
      ['4', 'resume'],
    ]);
  });

  it('on --resume, runs again a seed whose task ended before its worker started', async () => {
    fakeSlurm([{ 0: ok(4) }], {
      jobs: { '3': { id: '3', armDir, tasks: { 0: { seed: 0, step: 0, states: ['FAILED'], exitCode: 1 } } } },
      nextJobId: 4,
    });
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journalOf('3', [0])));
    const records = await launch(planOf([0]));
    expect(records.map((record) => [record.seed, record.status, record.attempts])).toEqual([[0, 'ok', 2]]);
    expect(readJson<SlurmJobJournal>(path.join(armDir, 'slurm-job.json')).submissions.map((submission) => [submission.jobId, submission.cause])).toEqual([
      ['3', 'initial'],
      ['4', 'resume'],
    ]);
  });

  it('on --resume, also runs again a seed whose task of the earlier array was still running and then ended before its worker started', async () => {
    fakeSlurm([{ 0: ok(4) }], {
      jobs: { '3': { id: '3', armDir, tasks: { 0: { seed: 0, step: 0, states: ['PENDING', 'RUNNING', 'FAILED'], exitCode: 1, started: false } } } },
      nextJobId: 4,
    });
    mkdirSync(armDir, { recursive: true });
    writeFileSync(path.join(armDir, 'slurm-job.json'), JSON.stringify(journalOf('3', [0])));
    // The earlier array still runs the job script it was submitted with: its failure says nothing about the fixed config.
    const records = await launch(planOf([0]));
    expect(records.map((record) => [record.seed, record.status, record.attempts])).toEqual([[0, 'ok', 2]]);
  });
});

describe('poll interval', () => {
  it('defaults to 2 s and reads MLREG_SLURM_POLL_MS, then launcher.slurm.poll_interval', () => {
    expect(pollIntervalFromEnv({})).toBe(2000);
    expect(pollIntervalFromEnv({}, 10_000)).toBe(10_000);
    expect(pollIntervalFromEnv({ MLREG_SLURM_POLL_MS: '250' }, 10_000)).toBe(250);
    expect(() => pollIntervalFromEnv({ MLREG_SLURM_POLL_MS: 'soon' })).toThrow('MLREG_SLURM_POLL_MS: expected a positive number of milliseconds; received "soon"');
  });

  it('backs off while every task is pending: doubling, up to 30 s or 16 intervals', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((looks) => pollDelay(2000, looks))).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect([0, 1, 4, 5, 9].map((looks) => pollDelay(500, looks))).toEqual([500, 1000, 8000, 8000, 8000]);
    expect(pollDelay(60_000, 3)).toBe(60_000);
  });

  it('looks less often while the whole array waits in the queue, and at the interval once a task runs', async () => {
    fakeSlurm([
      { 0: { states: ['PENDING', 'PENDING', 'PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED'], result: { status: 'ok', metrics: { score: 1 } } } },
    ]);
    const started = Date.now();
    await launch(planOf([0]), {}, { pollIntervalMs: 20 });
    // Four pending looks wait 40 + 80 + 160 + 320 ms; the running ones 20 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(calls('squeue').length).toBeGreaterThanOrEqual(8);
  });
});

describe('arrays polled together', () => {
  it('answers the looks of arrays polled at the same moment with one squeue', async () => {
    fakeSlurm([
      { 0: ok(1), 1: ok(2) },
      { 0: ok(3), 1: ok(4) },
    ]);
    const client = await import('../../../src/launchers/slurm/client.js');
    const script = path.join(root, 'job.sh');
    writeFileSync(script, '#!/bin/bash\nSEEDS=(0 1)\n');
    for (let i = 0; i < 2; i++) await client.sbatch(['--array=0-1', `--output=${armDir}/slurm-%A_%a.out`], { path: script }, { binDir });
    const { squeueTogether } = await import('../../../src/launchers/slurm/squeue-batch.js');
    const [first, second] = await Promise.all([squeueTogether('7', { binDir }), squeueTogether('8', { binDir })]);
    expect(calls('squeue')).toEqual(['squeue --array --noheader --states=all --jobs=7,8 --format=%i|%T|%r']);
    expect([...first.keys()]).toEqual([0, 1]);
    expect([...second.keys()]).toEqual([0, 1]);
    expect(first.get(0)!.state).toBe('RUNNING');
  });

  it('schedules each look at the next look another array waits for, when it comes soon enough', async () => {
    const { waitForSharedLook } = await import('../../../src/launchers/slurm/squeue-batch.js');
    const where = { binDir: path.join(root, 'shared-look') };
    expect(waitForSharedLook(1000, where, 10_000)).toBe(1000); // the first array sets the next look at 11 000
    expect(waitForSharedLook(1000, where, 10_400)).toBe(600); // a second one, finishing later, joins it
    expect(waitForSharedLook(8000, where, 10_500)).toBe(500); // one backing off joins it too
    expect(waitForSharedLook(1000, where, 11_050)).toBe(1000); // past: a new shared look at 12 050
    expect(waitForSharedLook(100, where, 11_100)).toBe(100); // too far for a short interval: its own
  });

  it('has the arms of a run look at the same moments, so one squeue serves both arms', { timeout: 30_000 }, async () => {
    const states = ['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED'];
    fakeSlurm([{ 0: { states, ...ok(1) } }, { 0: { states, ...ok(2) } }]);
    const other = path.join(root, 'run', 'baseline');
    const baselinePlan = { ...planOf([0]), arm: 'baseline', armDir: other };
    const launcher = createSlurmLauncher({ binDir, pollIntervalMs: 300, node: '/n', mlregBin: '/m' });
    const drain = async (plan: ArmPlan) => {
      const records: RunRecord[] = [];
      for await (const record of launcher.launch(plan, { concurrency: 1, signal: new AbortController().signal })) records.push(record);
      return records;
    };
    const baselineRun = drain(baselinePlan);
    // The second arm is submitted a little later, as it would be after the first arm's sbatch (the journal names its array; before, it notes it pending).
    const submitted = () => existsSync(path.join(other, 'slurm-job.json')) && readJson<SlurmJobJournal>(path.join(other, 'slurm-job.json')).submissions.length > 0;
    while (!submitted()) await new Promise((resolve) => setTimeout(resolve, 10));
    const [baseline, candidate] = await Promise.all([baselineRun, drain(planOf([0]))]);
    expect([baseline[0]!.status, candidate[0]!.status]).toEqual(['ok', 'ok']);
    const looks = calls('squeue');
    expect(looks.filter((call) => call.includes('--jobs=7,8') || call.includes('--jobs=8,7')).length).toBeGreaterThanOrEqual(2);
    // Both arrays in flight cost one squeue per look, not one per array: only each arm's first look, right after its sbatch, is its own.
    expect(looks.filter((call) => !call.includes(',')).length).toBeLessThanOrEqual(4);
  });
});
