/**
 * Whether an array task's worker started: it leaves WORKER_FILE in its run directory before the
 * trainer starts (`mlreg internal run-seed`), naming its Slurm task, and the launcher looks for it
 * when a task ended without a record.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../store/atomic-write.js';
import { WORKER_FILE } from './job-script.js';

/** Writes the worker's start mark into `runDir` (called by the worker once the directory is ready). */
export async function writeWorkerStarted(runDir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await writeJsonAtomic(join(runDir, WORKER_FILE), {
    jobId: env.SLURM_ARRAY_JOB_ID ?? null,
    task: env.SLURM_ARRAY_TASK_ID === undefined ? null : Number(env.SLURM_ARRAY_TASK_ID),
    host: env.SLURMD_NODENAME ?? null,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
}

/** Whether the worker of the run in `runDir` started (its mark is there). */
export function workerStarted(runDir: string): boolean {
  return existsSync(join(runDir, WORKER_FILE));
}
