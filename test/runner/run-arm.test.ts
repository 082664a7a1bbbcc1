import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalLauncher } from '../../src/launchers/local/index.js';
import { executeRun, runDirOf, writeRunResult } from '../../src/runner/execute-run.js';
import { readRecordJournal, RECORDS_FILE } from '../../src/runner/record-journal.js';
import { runArm } from '../../src/runner/run-arm.js';
import type { ArmPlan } from '../../src/runner/types.js';
import type { TrainerAdapter } from '../../src/trainers/types.js';
import { armPlan, scriptedAdapter, trainFor } from './plan.js';

const never = new AbortController().signal;

/** Runs `seeds` of the plan to completion with `adapter`, as an earlier attempt of the invocation. */
function runEarlier(plan: ArmPlan, seeds: number[], adapter: TrainerAdapter) {
  return runArm({ ...plan, seeds }, createLocalLauncher({ adapter }), { concurrency: 2, signal: never });
}

describe('executeRun', () => {
  it('returns the validated record and leaves storing it to the runner', async () => {
    const plan = await armPlan([2]);
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 1));
    const record = await executeRun(plan, 2, { signal: never, adapter: fake.adapter });
    expect(record).toMatchObject({ seed: 2, status: 'ok', metrics: { loss: 1.2 }, attempts: 1, retryable: false });
    expect(existsSync(join(runDirOf(plan, 2), 'result.json'))).toBe(false);
  });

  it("judges the metrics: missing or NaN is invalid, with the trainer's stderr tail in the reason", async () => {
    const plan = await armPlan([0, 1]);
    const fake = scriptedAdapter((ctx) => (ctx.seed === 0 ? { metrics: { loss: Number.NaN } } : { metrics: { acc: 1 }, stderrTail: 'warning: diverged at step 40' }));
    const nan = await executeRun(plan, 0, { signal: never, adapter: fake.adapter });
    expect(nan).toMatchObject({ status: 'invalid', reason: 'metric "loss" is NaN (reported: loss)', metrics: {} });
    const missing = await executeRun(plan, 1, { signal: never, adapter: fake.adapter });
    expect(missing.status).toBe('invalid');
    expect(missing.reason).toBe('metric "loss" is missing (reported: acc); stderr ends with:\nwarning: diverged at step 40');
  });

  it('starts a seed again in a clean directory', async () => {
    const plan = await armPlan([5]);
    await mkdir(runDirOf(plan, 5), { recursive: true });
    await writeFile(join(runDirOf(plan, 5), 'metrics.json'), '{"loss": 0}');
    const fake = scriptedAdapter((ctx) => ({ metrics: { loss: existsSync(ctx.metricsFile) ? 0 : 1 } }));
    expect((await executeRun(plan, 5, { signal: never, adapter: fake.adapter })).metrics).toEqual({ loss: 1 });
  });
});

describe('runArm', () => {
  it('keeps finished records and runs only the seeds without one, and the cancelled ones', async () => {
    const plan = await armPlan([0, 1, 2, 3, 4]);
    const first = scriptedAdapter((ctx) =>
      ctx.seed === 1 ? { status: 'cancelled', reason: 'cancelled', metrics: {} } : ctx.seed === 2 ? { status: 'failed', reason: 'exit 1', metrics: {} } : trainFor(ctx, 1),
    );
    await runEarlier(plan, [0, 1, 2], first.adapter);
    // Seed 3 was started when mlreg was killed: it has a directory but no record.
    await mkdir(runDirOf(plan, 3), { recursive: true });
    await writeFile(join(runDirOf(plan, 3), 'stdout.log'), 'half a run');

    const second = scriptedAdapter((ctx) => trainFor(ctx, 1));
    const seen: Array<[number, boolean]> = [];
    const records = await runArm(plan, createLocalLauncher({ adapter: second.adapter }), {
      concurrency: 2,
      signal: never,
      onRecord: (record, resumed) => seen.push([record.seed, resumed]),
    });
    expect(second.calls.map((call) => call.seed).sort()).toEqual([1, 3, 4]);
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'failed'],
      [3, 'ok'],
      [4, 'ok'],
    ]);
    expect(seen.filter(([, resumed]) => resumed).map(([seed]) => seed)).toEqual([0, 2]);
    expect(existsSync(join(runDirOf(plan, 3), 'stdout.log'))).toBe(false);
    expect(JSON.parse(await readFile(join(plan.armDir, 'arm.json'), 'utf8'))).toMatchObject({ arm: 'candidate', seeds: [0, 1, 2, 3, 4] });
    // Seed 1's cancelled record and its second run are both in the journal; the last one counts.
    const journal = await readRecordJournal(plan.armDir);
    expect([...journal.values()].map((record) => [record.seed, record.status]).sort()).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'failed'],
      [3, 'ok'],
      [4, 'ok'],
    ]);
    expect((await readFile(join(plan.armDir, RECORDS_FILE), 'utf8')).trimEnd().split('\n')).toHaveLength(6);
  });

  it('runs again a seed whose journal line a kill cut short, and never loses the record after it', async () => {
    const plan = await armPlan([0, 1, 2]);
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 1));
    await runEarlier(plan, [0], fake.adapter);
    // mlreg was killed while appending seed 1's record.
    const journalFile = join(plan.armDir, RECORDS_FILE);
    await writeFile(journalFile, `${await readFile(journalFile, 'utf8')}{"seed": 1, "status": "o`);

    const records = await runArm(plan, createLocalLauncher({ adapter: fake.adapter }), { concurrency: 1, signal: never });
    expect(records.map((record) => [record.seed, record.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'ok'],
    ]);
    expect(fake.calls.map((call) => call.seed)).toEqual([0, 1, 2]);
    expect([...(await readRecordJournal(plan.armDir)).keys()].sort()).toEqual([0, 1, 2]);
  });

  it('keeps a record a cluster worker left as result.json that never reached the journal', async () => {
    const plan = await armPlan([0, 1]);
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 1));
    const { retryable: _retryable, ...worker } = await executeRun(plan, 0, { signal: never, adapter: fake.adapter });
    await writeRunResult(worker);

    const records = await runArm(plan, createLocalLauncher({ adapter: fake.adapter }), { concurrency: 1, signal: never });
    expect(records.map((record) => record.seed)).toEqual([0, 1]);
    expect(fake.calls.map((call) => call.seed)).toEqual([0, 1]);
  });

  it('launches nothing when already aborted, returning what had finished', async () => {
    const plan = await armPlan([0, 1]);
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 1));
    await runEarlier(plan, [0], fake.adapter);
    const controller = new AbortController();
    controller.abort();
    const records = await runArm(plan, createLocalLauncher({ adapter: fake.adapter }), { concurrency: 2, signal: controller.signal });
    expect(records.map((record) => record.seed)).toEqual([0]);
    expect(fake.calls).toHaveLength(1);
  });
});
