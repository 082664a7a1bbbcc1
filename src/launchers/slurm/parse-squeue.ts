import { foldTaskRows } from './task-table.js';

/** squeue `--format` that parseSqueue reads: job id (`123_4`), long state name, reason. */
export const SQUEUE_FORMAT = '%i|%T|%r';

export interface SqueueTask {
  /** Long state name, e.g. PENDING, RUNNING, COMPLETED, TIMEOUT. */
  state: string;
  /** Slurm's reason, e.g. Resources, JobArrayTaskLimit, NonZeroExitCode; None when none. */
  reason: string;
}

/**
 * Reads `squeue --noheader --format='%i|%T|%r'` output for one job into task index → state.
 * Pending ranges (`123_[4-7%2]`) are expanded; a non-array job is keyed WHOLE_JOB.
 */
export function parseSqueue(text: string, jobId: string): Map<number, SqueueTask> {
  return foldTaskRows(text, jobId, (fields, line) => {
    if (fields.length < 2) {
      throw new Error(`Expected squeue rows 'JOBID|STATE|REASON' (format ${SQUEUE_FORMAT}); received '${line}'`);
    }
    return { state: fields[0]!, reason: fields.slice(1).join('|') };
  });
}
