/**
 * Runs one arm: keeps the records an earlier (interrupted) attempt of this invocation already
 * finished, launches the missing seeds, and returns every record in seed order.
 */
import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MetricPoint } from '../trainers/types.js';
import { describeArm, readRunRecord, runDirOf } from './execute-run.js';
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
  const started = await startedRunDirs(plan.armDir);
  for (const seed of plan.seeds) {
    const runDir = runDirOf(plan, seed);
    const earlier = started.has(basename(runDir)) ? await readRunRecord(runDir) : undefined;
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
    for await (const record of launch) {
      records.set(record.seed, record);
      options.onRecord?.(record, false);
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
