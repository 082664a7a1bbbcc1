/**
 * Executes one run of one arm in its own directory and returns its record. Used by the local
 * launcher in-process, whose records the runner journals (record-journal.ts), and by cluster
 * launchers on the compute node (`mlreg internal run-seed`), which hands its record over to the
 * submitting mlreg as the run directory's `result.json`.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTrainer } from '../trainers/registry.js';
import { endStrayTrainer } from '../trainers/command/process-tree.js';
import type { MetricPoint, TrainerAdapter, TrainerOutcome } from '../trainers/types.js';
import { writeJsonAtomic } from '../store/atomic-write.js';
import { redactSecrets } from '../config/redact.js';
import { protectConfigSecrets, scrubSecrets, scrubSecretsDeep } from '../secrets/index.js';
import type { ArmPlan, RunnableConfig } from './types.js';
import type { RunRecord } from '../model/run-record.js';
import { validateMetrics } from './validate-metrics.js';

export interface ExecuteOptions {
  signal: AbortSignal;
  attempt?: number | undefined;
  onProgress?: ((point: MetricPoint) => void) | undefined;
  /** The adapter to train with, instead of the one the config names (tests, embedding). */
  adapter?: TrainerAdapter | undefined;
  /** The GPU slot the run holds, if the runs share GPUs. */
  gpu?: string | undefined;
  /** Set from the resume mark: the Slurm state this attempt continues after. */
  resumedAfter?: string | undefined;
  /** Called once the run directory is ready, before the trainer starts (a cluster worker says it started). */
  onStart?: ((runDir: string) => Promise<void>) | undefined;
}

/** A cluster worker's record of its run, in the run directory, for the mlreg that submitted it. */
export const RESULT_FILE = 'result.json';

/** The directory of one seed's run. */
export function runDirOf(plan: Pick<ArmPlan, 'armDir'>, seed: number): string {
  return join(plan.armDir, `seed-${seed}`);
}

/**
 * The mark a cluster launcher leaves in a run directory before submitting a seed again to continue
 * (after its time limit, or preemption): that attempt keeps the directory, and its checkpoints.
 */
const RESUME_FILE = 'resume.json';

/** Marks the seed's next attempt as one that resumes in this directory after Slurm state `after`. */
export async function markResumedAttempt(runDir: string, after: string): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeJsonAtomic(join(runDir, RESUME_FILE), { after });
}

/** Trains one seed in a fresh run directory (or the one it resumes in) and validates what it reported. */
export async function executeRun(plan: ArmPlan, seed: number, options: ExecuteOptions): Promise<RunRecord & { retryable: boolean }> {
  // On a cluster node this is the first mlreg code to see the config: its secrets are registered before the trainer starts.
  protectConfigSecrets(plan.config);
  const runDir = runDirOf(plan, seed);
  const resumedAfter = await prepareRunDir(runDir);
  await options.onStart?.(runDir);
  const startedAt = new Date();
  const outcome = await trainSafely(plan, seed, runDir, resumedAfter === undefined ? options : { ...options, resumedAfter });
  const record = toRecord(plan, seed, runDir, outcome, startedAt, options.attempt ?? 1);
  return { ...record, ...(options.gpu === undefined ? {} : { gpu: options.gpu }), retryable: outcome.retryable === true };
}

/** Stores a cluster worker's record as its run directory's `result.json`, atomically: the submitting mlreg may be polling for it. */
export function writeRunResult(record: RunRecord): Promise<void> {
  return writeJsonAtomic(join(record.runDir, RESULT_FILE), record);
}

/**
 * Makes `runDir` an empty directory. Usually it is new (one system call); a directory left by an
 * interrupted attempt holds nothing trustworthy, and its trainer may still be running if mlreg
 * itself was killed: that trainer is ended before the seed trains again in its place. A directory
 * marked for a resumed attempt (RESUME_FILE) keeps the trainer's files: only the last attempt's
 * metrics and record go. Returns the state the attempt resumes after, if it does.
 */
async function prepareRunDir(runDir: string): Promise<string | undefined> {
  try {
    // Synchronous, like the record's write: one system call, cheaper than a thread-pool round trip.
    mkdirSync(runDir);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      await mkdir(runDir, { recursive: true });
      return undefined;
    }
    if (code !== 'EEXIST') throw error;
  }
  endStrayTrainer(runDir);
  const resumedAfter = await readResumeMark(runDir);
  if (resumedAfter !== undefined) {
    await Promise.all(['metrics.json', RESULT_FILE].map((name) => rm(join(runDir, name), { force: true })));
    return resumedAfter;
  }
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  return undefined;
}

async function readResumeMark(runDir: string): Promise<string | undefined> {
  try {
    const { after } = JSON.parse(await readFile(join(runDir, RESUME_FILE), 'utf8')) as { after?: unknown };
    return typeof after === 'string' ? after : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Describes the arm once in its directory (`arm.json`), for people reading the run directories:
 * secret-named `trainer.env` values as `***`, any other secret scrubbed. Registers the config's
 * secrets before its first run.
 */
export async function describeArm(plan: ArmPlan): Promise<void> {
  protectConfigSecrets(plan.config);
  await mkdir(plan.armDir, { recursive: true });
  const description = scrubSecretsDeep({ arm: plan.arm, seeds: plan.seeds, config: redactSecrets(plan.config) });
  await writeFile(join(plan.armDir, ARM_FILE), `${JSON.stringify(description, null, 2)}\n`);
}

const ARM_FILE = 'arm.json';

/** Reads a run directory's `result.json`, or undefined when the run never finished writing one. */
export async function readRunRecord(runDir: string): Promise<RunRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, RESULT_FILE), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/** Adapters already created, one per `trainer` block (per arm), so that each run does not create its own. */
const adapters = new WeakMap<RunnableConfig['trainer'], Promise<TrainerAdapter>>();

function adapterFor(trainer: RunnableConfig['trainer']): Promise<TrainerAdapter> {
  let adapter = adapters.get(trainer);
  if (!adapter) {
    adapter = createTrainer(trainer);
    // A failed creation is not kept: the next run reports the error afresh.
    adapter.catch(() => adapters.delete(trainer));
    adapters.set(trainer, adapter);
  }
  return adapter;
}

async function trainSafely(plan: ArmPlan, seed: number, runDir: string, options: ExecuteOptions): Promise<TrainerOutcome> {
  try {
    const adapter = options.adapter ?? (await adapterFor(plan.config.trainer));
    const timeout = plan.config.trainer.timeout;
    return await adapter.run({
      seed,
      params: plan.config.params,
      runDir,
      metricsFile: join(runDir, 'metrics.json'),
      config: {
        name: plan.config.name,
        file: plan.config.file,
        tags: plan.config.tags,
        group: plan.config.group,
        jobType: plan.arm,
      },
      ...(options.gpu === undefined ? {} : { gpu: options.gpu }),
      ...(options.resumedAfter === undefined ? {} : { resumedAfter: options.resumedAfter }),
      timeoutMs: timeout ? timeout * 1000 : undefined,
      logLimitBytes: logLimitBytes(plan.config.runner?.log_limit_mb),
      signal: options.signal,
      onProgress: options.onProgress,
    });
  } catch (error) {
    // An adapter that throws failed to run the trainer at all: an infrastructure problem.
    return { status: 'failed', reason: `adapter error: ${(error as Error).message}`, metrics: {}, retryable: true };
  }
}

/** `runner.log_limit_mb` in bytes; undefined leaves the adapter's default. */
function logLimitBytes(limitMb: number | undefined): number | undefined {
  return limitMb === undefined ? undefined : Math.round(limitMb * 1024 * 1024);
}

function toRecord(plan: ArmPlan, seed: number, runDir: string, outcome: TrainerOutcome, startedAt: Date, attempts: number): RunRecord {
  const common = {
    seed,
    runDir,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    attempts,
    ...(outcome.curves && Object.keys(outcome.curves).length > 0 ? { curves: outcome.curves } : {}),
    ...(outcome.links && outcome.links.length > 0 ? { links: outcome.links.map(scrubSecrets) } : {}),
  };
  const validation = validateMetrics(outcome.metrics, Object.keys(plan.config.metrics));
  if (outcome.status) {
    const reason = scrubSecrets(withStderrTail(outcome.reason ?? outcome.status, outcome.stderrTail));
    return { ...common, status: outcome.status, reason, metrics: validation.metrics };
  }
  if (!validation.ok) {
    return { ...common, status: 'invalid', reason: scrubSecrets(withStderrTail(validation.problem, outcome.stderrTail)), metrics: validation.metrics };
  }
  return { ...common, status: 'ok', metrics: validation.metrics };
}

/** A failure reason followed by the last lines the trainer wrote to stderr, which usually say why. */
function withStderrTail(reason: string, tail: string | undefined): string {
  const trimmed = tail?.trimEnd();
  if (!trimmed || reason.includes(trimmed)) return reason;
  return `${reason}; stderr ends with:\n${trimmed}`;
}
