/**
 * One look at the tasks of one job array: `squeue` while the controller holds them, `sacct`
 * (when the cluster keeps accounting) for tasks it no longer lists, and the exit-status file the
 * job script writes for tasks neither knows.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WHOLE_JOB } from './array-range.js';
import { sacct, type SlurmCommandOptions } from './client.js';
import { EXIT_FILE } from './job-script.js';
import { squeueTogether } from './squeue-batch.js';
import { classifySlurmState, type ExitDetail } from './states.js';

export interface TaskObservation {
  /** A Slurm state name (`RUNNING`, `TIMEOUT`, `CANCELLED by 0` …). */
  state: string;
  exit: ExitDetail;
  source: 'squeue' | 'sacct' | 'exit-file';
}

export interface ObservedTask {
  task: number;
  runDir: string;
}

export interface ObserveOptions extends SlurmCommandOptions {
  /** Whether sacct answers on this cluster (accountingAvailable). */
  accounting: boolean;
}

/** What the job script records in `<runDir>/slurm-exit.json`. */
interface ExitRecord {
  jobId: string;
  task: number;
  seed: number;
  exitCode: number;
  /** `TERM` or `INT` when the script was signalled, else empty. */
  signal: string;
  endedAt: string;
}

/**
 * The state of each task, or nothing for a task no source knows yet. One squeue call per job,
 * shared with the other arrays looked at in the same moment (squeue-batch.ts), and one sacct call
 * only when squeue misses a task.
 */
export async function observeJob(jobId: string, tasks: readonly ObservedTask[], options: ObserveOptions): Promise<Map<number, TaskObservation>> {
  const observed = new Map<number, TaskObservation>();
  const live = await squeueTogether(jobId, options);
  for (const { task, runDir } of tasks) {
    const row = live.get(task) ?? live.get(WHOLE_JOB);
    if (!row) continue;
    const final = classifySlurmState(row.state).kind !== 'active';
    observed.set(task, { state: row.state, exit: final ? await exitDetail(runDir, jobId, task) : {}, source: 'squeue' });
  }
  let unknown = tasks.filter(({ task }) => !observed.has(task));
  if (unknown.length > 0 && options.accounting) {
    const accounted = await sacct(jobId, options);
    for (const { task } of unknown) {
      const row = accounted.get(task) ?? accounted.get(WHOLE_JOB);
      // A task squeue does not list is not active: an active sacct row is a stale range record.
      if (row && classifySlurmState(row.state).kind !== 'active') {
        observed.set(task, { state: row.state, exit: { exitCode: row.exitCode, signal: row.signal }, source: 'sacct' });
      }
    }
    unknown = unknown.filter(({ task }) => !observed.has(task));
  }
  for (const { task, runDir } of unknown) {
    const exit = await readExitRecord(runDir, jobId, task);
    if (exit) {
      observed.set(task, { state: exit.exitCode === 0 ? 'COMPLETED' : 'FAILED', exit: { exitCode: exit.exitCode }, source: 'exit-file' });
    }
  }
  return observed;
}

/** The exit-status file of this job's task, or undefined when absent or written by another job. */
async function readExitRecord(runDir: string, jobId: string, task: number): Promise<ExitRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(join(runDir, EXIT_FILE), 'utf8')) as ExitRecord;
    return record.jobId === jobId && record.task === task && Number.isInteger(record.exitCode) ? record : undefined;
  } catch {
    return undefined;
  }
}

async function exitDetail(runDir: string, jobId: string, task: number): Promise<ExitDetail> {
  const record = await readExitRecord(runDir, jobId, task);
  return record ? { exitCode: record.exitCode } : {};
}
