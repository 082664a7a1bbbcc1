import { foldTaskRows } from './task-table.js';

/** sacct `--format` that parseSacct reads. */
export const SACCT_FORMAT = 'JobID,State,ExitCode,Elapsed';

export interface SacctTask {
  /** State as sacct prints it, e.g. COMPLETED, TIMEOUT, `CANCELLED by 0`. */
  state: string;
  /** The batch script's exit code (the part before `:` in sacct's ExitCode). */
  exitCode: number;
  /** The signal that ended it, 0 when none (the part after `:`). */
  signal: number;
  elapsedSeconds: number;
}

/**
 * Reads `sacct --allocations --noheader --parsable2 --format=JobID,State,ExitCode,Elapsed`
 * output for one job into task index → record. Ranges of pending tasks (`123_[4-7%2]`) are
 * expanded; a record with a bare job id (a non-array job, or an array cancelled while all
 * its tasks were pending) is keyed WHOLE_JOB. Step rows (`123_4.batch`) are rejected: query
 * with `--allocations`.
 */
export function parseSacct(text: string, jobId: string): Map<number, SacctTask> {
  return foldTaskRows(text, jobId, (fields, line) => {
    if (fields.length !== 3) {
      throw new Error(`Expected sacct rows 'JobID|State|ExitCode|Elapsed' (--format=${SACCT_FORMAT}); received '${line}'`);
    }
    const [state, exit, elapsed] = fields as [string, string, string];
    const [exitCode, signal] = parseExitCode(exit);
    return { state, exitCode, signal, elapsedSeconds: parseElapsed(elapsed) };
  });
}

/** Splits sacct's `exit:signal` pair, e.g. `3:0` → [3, 0], `0:9` → [0, 9]. */
export function parseExitCode(text: string): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`Expected an ExitCode like 3:0 (exit code:signal); received '${text}'`);
  return [Number(match[1]), Number(match[2])];
}

/** Converts sacct's `[D-]HH:MM:SS` (or `MM:SS`) elapsed time to seconds. */
export function parseElapsed(text: string): number {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`Expected an elapsed time like 1-02:03:04 or 00:01:18; received '${text}'`);
  const [, days = '0', hours = '0', minutes, seconds] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
}
