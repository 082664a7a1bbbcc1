/**
 * The live progress display for a terminal: a block of lines (live.ts) redrawn in place on
 * stderr, with lasting lines — failures, notices, arm summaries — printed above it.
 */
import type { RunObserver } from '../../runner/observer.js';
import { describeRecord } from './format.js';
import { armSummary } from './lines.js';
import { renderLive } from './live.js';
import { armEnded, armOf, armStarted, createProgressState, runEnded, runProgressed, runStarted } from './state.js';

export interface TerminalStream {
  write(text: string): unknown;
  columns?: number;
}

export interface TerminalProgressOptions {
  stream: TerminalStream;
  verbose?: boolean | undefined;
  now?: (() => number) | undefined;
  /** Milliseconds between redraws of the block (elapsed time and ETA move on their own). */
  refreshMs?: number | undefined;
}

export type ClosableObserver = RunObserver & { close(): void };

const ERASE_BELOW = '\u001b[0J';
const cursorUp = (lines: number) => `\u001b[${lines}A`;

/** An observer that keeps a live block on `stream`; call `close()` before printing anything else. */
export function terminalProgress(options: TerminalProgressOptions): ClosableObserver {
  const { stream } = options;
  const now = options.now ?? Date.now;
  const state = createProgressState();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;

  /** Replaces the block with `above` (lasting lines) followed by the current block. */
  const draw = (above: string[] = []) => {
    // A pseudo-terminal without a size reports 0 columns.
    const block = renderLive(state, now(), stream.columns || 80);
    const erase = drawn > 0 ? `${cursorUp(drawn)}\r${ERASE_BELOW}` : '';
    const text = [...above, ...block].map((line) => `${line}\n`).join('');
    if (erase || text) stream.write(erase + text);
    drawn = block.length;
  };
  const ensureTimer = () => {
    if (timer) return;
    timer = setInterval(() => draw(), options.refreshMs ?? 250);
    timer.unref();
  };
  const stopTimer = () => {
    clearInterval(timer);
    timer = undefined;
  };

  return {
    onArmStart(arm, configName, seeds) {
      armStarted(state, arm, configName, seeds, now());
      draw([`mlreg: ${arm} arm: ${configName}, ${seeds.length} seeds`]);
      ensureTimer();
    },
    onRunStart(arm, seed) {
      runStarted(state, arm, seed, now());
      draw(options.verbose ? [`  ${arm} seed ${seed} started`] : []);
    },
    onRunProgress(arm, seed, point) {
      runProgressed(state, arm, seed, point);
    },
    onRunEnd(arm, record, resumed) {
      runEnded(state, arm, record, resumed);
      // Failures stay on screen; successes only move the counters unless verbose.
      const lasting = record.status !== 'ok' || options.verbose;
      const entry = armOf(state, arm);
      const line = `  ${arm} [${entry?.done ?? '?'}/${entry?.total ?? '?'}] seed ${record.seed} ${describeRecord(record)}${resumed ? ' (from the interrupted run)' : ''}`;
      draw(lasting ? [line] : []);
    },
    onArmEnd(arm, records) {
      armEnded(state, arm, now());
      const notOk = records.filter((record) => record.status !== 'ok').length;
      draw([armSummary(arm, records.length, notOk, armOf(state, arm)?.startedAt, now())]);
      stopTimer();
    },
    onEvidence: (summary) => draw([`  ${summary}`]),
    onNotice: (message) => draw([`mlreg: ${message}`]),
    close() {
      stopTimer();
      if (drawn > 0) stream.write(`${cursorUp(drawn)}\r${ERASE_BELOW}`);
      drawn = 0;
    },
  };
}
