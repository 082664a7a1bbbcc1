/**
 * The run record of an array task that Slurm reports ended: the worker's own record when the
 * worker finished, else one built from Slurm's state, naming the state, the task and its log.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { readRunRecord, RESULT_FILE } from '../../runner/execute-run.js';
import type { RunRecord } from '../../model/run-record.js';
import { taskLogPaths } from './sbatch-args.js';
import type { SlurmTaskOutcome } from './states.js';

export interface EndedTask {
  seed: number;
  jobId: string;
  task: number;
  runDir: string;
  /** Where the task's Slurm logs are (launcher.slurm.log_dir, else the arm's directory). */
  logDir: string;
  attempts: number;
  /** Why earlier attempts did not count (RunRecord.attemptNotes). */
  attemptNotes?: readonly string[];
  /** When the task was first seen running, else when it was submitted (ms since the epoch). */
  startedAt: number;
}

type Finished = Extract<SlurmTaskOutcome, { kind: 'finished' }>;

const TAIL_BYTES = 4096;
const TAIL_LINES = 10;

/**
 * Decides the record of an ended task. COMPLETED: the worker's result.json (ok, invalid or
 * failed as the worker judged). FAILED with a worker record: that record, whose reason says why
 * the trainer failed. Otherwise (time limit, cancellation, memory, node, or no worker record):
 * Slurm's state, with the task's log path and the end of its log.
 */
export async function recordOfEndedTask(task: EndedTask, outcome: Finished): Promise<RunRecord> {
  const worker = await readRunRecord(task.runDir);
  const where = await describeTask(task, outcome.state);
  if (outcome.status === 'ok') {
    if (worker) return { ...worker, ...attemptsOf(task) };
    return slurmRecord(task, 'failed', `the task ended COMPLETED but left no ${join(task.runDir, RESULT_FILE)}`, where);
  }
  if (outcome.state === 'FAILED' && worker && worker.status !== 'ok' && worker.status !== 'cancelled') {
    return { ...worker, ...attemptsOf(task), reason: `${worker.reason ?? worker.status}; ${where}` };
  }
  return slurmRecord(task, outcome.status, outcome.reason ?? `Slurm reported ${outcome.state}`, where, worker?.metrics);
}

/** A record for a task mlreg cancelled or lost track of, with the task and its log named. */
export async function recordOfStoppedTask(task: EndedTask, status: RunRecord['status'], reason: string): Promise<RunRecord> {
  return slurmRecord(task, status, reason, await describeTask(task, undefined));
}

function slurmRecord(task: EndedTask, status: RunRecord['status'], reason: string, where: string, metrics: Record<string, number> = {}): RunRecord {
  return {
    seed: task.seed,
    status,
    reason: `${reason}; ${where}`,
    metrics: status === 'ok' ? metrics : {},
    runDir: task.runDir,
    startedAt: new Date(task.startedAt).toISOString(),
    durationMs: Math.max(0, Date.now() - task.startedAt),
    ...attemptsOf(task),
  };
}

function attemptsOf(task: EndedTask): Pick<RunRecord, 'attempts' | 'attemptNotes'> {
  return { attempts: task.attempts, ...(task.attemptNotes && task.attemptNotes.length > 0 ? { attemptNotes: [...task.attemptNotes] } : {}) };
}

/** "Slurm job 12_3 ended TIMEOUT, log <out>; its log ends with: …". */
async function describeTask(task: EndedTask, state: string | undefined): Promise<string> {
  const logs = taskLogPaths(task.logDir, task.jobId, task.task);
  const ended = state === undefined ? '' : ` ended ${state}`;
  const tail = (await tailOf(logs.err)) || (await tailOf(logs.out));
  const head = `Slurm job ${task.jobId}_${task.task}${ended}, log ${logs.out} (stderr ${logs.err})`;
  return tail ? `${head}; its log ends with:\n${tail}` : head;
}

/** The last lines of a file, or '' when it is missing or empty. */
async function tailOf(file: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').trimEnd().split('\n');
    return lines.slice(-TAIL_LINES).join('\n');
  } finally {
    await handle.close();
  }
}
