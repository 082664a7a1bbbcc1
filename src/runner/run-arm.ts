/**
 * Runs one arm: keeps the records an earlier (interrupted) attempt of this invocation already
 * finished, launches the missing seeds, journals each record as it arrives (record-journal.ts),
 * and returns every record in seed order.
 */
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MetricPoint } from '../trainers/types.js';
import { describeArm, readRunRecord, runDirOf } from './execute-run.js';
import { openRecordJournal, readRecordJournal } from './record-journal.js';
import type { ArmPlan, Launcher, RunRecord } from './types.js';

export interface RunArmOptions {
  concurrency: number;
  signal: AbortSignal;
  stopLaunching?: AbortSignal;
  /** Called with every record as it arrives, finished earlier or now. */
  onRecord?: (record: RunRecord, resumed: boolean) => void;
  onStart?: (seed: number) => void;
  onProgress?: (seed: number, point: MetricPoint) => void;
}

/** Runs the plan's seeds that have no finished record yet. */
export async function runArm(plan: ArmPlan, launcher: Launcher, options: RunArmOptions): Promise<RunRecord[]> {
  const records = new Map<number, RunRecord>();
  const [journaled, started] = await Promise.all([readRecordJournal(plan.armDir), startedRunDirs(plan.armDir)]);
  for (const seed of plan.seeds) {
    const runDir = runDirOf(plan, seed);
    // Not journaled but with a result.json: a cluster worker finished it while mlreg was away.
    const earlier = journaled.get(seed) ?? (started.has(basename(runDir)) ? await readRunRecord(runDir) : undefined);
    // A cancelled run never finished: it runs again.
    if (earlier && earlier.status !== 'cancelled') {
      records.set(seed, earlier);
      options.onRecord?.(earlier, true);
    }
  }
  const missing = plan.seeds.filter((seed) => !records.has(seed));
  if (missing.length > 0 && !options.signal.aborted) {
    await describeArm(plan);
    const launch = launcher.launch({ ...plan, seeds: missing }, {
      concurrency: options.concurrency,
      signal: options.signal,
      stopLaunching: options.stopLaunching,
      onStart: options.onStart,
      onProgress: options.onProgress,
    });
    const journal = openRecordJournal(plan.armDir);
    try {
      for await (const record of launch) {
        journal.append(record);
        records.set(record.seed, record);
        options.onRecord?.(record, false);
      }
    } finally {
      journal.close();
    }
  }
  return plan.seeds.flatMap((seed) => {
    const record = records.get(seed);
    return record ? [record] : [];
  });
}

/** Names of the run directories an earlier attempt of this arm created (none in a new invocation). */
async function startedRunDirs(armDir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(armDir));
  } catch {
    return new Set();
  }
}
