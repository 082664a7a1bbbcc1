/** Small text pieces shared by the progress displays. */
import type { RunRecord } from '../../model/run-record.js';
import { formatNumber } from '../../report/format/numbers.js';

/** `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `name=value` pairs of the first few metrics. */
export function formatMetrics(values: Record<string, number>, limit = 4): string {
  return Object.entries(values)
    .slice(0, limit)
    .map(([name, value]) => `${name}=${formatNumber(value)}`)
    .join(' ');
}

/** One line about a finished run: its metrics and duration, or its status and the first line of its reason. */
export function describeRecord(record: RunRecord): string {
  if (record.status !== 'ok') return `${record.status}: ${shortReason(record.reason ?? '')}`;
  return `ok ${formatMetrics(record.metrics)} (${(record.durationMs / 1000).toFixed(1)} s)`;
}

const STDERR_MARK = '; stderr ends with:\n';

/** The first line of a reason, and the last line of the stderr tail the runner appended to it. */
function shortReason(reason: string): string {
  const [head = '', tail] = reason.split(STDERR_MARK);
  const first = head.split('\n')[0] ?? '';
  const last = tail?.trimEnd().split('\n').at(-1);
  return last ? `${first} (stderr: ${last})` : first;
}
