/**
 * Runs cancelled without mlreg deciding to (`scancel` from outside, a preemption it could not
 * resubmit): not a failure of the model, but not finished either. They count as not-ok in the
 * arm's failed runs (never in the crash-rate test), and the invocation stays unfinished, so
 * `--resume` runs just those seeds. Runs mlreg cancelled itself once a sequential test was
 * decided are withdrawn, not unfinished.
 */
import type { RunRecord } from '../model/run-record.js';

/** The arm's runs cancelled from outside; none when mlreg withdrew its cancelled runs itself (a decided sequential test). */
export function cancelledFromOutside(records: readonly RunRecord[], withdrawnByMlreg = false): RunRecord[] {
  return withdrawnByMlreg ? [] : records.filter((record) => record.status === 'cancelled');
}

/** The document's reason when runs are unfinished; undefined when there are none. */
export function unfinishedRunsReason(arms: Record<string, readonly RunRecord[]>): { code: 'runs-cancelled'; detail: string } | undefined {
  const parts = Object.entries(arms)
    .filter(([, records]) => records.length > 0)
    .map(([arm, records]) => `${arm} seed${records.length === 1 ? '' : 's'} ${records.map((record) => record.seed).join(', ')}`);
  if (parts.length === 0) return undefined;
  return {
    code: 'runs-cancelled',
    detail:
      `${parts.join('; ')} cancelled from outside mlreg (scancel, preemption): decided without them, and the invocation stays unfinished; ` +
      '`mlreg run --resume` runs just those seeds and decides again',
  };
}
