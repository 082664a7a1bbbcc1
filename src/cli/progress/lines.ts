/** Progress as plain log lines, one per event, no control characters: for logs, CI and pipes. */
import type { RunObserver } from '../../runner/observer.js';
import { describeRecord, formatMetrics } from './format.js';
import { armOf, armEnded, armStarted, createProgressState, runEnded } from './state.js';

export interface LineProgressOptions {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  write?: ((line: string) => void) | undefined;
  now?: (() => number) | undefined;
}

/** An observer that logs arm starts, run ends and notices (and run starts and progress when verbose). */
export function lineProgress(options: LineProgressOptions = {}): RunObserver {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  if (options.quiet) return { onNotice: (message) => write(`mlreg: ${message}`) };
  const state = createProgressState();
  return {
    onArmStart(arm, configName, seeds) {
      armStarted(state, arm, configName, seeds, now());
      write(`mlreg: ${arm} arm: ${configName}, ${seeds.length} seeds`);
    },
    onRunStart(arm, seed) {
      if (options.verbose) write(`  ${arm} seed ${seed} started`);
    },
    onRunProgress(arm, seed, point) {
      if (options.verbose) write(`  ${arm} seed ${seed} step ${point.step}: ${formatMetrics(point.values)}`);
    },
    onRunEnd(arm, record, resumed) {
      runEnded(state, arm, record, resumed);
      const entry = armOf(state, arm);
      const position = entry ? `[${entry.done}/${entry.total}] ` : '';
      write(`  ${arm} ${position}seed ${record.seed} ${describeRecord(record)}${resumed ? ' (from the interrupted run)' : ''}`);
    },
    onArmEnd(arm, records) {
      armEnded(state, arm, now());
      write(armSummary(arm, records.length, records.filter((record) => record.status !== 'ok').length, armOf(state, arm)?.startedAt, now()));
    },
    onEvidence: (summary) => write(`  ${summary}`),
    onNotice: (message) => write(`mlreg: ${message}`),
  };
}

/** `mlreg: candidate arm done: 9 ok, 1 not ok, 12.3 s`. */
export function armSummary(arm: string, runs: number, notOk: number, startedAt: number | undefined, now: number): string {
  const seconds = startedAt === undefined ? '?' : ((now - startedAt) / 1000).toFixed(1);
  return `mlreg: ${arm} arm done: ${runs - notOk} ok, ${notOk} not ok, ${seconds} s`;
}
