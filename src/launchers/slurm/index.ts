/**
 * The Slurm launcher: runs an arm's seeds as one Slurm job array (`sbatch --array=0-(N-1)%K`),
 * each task running `mlreg internal run-seed` on a compute node, and yields each seed's record
 * as soon as its task ends. The arrays are recorded in `<armDir>/slurm-job.json` before mlreg
 * waits on them, so `--resume` re-attaches to them, even after the submitting shell was lost.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InfrastructureError } from '../../errors.js';
import { MLREG_BIN } from '../../package-files.js';
import { markResumedAttempt, runDirOf, RESULT_FILE, writeRunResult } from '../../runner/execute-run.js';
import type { ArmPlan, Launcher, LaunchOptions } from '../../runner/types.js';
import type { LaunchPreview } from '../../model/run-preview.js';
import type { RunRecord } from '../../model/run-record.js';
import { writeFileAtomic, writeJsonAtomic } from '../../store/atomic-write.js';
import { formatTaskRange } from './array-range.js';
import type { SubmittedJob } from './parse-sbatch.js';
import { accountingAvailable, findJobByComment, sbatch, scancel, scancelNow, type SlurmCommandOptions } from './client.js';
import { onForcedExit } from '../../runner/forced-exit.js';
import { EXIT_FILE, quote, renderJobScript, WORKER_FILE } from './job-script.js';
import { JOURNAL_SCHEMA, lastSubmissionOf, readJournal, taskOfSeed, writeJournal, type JournalSubmission, type PendingSubmission, type SlurmJobJournal } from './journal.js';
import { observeJob, type TaskObservation } from './observe.js';
import { CHECKPOINT_SIGNAL, jobNameOf, logDirOf, sbatchArguments, submissionToken, taskLogPaths, type SlurmJobOptions } from './sbatch-args.js';
import { waitForSharedLook } from './squeue-batch.js';
import { classifySlurmState, type SlurmTaskOutcome } from './states.js';
import { followTaskProgress, type TaskProgress } from './task-progress.js';
import { recordOfEndedTask, recordOfStoppedTask, type EndedTask } from './task-record.js';
import { workerRestarts, workerStarted } from './worker-start.js';

export interface SlurmLauncherOptions {
  /** Extra attempts of a task whose node failed (NODE_FAIL, BOOT_FAIL); a preempted task gets one more. */
  retries?: number | undefined;
  /** Directory of sbatch, squeue, sacct and scancel; PATH when omitted (tests use stand-ins). */
  binDir?: string | undefined;
  /** The config's `launcher.slurm` block: the arrays' sbatch options, setup lines, requeues. */
  job?: SlurmJobOptions | undefined;
  /** Time between two looks at the arrays (`MLREG_SLURM_POLL_MS`, else `launcher.slurm.poll_interval`). Default 2 s. */
  pollIntervalMs?: number | undefined;
  /** How long Slurm may fail to answer squeue before mlreg gives up (the arrays keep running): `launcher.slurm.unreachable_timeout`. Default 5 min. */
  unreachableMs?: number | undefined;
  /** Looks in a row that a task may be unknown to squeue, sacct and its exit file before it counts as gone. Default 3. */
  unseenPolls?: number | undefined;
  /** Node.js on the compute nodes; else `launcher.slurm.node`, else this process's executable. */
  node?: string | undefined;
  /** mlreg's `bin/mlreg.js` as the compute nodes see it; else `launcher.slurm.mlreg_bin`, else this installation's. */
  mlregBin?: string | undefined;
}

const POLL_ENV = 'MLREG_SLURM_POLL_MS';
const DEFAULT_POLL_MS = 2_000;
/** While the arm waits for its first task to start, the interval doubles at each look, up to this (or 16 intervals, if less; or the interval, if more). */
const MAX_PENDING_POLL_MS = 30_000;
const DEFAULT_UNREACHABLE_MS = 5 * 60_000;
const DEFAULT_UNSEEN_POLLS = 3;
/** Looks (about 10 s) to wait for an ended task's result.json to appear on a shared filesystem. */
const RESULT_GRACE_POLLS = 5;
const PLAN_FILE = 'plan.json';
const SCRIPT_FILE = 'slurm-job.sh';

/** A launcher that runs each arm as a Slurm job array. */
export function createSlurmLauncher(settings: SlurmLauncherOptions = {}): Launcher {
  return {
    name: 'slurm',
    launch: (plan, options) => launchOnSlurm(plan, options, settings),
    preview: (plan, options) => previewOnSlurm(plan, options.concurrency, settings),
  };
}

/** The sbatch command and the job script of the arm's first array, as `launch` would submit them. */
function previewOnSlurm(plan: ArmPlan, concurrency: number, settings: SlurmLauncherOptions): LaunchPreview {
  const files = armJobFiles(plan, plan.seeds, settings);
  const tasks = plan.seeds.map((_, task) => task);
  const args = sbatchArguments({
    configName: plan.config.name,
    arm: plan.arm,
    armDir: plan.armDir,
    tasks,
    concurrency,
    options: jobOptions(settings),
    token: submissionToken(plan.armDir, 0),
  });
  return {
    summary: `one Slurm job array of ${plan.seeds.length} tasks (seeds ${formatTaskRange(plan.seeds)}), at most ${concurrency} running at once`,
    commands: [['sbatch', '--parsable', ...args, files.script].map(shellWord).join(' ')],
    files: [{ path: files.script, text: files.scriptText }],
  };
}

/** A word as a POSIX shell reads it: bare when it is safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : quote(word);
}

/** The arm's plan file and job script (paths and text) for an array over `seeds` (task i runs seeds[i]). */
function armJobFiles(plan: ArmPlan, seeds: readonly number[], settings: SlurmLauncherOptions) {
  const planFile = join(plan.armDir, PLAN_FILE);
  const script = join(plan.armDir, SCRIPT_FILE);
  const scriptText = renderJobScript({
    configName: plan.config.name,
    arm: plan.arm,
    seeds,
    planFile,
    armDir: plan.armDir,
    node: settings.node ?? jobOptions(settings).node ?? process.execPath,
    mlregBin: settings.mlregBin ?? jobOptions(settings).mlreg_bin ?? MLREG_BIN,
    setup: jobOptions(settings).setup ?? [],
    ...(jobOptions(settings).signal_before_timeout === undefined ? {} : { forwardSignal: CHECKPOINT_SIGNAL }),
  });
  return { planFile, script, scriptText };
}

/** The arrays' job options (`launcher.slurm`); none given: Slurm's defaults. */
function jobOptions(settings: SlurmLauncherOptions): SlurmJobOptions {
  return settings.job ?? {};
}

/**
 * How long to wait before the next look: the interval, doubled at each look in a row that found
 * every task still pending (a queue wait of hours need not cost a squeue every 2 s).
 */
export function pollDelay(intervalMs: number, pendingLooks: number): number {
  if (pendingLooks <= 0) return intervalMs;
  const ceiling = Math.max(intervalMs, Math.min(MAX_PENDING_POLL_MS, intervalMs * 16));
  return Math.min(ceiling, intervalMs * 2 ** Math.min(pendingLooks, 16));
}

/** The poll interval `MLREG_SLURM_POLL_MS` asks for, else the configured one, else the default. */
export function pollIntervalFromEnv(env: NodeJS.ProcessEnv, configuredMs?: number): number {
  const text = env[POLL_ENV];
  if (text === undefined || text === '') return configuredMs ?? DEFAULT_POLL_MS;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${POLL_ENV}: expected a positive number of milliseconds; received "${text}"`);
  return value;
}

async function* launchOnSlurm(plan: ArmPlan, options: LaunchOptions, settings: SlurmLauncherOptions): AsyncGenerator<RunRecord> {
  const arm = new ArmArrays(plan, options, settings);
  let wake: (() => void) | undefined;
  const notify = () => wake?.();
  const signals = [options.signal, options.stopLaunching].filter((signal): signal is AbortSignal => signal !== undefined);
  for (const signal of signals) signal.addEventListener('abort', notify);
  // A second Ctrl-C exits at once: the arrays are cancelled on the way out, not left running.
  const removeForcedExit = onForcedExit(() => arm.cancelAllNow());
  let pendingLooks = 0;
  try {
    await arm.attach();
    while (true) {
      if (options.signal.aborted) {
        await arm.cancelAll();
        yield* arm.drain();
        return;
      }
      if (options.stopLaunching?.aborted) await arm.withdrawPending();
      await arm.submitQueued();
      yield* arm.drain();
      if (arm.settled) return;
      await arm.poll();
      yield* arm.drain();
      if (arm.settled) return;
      // A stop that came while this loop was busy (or suspended in a yield) is acted on at once.
      if (options.signal.aborted || arm.mustWithdraw) continue;
      pendingLooks = arm.waitingForFirstStart ? pendingLooks + 1 : 0;
      await new Promise<void>((done) => {
        const delay = pollDelay(settings.pollIntervalMs ?? DEFAULT_POLL_MS, pendingLooks);
        const timer = setTimeout(done, waitForSharedLook(delay, settings.binDir === undefined ? {} : { binDir: settings.binDir }));
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      wake = undefined;
    }
  } finally {
    removeForcedExit();
    for (const signal of signals) signal.removeEventListener('abort', notify);
  }
}

/** One seed's task in the array that currently runs it. */
interface Tracker {
  seed: number;
  task: number;
  jobId: string;
  cluster?: string | undefined;
  /** Arrays that have run this seed, this one included. */
  attempts: number;
  preemptions: number;
  /** Times Slurm itself requeued the task within its array (each one an attempt). */
  slurmRequeues: number;
  /** Of those, the requeues of the array task it runs in now (what SLURM_RESTART_COUNT counts). */
  taskRequeues: number;
  /** A requeue has been counted and the task has not been seen running since. */
  requeueSeen: boolean;
  /** Why earlier attempts did not count (RunRecord.attemptNotes). */
  notes: string[];
  submittedAt: number;
  startedAt?: number | undefined;
  /** Attached from an earlier invocation and not looked at yet. */
  resumed: boolean;
  /** Its array was submitted by an earlier invocation (this one resumed it). */
  earlierArray: boolean;
  /** Its pending task was cancelled because launching stopped. */
  withdrawn: boolean;
  /** Looks in a row in which no source knew the task. */
  unseen: number;
  /** Looks since the task ended without its worker's result.json being visible. */
  awaitingResult: number;
  /** Its log, followed for the points its trainer streams while it runs. */
  progress?: TaskProgress | undefined;
}

interface Queued {
  seed: number;
  cause: JournalSubmission['cause'];
  attempts: number;
  preemptions: number;
  slurmRequeues: number;
  notes: string[];
}

/** The state of one arm's arrays: what is queued for submission, what is tracked, what is ready to yield. */
class ArmArrays {
  private journal: SlurmJobJournal;
  private readonly trackers = new Map<number, Tracker>();
  private queued: Queued[] = [];
  private readonly ready: RunRecord[] = [];
  private accounting = false;
  private withdrawn = false;
  /** A task of this arm has been seen running (the queue wait is over). */
  private anyStarted = false;
  private unreachableSince: number | undefined;
  private readonly planFile: string;
  private readonly scriptFile: string;
  private readonly logDir: string;

  constructor(
    private readonly plan: ArmPlan,
    private readonly options: LaunchOptions,
    private readonly settings: SlurmLauncherOptions,
  ) {
    this.planFile = join(plan.armDir, PLAN_FILE);
    this.scriptFile = join(plan.armDir, SCRIPT_FILE);
    this.logDir = logDirOf(plan.armDir, jobOptions(settings));
    this.journal = {
      schema: JOURNAL_SCHEMA,
      config: plan.config.name,
      arm: plan.arm,
      plan: this.planFile,
      script: this.scriptFile,
      seeds: [...plan.seeds],
      submissions: [],
    };
  }

  /** Nothing queued, nothing tracked, nothing left to yield. */
  get settled(): boolean {
    return this.trackers.size === 0 && this.queued.length === 0 && this.ready.length === 0;
  }

  /**
   * The arm's tasks wait in the queue and none of them has started yet: the queue wait that the
   * poll backs off for. Once a task has run, tasks pending again (a requeue, a throttled array)
   * start soon and are watched at the full rate, so a requeue is seen before it runs again.
   */
  get waitingForFirstStart(): boolean {
    // A task that ended before it was seen running, waiting for its result.json, is not waiting in the queue.
    const queuing = (tracker: Tracker) => tracker.startedAt === undefined && tracker.awaitingResult === 0;
    return !this.anyStarted && this.queued.length === 0 && this.trackers.size > 0 && [...this.trackers.values()].every(queuing);
  }

  /** Launching has stopped and the pending tasks are not cancelled yet. */
  get mustWithdraw(): boolean {
    return this.options.stopLaunching?.aborted === true && !this.withdrawn;
  }

  *drain(): Generator<RunRecord> {
    while (this.ready.length > 0) yield this.ready.shift()!;
  }

  /** Picks up the arrays of an earlier invocation of this arm; queues the seeds none of them ran. */
  async attach(): Promise<void> {
    const earlier = await readJournal(this.plan.armDir);
    if (earlier) this.journal = earlier;
    if (earlier?.pending) await this.adoptPending(earlier, earlier.pending);
    this.accounting = await accountingAvailable(this.commandOptions());
    for (const seed of this.plan.seeds) {
      const last = earlier ? lastSubmissionOf(earlier, seed) : undefined;
      if (!last) {
        this.queued.push({ seed, cause: earlier ? 'resume' : 'initial', attempts: 0, preemptions: 0, slurmRequeues: 0, notes: [] });
        continue;
      }
      const preemptions = earlier!.submissions.filter((submission) => submission.cause === 'preempted' && submission.seeds.includes(seed)).length;
      this.trackers.set(seed, {
        seed,
        task: taskOfSeed(this.journal, seed),
        jobId: last.submission.jobId,
        cluster: last.submission.cluster,
        attempts: last.attempts,
        preemptions,
        slurmRequeues: 0,
        taskRequeues: 0,
        requeueSeen: false,
        notes: [],
        submittedAt: Date.parse(last.submission.submittedAt),
        resumed: true,
        earlierArray: true,
        withdrawn: false,
        unseen: 0,
        awaitingResult: 0,
      });
    }
  }

  /** Submits the queued seeds, one array per cause, unless launching has stopped (then they never run). */
  async submitQueued(): Promise<void> {
    while (this.queued.length > 0) {
      // One array per cause, so that the journal says why each seed was submitted.
      const cause = this.queued[0]!.cause;
      const batch = this.queued.filter((entry) => entry.cause === cause);
      this.queued = this.queued.filter((entry) => entry.cause !== cause);
      await this.submitBatch(batch);
    }
  }

  private async submitBatch(queued: Queued[]): Promise<void> {
    if (queued.length === 0 || this.options.signal.aborted || this.options.stopLaunching?.aborted) return;
    const seeds = queued.map((entry) => entry.seed);
    const tasks = seeds.map((seed) => taskOfSeed(this.journal, seed));
    const pending: PendingSubmission = {
      token: submissionToken(this.plan.armDir, this.journal.submissions.length),
      submittedAt: new Date().toISOString(),
      array: `${formatTaskRange(tasks)}%${this.options.concurrency}`,
      seeds,
      cause: queued[0]!.cause,
    };
    try {
      await this.writeJobFiles();
      await Promise.all(seeds.map((seed) => this.clearRun(seed)));
      // Written ahead: should sbatch's answer be lost, a later look (or --resume) finds the array by its token.
      this.journal.pending = pending;
      await writeJournal(this.plan.armDir, this.journal);
    } catch (error) {
      throw new InfrastructureError(`could not write the job files of ${this.plan.config.name} (${this.plan.arm} arm) in ${this.plan.armDir}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const args = sbatchArguments({
      configName: this.plan.config.name,
      arm: this.plan.arm,
      armDir: this.plan.armDir,
      tasks,
      concurrency: this.options.concurrency,
      options: jobOptions(this.settings),
      token: pending.token,
    });
    let job: SubmittedJob;
    try {
      job = await sbatch(args, { path: this.scriptFile }, this.commandOptions());
    } catch (error) {
      // sbatch failing (or timing out) does not prove the array was not queued: look for it before giving up.
      const found = await this.findPending(pending).catch(() => undefined);
      if (!found) throw this.refused(seeds, error as Error);
      job = found;
    }
    const { token: _token, ...submitted } = pending;
    const submission: JournalSubmission = { jobId: job.jobId, ...(job.cluster === undefined ? {} : { cluster: job.cluster }), ...submitted };
    delete this.journal.pending;
    this.journal.submissions.push(submission);
    try {
      await writeJournal(this.plan.armDir, this.journal);
    } catch (error) {
      // An array that `--resume` could not find must not run unattended.
      await scancel(job.jobId, undefined, this.commandOptions(job.cluster)).catch(() => undefined);
      throw new InfrastructureError(`could not record Slurm job ${job.jobId} in ${this.plan.armDir}: ${(error as Error).message}; the job was cancelled`, { cause: error });
    }
    for (const [index, entry] of queued.entries()) {
      this.trackers.set(entry.seed, {
        seed: entry.seed,
        task: tasks[index]!,
        jobId: job.jobId,
        cluster: job.cluster,
        attempts: entry.attempts + 1,
        preemptions: entry.preemptions,
        slurmRequeues: entry.slurmRequeues,
        taskRequeues: 0,
        requeueSeen: false,
        notes: entry.notes,
        submittedAt: Date.parse(submission.submittedAt),
        resumed: false,
        earlierArray: false,
        withdrawn: false,
        unseen: 0,
        awaitingResult: 0,
      });
    }
  }

  /** Looks at every tracked array once and acts on each task's state. */
  async poll(): Promise<void> {
    // Every array is looked at at once, so that their squeue calls are one (squeue-batch.ts).
    const jobs = [...this.byJob()];
    const looks = await Promise.all(
      jobs.map(([jobId, trackers]) =>
        observeJob(
          jobId,
          trackers.map((tracker) => ({ task: tracker.task, runDir: runDirOf(this.plan, tracker.seed) })),
          { ...this.commandOptions(trackers[0]!.cluster), accounting: this.accounting },
        ).then(
          (observed) => ({ observed }),
          (error: unknown) => ({ error: error as Error }),
        ),
      ),
    );
    for (const [index, [, trackers]] of jobs.entries()) {
      const look = looks[index]!;
      if ('error' in look) {
        this.checkReachable(look.error);
        continue;
      }
      this.unreachableSince = undefined;
      for (const tracker of trackers) await this.follow(tracker, look.observed.get(tracker.task));
    }
  }

  /** Cancels every unfinished task (Ctrl-C) and records them cancelled; pending ones too, unless launching had stopped. */
  async cancelAll(): Promise<void> {
    this.queued = [];
    const problems = new Map<string, string>();
    await Promise.all(
      [...this.byJob()].map(async ([jobId, trackers]) => {
        await scancel(jobId, undefined, this.commandOptions(trackers[0]!.cluster)).catch((error: Error) => problems.set(jobId, error.message));
      }),
    );
    const stopped = this.options.stopLaunching?.aborted === true;
    for (const tracker of [...this.trackers.values()]) {
      this.trackers.delete(tracker.seed);
      if (stopped && tracker.startedAt === undefined) continue;
      const problem = problems.get(tracker.jobId);
      const reason = problem
        ? `cancelled by mlreg, but scancel failed (${problem}): the task may still be running`
        : 'cancelled by mlreg (interrupted): its job array was cancelled with scancel';
      await this.finish(await recordOfStoppedTask(this.ended(tracker), 'cancelled', reason));
    }
  }

  /** Cancels every tracked array synchronously, as mlreg exits at once (a second Ctrl-C); records nothing. */
  cancelAllNow(): void {
    for (const [jobId, trackers] of this.byJob()) scancelNow([jobId], this.commandOptions(trackers[0]!.cluster));
  }

  /** Launching stopped (a decided sequential test): cancels the tasks not yet started; running ones finish. */
  async withdrawPending(): Promise<void> {
    if (this.withdrawn) return;
    this.withdrawn = true;
    this.queued = [];
    for (const tracker of this.trackers.values()) if (tracker.startedAt === undefined) tracker.withdrawn = true;
    await Promise.all(
      [...this.byJob()].map(([jobId, trackers]) => scancel(jobId, undefined, { ...this.commandOptions(trackers[0]!.cluster), state: 'PENDING' }).catch(() => undefined)),
    );
  }

  /** Acts on one look at a task: wait, note that it started, resubmit it, or record how it ended. */
  private async follow(tracker: Tracker, observation: TaskObservation | undefined): Promise<void> {
    const resumed = tracker.resumed;
    tracker.resumed = false;
    if (!observation) {
      // An earlier invocation's task that no source knows any more: run its seed again.
      if (resumed) return this.requeue(tracker, 'resume');
      if (++tracker.unseen < (this.settings.unseenPolls ?? DEFAULT_UNSEEN_POLLS)) return;
      this.trackers.delete(tracker.seed);
      if (tracker.withdrawn && tracker.startedAt === undefined) return;
      const reason = 'Slurm no longer lists this task (squeue, sacct) and it wrote no exit status: cancelled while pending, or removed';
      return this.finish(await recordOfStoppedTask(this.ended(tracker), 'cancelled', reason));
    }
    tracker.unseen = 0;
    const outcome = classifySlurmState(observation.state, observation.exit);
    if (outcome.kind === 'active') {
      if (outcome.state === 'PENDING' || outcome.state.startsWith('REQUEUE')) {
        // Waiting again after it had started: Slurm requeued it in its array (scontrol requeue, a preemption or node failure that requeues).
        if (tracker.startedAt !== undefined || (outcome.state.startsWith('REQUEUE') && !tracker.requeueSeen)) this.noteSlurmRequeue(tracker, outcome.state);
        return;
      }
      tracker.requeueSeen = false;
      if (tracker.startedAt === undefined) this.markStarted(tracker);
      this.lookAtProgress(tracker);
      return;
    }
    const retries = this.settings.retries ?? 0;
    if (outcome.kind === 'requeue') {
      if (this.mayLaunch() && tracker.preemptions < retries + 1) {
        tracker.preemptions++;
        // A cluster that requeues preempted jobs itself would run the seed twice: cancel its copy.
        await scancel(tracker.jobId, [tracker.task], this.commandOptions(tracker.cluster)).catch(() => undefined);
        tracker.notes.push(`attempt ${this.attemptOf(tracker)}: ${outcome.reason} (Slurm job ${tracker.jobId}_${tracker.task}); submitted again to resume in its run directory`);
        return this.resumeLater(tracker, 'preempted');
      }
      this.trackers.delete(tracker.seed);
      const reason = `${outcome.reason}, ${tracker.preemptions + 1} times; no attempts left (runner.retries ${retries}, +1 for preemption)`;
      return this.finish(await recordOfStoppedTask(this.ended(tracker), 'failed', reason));
    }
    if (outcome.status === 'cancelled') {
      // Cancelled before this invocation: like a stored `cancelled` record, the seed runs again.
      if (resumed) return this.requeue(tracker, 'resume');
      if (tracker.withdrawn && tracker.startedAt === undefined) {
        this.trackers.delete(tracker.seed);
        return;
      }
    }
    if (outcome.retryable && this.mayLaunch() && tracker.attempts <= retries) {
      tracker.notes.push(`attempt ${this.attemptOf(tracker)}: ${outcome.reason ?? outcome.state} (Slurm job ${tracker.jobId}_${tracker.task}); submitted again`);
      return this.requeue(tracker, 'retry');
    }
    if (outcome.state === 'TIMEOUT') {
      const allowed = jobOptions(this.settings).requeue_on_timeout ?? 0;
      const timeouts = this.timeoutRequeuesOf(tracker.seed);
      if (timeouts < allowed && this.mayLaunch()) {
        tracker.notes.push(`attempt ${this.attemptOf(tracker)}: ${outcome.reason} (Slurm job ${tracker.jobId}_${tracker.task}); submitted again to resume in its run directory`);
        return this.resumeLater(tracker, 'timeout');
      }
      if (allowed > 0) {
        const reason = `${outcome.reason}, ${timeouts + 1} times; no requeues left (launcher.slurm.requeue_on_timeout ${allowed})`;
        this.trackers.delete(tracker.seed);
        return this.finish(await recordOfEndedTask(this.ended(tracker), { ...outcome, reason }));
      }
    }
    // On NFS the submitting host may see a worker's result.json a few seconds after the task ended.
    const runDir = runDirOf(this.plan, tracker.seed);
    const workerWrites = outcome.status === 'ok' || outcome.state === 'FAILED';
    if (workerWrites && tracker.awaitingResult++ < RESULT_GRACE_POLLS && !existsSync(join(runDir, RESULT_FILE))) return;
    if (workerWrites && !existsSync(join(runDir, RESULT_FILE)) && !workerStarted(runDir)) {
      // A task of an array an earlier invocation submitted (with its job script of then): run it again, now that the cause may be fixed.
      if (tracker.earlierArray) return this.requeue(tracker, 'resume');
      throw await this.workerDidNotStart(tracker, outcome);
    }
    this.trackers.delete(tracker.seed);
    if (tracker.startedAt === undefined && outcome.status !== 'cancelled') this.markStarted(tracker);
    this.countUnseenRequeues(tracker, runDir);
    return this.finish(await recordOfEndedTask(this.ended(tracker), outcome));
  }

  /** Submits the seed again to continue where it stopped: its next attempt keeps the run directory. */
  private async resumeLater(tracker: Tracker, cause: 'preempted' | 'timeout'): Promise<void> {
    await markResumedAttempt(runDirOf(this.plan, tracker.seed), cause === 'timeout' ? 'TIMEOUT' : 'PREEMPTED').catch(() => undefined);
    this.requeue(tracker, cause);
  }

  /** How many times the seed was submitted again after reaching its time limit (from the journal, so --resume counts them too). */
  private timeoutRequeuesOf(seed: number): number {
    return this.journal.submissions.filter((submission) => submission.seeds.includes(seed) && submission.cause === 'timeout').length;
  }

  private requeue(tracker: Tracker, cause: Queued['cause']): void {
    this.trackers.delete(tracker.seed);
    if (!this.mayLaunch()) return;
    this.queued.push({
      seed: tracker.seed,
      cause,
      attempts: tracker.attempts,
      preemptions: tracker.preemptions,
      slurmRequeues: tracker.slurmRequeues,
      notes: tracker.notes,
    });
  }

  /** Slurm put a started task back in the queue: its run so far is lost, and the next start is another attempt. */
  private noteSlurmRequeue(tracker: Tracker, state: string): void {
    tracker.notes.push(
      `attempt ${this.attemptOf(tracker)}: requeued by Slurm (Slurm job ${tracker.jobId}_${tracker.task} was ${state} again at ${new Date().toISOString()}` +
        `${tracker.startedAt === undefined ? '' : ' after it had started'}: scontrol requeue, a preemption or a node failure)`,
    );
    tracker.slurmRequeues++;
    tracker.taskRequeues++;
    tracker.requeueSeen = true;
    tracker.startedAt = undefined;
    // Slurm starts the task's log afresh.
    tracker.progress = undefined;
  }

  /**
   * Requeues Slurm made between two looks (the task was pending and running again before mlreg
   * looked), which the worker saw as SLURM_RESTART_COUNT: each is an attempt too.
   */
  private countUnseenRequeues(tracker: Tracker, runDir: string): void {
    const unseen = workerRestarts(runDir) - tracker.taskRequeues;
    for (let i = 0; i < unseen; i++) {
      tracker.notes.push(
        `attempt ${this.attemptOf(tracker)}: requeued by Slurm between two looks of mlreg (Slurm job ${tracker.jobId}_${tracker.task}; its last worker saw SLURM_RESTART_COUNT ${tracker.taskRequeues + unseen})`,
      );
      tracker.slurmRequeues++;
    }
    if (unseen > 0) tracker.taskRequeues += unseen;
  }

  /** The attempt a tracker's task is running now, counting Slurm's requeues and mlreg's resubmissions. */
  private attemptOf(tracker: Tracker): number {
    return tracker.attempts + tracker.slurmRequeues;
  }

  private lookAtProgress(tracker: Tracker): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    tracker.progress ??= followTaskProgress(taskLogPaths(this.logDir, tracker.jobId, tracker.task).out, (point) => onProgress(tracker.seed, point));
    tracker.progress.look();
  }

  private markStarted(tracker: Tracker): void {
    tracker.startedAt = Date.now();
    this.anyStarted = true;
    this.options.onStart?.(tracker.seed);
  }

  private async finish(record: RunRecord): Promise<void> {
    try {
      await writeRunResult(record);
    } catch (error) {
      record = { ...record, reason: `${record.reason ?? record.status}; mlreg could not store this record: ${(error as Error).message}` };
    }
    this.ready.push(record);
  }

  private ended(tracker: Tracker): EndedTask {
    return {
      seed: tracker.seed,
      jobId: tracker.jobId,
      task: tracker.task,
      runDir: runDirOf(this.plan, tracker.seed),
      logDir: this.logDir,
      attempts: this.attemptOf(tracker),
      attemptNotes: tracker.notes,
      startedAt: tracker.startedAt ?? tracker.submittedAt,
    };
  }

  private mayLaunch(): boolean {
    return !this.options.signal.aborted && !this.options.stopLaunching?.aborted;
  }

  private byJob(): Map<string, Tracker[]> {
    const jobs = new Map<string, Tracker[]>();
    for (const tracker of this.trackers.values()) {
      const list = jobs.get(tracker.jobId) ?? [];
      list.push(tracker);
      jobs.set(tracker.jobId, list);
    }
    return jobs;
  }

  private commandOptions(cluster?: string): SlurmCommandOptions {
    return {
      ...(this.settings.binDir === undefined ? {} : { binDir: this.settings.binDir }),
      ...(cluster === undefined ? {} : { cluster }),
    };
  }

  /** The plan every task reads, and the job script (Slurm copies it at submission, so rewriting it is safe). */
  private async writeJobFiles(): Promise<void> {
    await writeJsonAtomic(this.planFile, { ...this.plan, seeds: this.journal.seeds } satisfies ArmPlan);
    await writeFileAtomic(this.scriptFile, armJobFiles(this.plan, this.journal.seeds, this.settings).scriptText);
    // Slurm does not create the directory of --output; a task whose log cannot be opened fails at once.
    await mkdir(this.logDir, { recursive: true });
  }

  /** Removes what an earlier attempt of a seed left, so only this attempt's files are read. */
  private async clearRun(seed: number): Promise<void> {
    const runDir = runDirOf(this.plan, seed);
    await Promise.all([RESULT_FILE, EXIT_FILE, WORKER_FILE].map((name) => rm(join(runDir, name), { force: true })));
  }

  /** The array a lost sbatch answer may have queued, found by its token among the arm's jobs. */
  private async findPending(pending: PendingSubmission): Promise<SubmittedJob | undefined> {
    const jobName = jobNameOf(this.plan.config.name, this.plan.arm, jobOptions(this.settings).job_name);
    const jobId = await findJobByComment(jobName, pending.token, this.commandOptions());
    // squeue without --clusters: on a multi-cluster setup (extra_args: --clusters=…) only the local cluster is searched.
    return jobId === undefined ? undefined : { jobId };
  }

  /**
   * An earlier invocation wrote `pending` and lost sbatch's answer (it was interrupted, or sbatch
   * failed): the array it may have queued is followed if Slurm has it; else its seeds are
   * submitted again. A Slurm that does not answer is exit 3, not a second array.
   */
  private async adoptPending(journal: SlurmJobJournal, pending: PendingSubmission): Promise<void> {
    let found: SubmittedJob | undefined;
    try {
      found = await this.findPending(pending);
    } catch (error) {
      throw new InfrastructureError(
        `could not look for the job array an earlier sbatch of ${this.plan.config.name} (${this.plan.arm} arm) may have queued: ${(error as Error).message}; ` +
          'run the same command with --resume once squeue answers',
        { cause: error },
      );
    }
    delete journal.pending;
    if (!found) return;
    const { token: _token, ...submitted } = pending;
    journal.submissions.push({ jobId: found.jobId, ...(found.cluster === undefined ? {} : { cluster: found.cluster }), ...submitted });
    await writeJournal(this.plan.armDir, journal);
  }

  /**
   * A task ended before its worker started (a failing setup line, Node.js or mlreg missing on the
   * node): the cluster's or the config's fault, found by the first such task, before the other
   * runs spend their GPU hours. Nothing is recorded for the seed, so `--resume` runs it again once
   * the cause is fixed; the arrays keep running, as after a refused sbatch.
   */
  private async workerDidNotStart(tracker: Tracker, outcome: Extract<SlurmTaskOutcome, { kind: 'finished' }>): Promise<InfrastructureError> {
    const { reason } = await recordOfEndedTask(this.ended(tracker), outcome);
    const running = [...this.byJob().keys()];
    return new InfrastructureError(
      `the mlreg worker did not start for seed ${tracker.seed} of ${this.plan.config.name} (${this.plan.arm} arm): ${reason}\n` +
        `Check launcher.slurm.setup, launcher.slurm.node and launcher.slurm.mlreg_bin on the compute nodes. No run was recorded for it` +
        `${running.length > 0 ? `; job array ${running.join(', ')} of this arm keeps running` : ''}. Fix the cause, then run the same command with --resume.`,
    );
  }

  /**
   * sbatch refused an array (unknown partition, account or QOS, a submit limit, a controller that
   * timed out): a fault of the cluster or its settings, not of any run. Nothing is recorded for
   * the seeds, so the invocation stays resumable and `--resume` submits them again; arrays this
   * arm submitted earlier keep running and are picked up by `--resume` too.
   */
  private refused(seeds: readonly number[], error: Error): InfrastructureError {
    const running = [...this.byJob().keys()];
    const others = running.length > 0 ? `; job array ${running.join(', ')} of this arm keeps running` : '';
    return new InfrastructureError(
      `Slurm did not accept the job array of ${this.plan.config.name} (${this.plan.arm} arm, seeds ${formatTaskRange(seeds)}): ${error.message}\n` +
        `No run was recorded${others}. Fix the cause (launcher.slurm in the config, or the cluster), then run the same command with --resume to submit again.`,
      { cause: error },
    );
  }

  private checkReachable(error: Error): void {
    const now = Date.now();
    this.unreachableSince ??= now;
    const limit = this.settings.unreachableMs ?? DEFAULT_UNREACHABLE_MS;
    if (now - this.unreachableSince < limit) return;
    const jobs = [...this.byJob().keys()].join(', ');
    throw new InfrastructureError(
      `Slurm did not answer for ${Math.round((now - this.unreachableSince) / 1000)} s (${error.message}); ` +
        `job array ${jobs} keeps running: run the same command with --resume to pick it up`,
      { cause: error },
    );
  }
}
