/**
 * Whether an array task's worker started: it leaves WORKER_FILE in its run directory before the
 * trainer starts (`mlreg internal run-seed`), naming its Slurm task, and the launcher looks for it
 * when a task ended without a record.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../store/atomic-write.js';
import { WORKER_FILE } from './job-script.js';

/** Writes the worker's start mark into `runDir` (called by the worker once the directory is ready). */
export async function writeWorkerStarted(runDir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await writeJsonAtomic(join(runDir, WORKER_FILE), {
    jobId: env.SLURM_ARRAY_JOB_ID ?? null,
    task: env.SLURM_ARRAY_TASK_ID === undefined ? null : Number(env.SLURM_ARRAY_TASK_ID),
    host: env.SLURMD_NODENAME ?? null,
    // Times Slurm restarted this array task (a requeue), which mlreg may not have seen between two looks.
    restarts: Number(env.SLURM_RESTART_COUNT ?? 0) || 0,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
}

/** How many times Slurm had restarted the task when its last worker started (SLURM_RESTART_COUNT); 0 without a mark. */
export function workerRestarts(runDir: string): number {
  try {
    const { restarts } = JSON.parse(readFileSync(join(runDir, WORKER_FILE), 'utf8')) as { restarts?: unknown };
    return typeof restarts === 'number' && Number.isInteger(restarts) && restarts > 0 ? restarts : 0;
  } catch {
    return 0;
  }
}

/** Whether the worker of the run in `runDir` started (its mark is there). */
export function workerStarted(runDir: string): boolean {
  return existsSync(join(runDir, WORKER_FILE));
}
