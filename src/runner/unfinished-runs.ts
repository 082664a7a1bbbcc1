/**
 * Runs cancelled without mlreg deciding to (`scancel` from outside, a preemption it could not
 * resubmit): not a failure of the model, but not finished either. They count as not-ok in the
 * arm's failed runs (never in the crash-rate test), and the invocation stays unfinished, so
 * `--resume` runs just those seeds. Runs mlreg cancelled itself once a sequential test was
 * decided are withdrawn, not unfinished.
 */
import type { RunReason } from '../model/reasons.js';
import type { RunRecord } from '../model/run-record.js';

/** The arm's runs cancelled from outside; none when mlreg withdrew its cancelled runs itself (a decided sequential test). */
export function cancelledFromOutside(records: readonly RunRecord[], withdrawnByMlreg = false): RunRecord[] {
  return withdrawnByMlreg ? [] : records.filter((record) => record.status === 'cancelled');
}

/** The document's reason when runs are unfinished, per arm; undefined when there are none. */
export function unfinishedRunsReason(arms: Record<string, readonly RunRecord[]>): Extract<RunReason, { code: 'runs-cancelled' }> | undefined {
  const unfinished = Object.entries(arms)
    .filter(([, records]) => records.length > 0)
    .map(([arm, records]) => ({ arm, seeds: records.map((record) => record.seed) }));
  return unfinished.length === 0 ? undefined : { code: 'runs-cancelled', arms: unfinished };
}
