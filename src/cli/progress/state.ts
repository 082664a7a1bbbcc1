/**
 * What a progress display knows about a run of mlreg: per arm, runs done, running and not ok,
 * when it started, and the latest streamed metrics. Updated by observer events; rendered by
 * live.ts (a terminal) or lines.ts (logs).
 */
import type { RunRecord } from '../../model/run-record.js';
import type { MetricPoint } from '../../trainers/types.js';

export interface ArmProgress {
  arm: string;
  configName: string;
  total: number;
  /** Runs with a record, including those kept from an interrupted invocation. */
  done: number;
  /** Runs that ended with a status other than ok. */
  notOk: number;
  /** Runs kept from an interrupted invocation (they took no time now). */
  resumed: number;
  /** Seeds running now, with their start time (ms). */
  running: Map<number, number>;
  startedAt: number;
  endedAt?: number;
}

interface LatestPoint {
  arm: string;
  seed: number;
  point: MetricPoint;
}

export interface ProgressState {
  arms: ArmProgress[];
  latest?: LatestPoint;
}

export function createProgressState(): ProgressState {
  return { arms: [] };
}

/** The arm called `arm` (the newest one, should an arm run twice). */
export function armOf(state: ProgressState, arm: string): ArmProgress | undefined {
  return [...state.arms].reverse().find((entry) => entry.arm === arm);
}

export function armStarted(state: ProgressState, arm: string, configName: string, seeds: number[], now: number): void {
  state.arms.push({ arm, configName, total: seeds.length, done: 0, notOk: 0, resumed: 0, running: new Map(), startedAt: now });
}

export function runStarted(state: ProgressState, arm: string, seed: number, now: number): void {
  armOf(state, arm)?.running.set(seed, now);
}

export function runProgressed(state: ProgressState, arm: string, seed: number, point: MetricPoint): void {
  state.latest = { arm, seed, point };
}

export function runEnded(state: ProgressState, arm: string, record: RunRecord, resumed: boolean): void {
  const entry = armOf(state, arm);
  if (!entry) return;
  entry.running.delete(record.seed);
  entry.done++;
  if (record.status !== 'ok') entry.notOk++;
  if (resumed) entry.resumed++;
}

export function armEnded(state: ProgressState, arm: string, now: number): void {
  const entry = armOf(state, arm);
  if (!entry) return;
  entry.running.clear();
  entry.endedAt = now;
}

/**
 * Seconds until the arm is done, from the rate at which runs finished in this session
 * (resumed runs took no time): undefined until one has finished.
 */
export function etaSeconds(entry: ArmProgress, now: number): number | undefined {
  const finishedNow = entry.done - entry.resumed;
  const elapsed = (now - entry.startedAt) / 1000;
  if (finishedNow <= 0 || elapsed <= 0) return undefined;
  return ((entry.total - entry.done) * elapsed) / finishedNow;
}
