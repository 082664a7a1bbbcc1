/**
 * One squeue for every array polled at the same moment: the arms of a run and the configs of a
 * suite look at the moments they share (see `waitForSharedLook`), and the looks that arrive
 * within a few milliseconds of each other are answered by one `squeue --jobs=a,b,c`. So a poll
 * costs O(1) Slurm commands however many arrays are in flight.
 */
import { squeueJobs, type SlurmCommandOptions } from './client.js';
import type { SqueueTask } from './parse-squeue.js';

/** How long the first look waits for others to join it. */
const GATHER_MS = 30;

interface Waiter {
  jobId: string;
  resolve: (tasks: Map<number, SqueueTask>) => void;
  reject: (error: unknown) => void;
}

/** Looks gathered per Slurm address (bin directory and cluster), waiting for their one squeue. */
const gathering = new Map<string, { options: SlurmCommandOptions; waiters: Waiter[] }>();

/** The live tasks of `jobId`, from a squeue shared with the other looks of this moment. */
export function squeueTogether(jobId: string, options: SlurmCommandOptions = {}): Promise<Map<number, SqueueTask>> {
  const key = `${options.binDir ?? ''}\0${options.cluster ?? ''}`;
  return new Promise((resolve, reject) => {
    let batch = gathering.get(key);
    if (!batch) {
      batch = { options, waiters: [] };
      gathering.set(key, batch);
      setTimeout(() => void answer(key), GATHER_MS);
    }
    batch.waiters.push({ jobId, resolve, reject });
  });
}

async function answer(key: string): Promise<void> {
  const batch = gathering.get(key)!;
  gathering.delete(key);
  const jobIds = [...new Set(batch.waiters.map((waiter) => waiter.jobId))];
  try {
    const states = await squeueJobs(jobIds, batch.options);
    for (const waiter of batch.waiters) waiter.resolve(states.get(waiter.jobId) ?? new Map());
  } catch (error) {
    for (const waiter of batch.waiters) waiter.reject(error);
  }
}

/** The next shared look per Slurm address (ms since the epoch). */
const nextLook = new Map<string, number>();

/**
 * How long to wait before the next look, at most `delayMs`: until the next look another array
 * has already scheduled, when it comes within that time, else `delayMs` (and that becomes the
 * next shared look). Arrays that finish a look at different moments (one took longer to read its
 * results) thus still look together the next time.
 */
export function waitForSharedLook(delayMs: number, options: Pick<SlurmCommandOptions, 'binDir'> = {}, now = Date.now()): number {
  const key = options.binDir ?? '';
  const at = nextLook.get(key);
  if (at !== undefined && at > now && at <= now + delayMs) return at - now;
  nextLook.set(key, now + delayMs);
  return delayMs;
}
