/**
 * Runs one arm: keeps the records an earlier (interrupted) attempt of this invocation already
 * finished, launches the missing seeds, journals each record as it arrives (record-journal.ts),
 * and returns every record in seed order.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeArm, readRunRecord } from './execute-run.js';
import { openRecordJournal, readRecordJournal } from './record-journal.js';
import type { ArmPlan, Launcher, LaunchOptions } from './types.js';
import type { RunRecord } from '../model/run-record.js';

/** What the launcher gets, and `onRecord`. */
export interface RunArmOptions extends LaunchOptions {
  /** Called with every record as it arrives, finished earlier or now. */
  onRecord?: ((record: RunRecord, resumed: boolean) => void) | undefined;
}

/** Runs the plan's seeds that have no finished record yet. */
export async function runArm(plan: ArmPlan, launcher: Launcher, options: RunArmOptions): Promise<RunRecord[]> {
  const records = new Map<number, RunRecord>();
  const stored = await readArmRecords(plan.armDir);
  for (const seed of plan.seeds) {
    const earlier = stored.get(seed);
    // A cancelled run never finished: it runs again.
    if (earlier && earlier.status !== 'cancelled') {
      records.set(seed, earlier);
      options.onRecord?.(earlier, true);
    }
  }
  const missing = plan.seeds.filter((seed) => !records.has(seed));
  if (missing.length > 0 && !options.signal.aborted) {
    await describeArm(plan);
    const { onRecord: _onRecord, ...launchOptions } = options;
    const launch = launcher.launch({ ...plan, seeds: missing }, launchOptions);
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

/**
 * The records an arm already has: its journal, and the `result.json` of any run that never
 * reached the journal (a cluster worker that finished while mlreg was away). A seed's last
 * journal line is its record.
 */
export async function readArmRecords(armDir: string): Promise<Map<number, RunRecord>> {
  const records = await readRecordJournal(armDir);
  let names: string[];
  try {
    names = await readdir(armDir);
  } catch {
    return records; // a new arm: nothing started yet
  }
  for (const name of names.filter((entry) => entry.startsWith('seed-'))) {
    if (records.has(Number(name.slice('seed-'.length)))) continue;
    const record = await readRunRecord(join(armDir, name));
    if (record && !records.has(record.seed)) records.set(record.seed, record);
  }
  return records;
}
