/** Progress of a run on stderr, one plain line per event (no control characters). */
import type { RunRecord } from '../runner/types.js';
import type { RunObserver } from '../workflows/observer.js';

export interface ProgressOptions {
  quiet?: boolean;
  verbose?: boolean;
  write?: (line: string) => void;
}

/** An observer that logs arm starts, run ends and notices. */
export function lineProgress(options: ProgressOptions = {}): RunObserver {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (options.quiet) return { onNotice: (message) => write(`mlreg: ${message}`) };
  const totals = new Map<string, { done: number; failed: number; total: number; startedAt: number }>();
  return {
    onArmStart(arm, configName, seeds) {
      totals.set(arm, { done: 0, failed: 0, total: seeds.length, startedAt: Date.now() });
      write(`mlreg: ${arm} arm: ${configName}, ${seeds.length} seeds`);
    },
    onRunStart(arm, seed) {
      if (options.verbose) write(`  ${arm} seed ${seed} started`);
    },
    onRunEnd(arm, record, resumed) {
      const total = totals.get(arm);
      if (total) {
        total.done++;
        if (record.status !== 'ok') total.failed++;
      }
      const position = total ? `[${total.done}/${total.total}]` : '';
      write(`  ${arm} ${position} seed ${record.seed} ${describeRecord(record)}${resumed ? ' (from the interrupted run)' : ''}`);
    },
    onArmEnd(arm, records) {
      const total = totals.get(arm);
      const seconds = total ? ((Date.now() - total.startedAt) / 1000).toFixed(1) : '?';
      const failed = records.filter((record) => record.status !== 'ok').length;
      write(`mlreg: ${arm} arm done: ${records.length - failed} ok, ${failed} not ok, ${seconds} s`);
    },
    onEvidence: (summary) => write(`  ${summary}`),
    onNotice: (message) => write(`mlreg: ${message}`),
  };
}

function describeRecord(record: RunRecord): string {
  if (record.status !== 'ok') return `${record.status}: ${firstLine(record.reason ?? '')}`;
  const metrics = Object.entries(record.metrics)
    .slice(0, 4)
    .map(([name, value]) => `${name}=${formatNumber(value)}`)
    .join(' ');
  return `ok ${metrics} (${(record.durationMs / 1000).toFixed(1)} s)`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.001 && value !== 0) ? value.toExponential(3) : value.toPrecision(4);
}
