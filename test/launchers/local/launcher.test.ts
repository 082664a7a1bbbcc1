import { describe, expect, it } from 'vitest';
import { createLocalLauncher } from '../../../src/launchers/local/index.js';
import { InfrastructureError } from '../../../src/errors.js';
import { executeRun } from '../../../src/runner/execute-run.js';
import type { RunRecord } from '../../../src/model/run-record.js';
import { armPlan, scriptedAdapter, trainFor } from '../../runner/plan.js';

async function collect(iterable: AsyncIterable<RunRecord>): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

describe('the local launcher', () => {
  it('runs every seed once, never more than `concurrency` at a time, and yields records as runs end', async () => {
    const fake = scriptedAdapter((ctx) => trainFor(ctx, ctx.seed === 0 ? 300 : 30));
    const plan = await armPlan([0, 1, 2, 3, 4, 5, 6]);
    const records = await collect(createLocalLauncher({ adapter: fake.adapter }).launch(plan, { concurrency: 3, signal: new AbortController().signal }));
    expect(records.map((record) => record.seed).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    expect(fake.calls.map((call) => call.seed).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fake.mostRunning()).toBe(3);
    // The slow seed 0 does not hold back the others' records.
    expect(records.at(-1)!.seed).toBe(0);
  });

  it('retries a run that failed for an infrastructure reason, up to `retries` more attempts', async () => {
    const fake = scriptedAdapter((ctx, call) => (ctx.seed === 1 && call <= 3 ? { status: 'failed', reason: 'node lost', metrics: {}, retryable: true } : trainFor(ctx, 5)));
    const plan = await armPlan([0, 1]);
    const records = await collect(createLocalLauncher({ adapter: fake.adapter, retries: 2 }).launch(plan, { concurrency: 1, signal: new AbortController().signal }));
    const seed1 = records.find((record) => record.seed === 1)!;
    expect(seed1).toMatchObject({ status: 'ok', attempts: 3 });
    expect(fake.calls.filter((call) => call.seed === 1)).toHaveLength(3);
  });

  it('gives up after the retries and records the last failure', async () => {
    const fake = scriptedAdapter(() => ({ status: 'failed', reason: 'node lost', metrics: {}, retryable: true }));
    const records = await collect(createLocalLauncher({ adapter: fake.adapter, retries: 1 }).launch(await armPlan([0]), { concurrency: 1, signal: new AbortController().signal }));
    expect(records[0]).toMatchObject({ status: 'failed', reason: 'node lost', attempts: 2 });
  });

  it('never retries a failure of the training itself, nor without `retries`', async () => {
    const trainerError = scriptedAdapter(() => ({ status: 'failed', reason: 'exited with code 1', metrics: {} }));
    await collect(createLocalLauncher({ adapter: trainerError.adapter, retries: 3 }).launch(await armPlan([0]), { concurrency: 1, signal: new AbortController().signal }));
    expect(trainerError.calls).toHaveLength(1);
    const infra = scriptedAdapter(() => ({ status: 'failed', reason: 'node lost', metrics: {}, retryable: true }));
    await collect(createLocalLauncher({ adapter: infra.adapter }).launch(await armPlan([0]), { concurrency: 1, signal: new AbortController().signal }));
    expect(infra.calls).toHaveLength(1);
  });

  it('treats an adapter that throws as an infrastructure failure, retried', async () => {
    const fake = scriptedAdapter((ctx, call) => {
      if (call === 1) throw new Error('could not reach the GPU broker');
      return trainFor(ctx, 5);
    });
    const records = await collect(createLocalLauncher({ adapter: fake.adapter, retries: 1 }).launch(await armPlan([4]), { concurrency: 1, signal: new AbortController().signal }));
    expect(records[0]).toMatchObject({ status: 'ok', attempts: 2 });
  });

  it('on abort launches nothing more and cancels the runs in flight', async () => {
    const controller = new AbortController();
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 5000));
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const records = await collect(createLocalLauncher({ adapter: fake.adapter }).launch(await armPlan([0, 1, 2, 3, 4]), { concurrency: 2, signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(records.map((record) => [record.seed, record.status]).sort()).toEqual([
      [0, 'cancelled'],
      [1, 'cancelled'],
    ]);
    expect(fake.calls).toHaveLength(2);
  });

  it('when mlreg cannot run or store a run, cancels the runs in flight and throws an infrastructure error instead of recording a failure', async () => {
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 5000));
    const plan = await armPlan([0, 1, 2, 3]);
    const execute: typeof executeRun = async (armPlanOf, seed, options) => {
      if (seed === 1) throw new Error('ENOSPC: no space left on device');
      return executeRun(armPlanOf, seed, options);
    };
    const records: RunRecord[] = [];
    const started = Date.now();
    const launch = createLocalLauncher({ adapter: fake.adapter, execute, retries: 1 }).launch(plan, { concurrency: 2, signal: new AbortController().signal });
    const error = await (async () => {
      for await (const record of launch) records.push(record);
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toMatch(/could not run or store seed 1 of fake .*\(2 attempts\): ENOSPC/);
    expect(Date.now() - started).toBeLessThan(3000);
    // Seed 0 was in flight and is cancelled (it runs again on --resume); nothing is recorded failed, nothing more launched.
    expect(records.map((record) => [record.seed, record.status])).toEqual([[0, 'cancelled']]);
    expect(fake.calls.map((call) => call.seed)).toEqual([0]);
  });

  it('when told to stop launching, lets the runs in flight finish', async () => {
    const stop = new AbortController();
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 300));
    setTimeout(() => stop.abort(), 100);
    const records = await collect(
      createLocalLauncher({ adapter: fake.adapter }).launch(await armPlan([0, 1, 2, 3]), {
        concurrency: 2,
        signal: new AbortController().signal,
        stopLaunching: stop.signal,
      }),
    );
    expect(records.map((record) => [record.seed, record.status]).sort()).toEqual([
      [0, 'ok'],
      [1, 'ok'],
    ]);
  });
});

describe('the order of events', () => {
  it("reports a run's end before the start of the run that takes its slot", async () => {
    const events: string[] = [];
    const fake = scriptedAdapter((ctx) => trainFor(ctx, 10 * (ctx.seed + 1)));
    const launch = createLocalLauncher({ adapter: fake.adapter }).launch(await armPlan([0, 1, 2, 3]), {
      concurrency: 2,
      signal: new AbortController().signal,
      onStart: (seed) => events.push(`start ${seed}`),
    });
    for await (const record of launch) events.push(`end ${record.seed}`);
    expect(events.slice(0, 3)).toEqual(['start 0', 'start 1', 'end 0']);
    // Seen from the events, never more than `concurrency` runs at once.
    let running = 0;
    for (const event of events) {
      running += event.startsWith('start') ? 1 : -1;
      expect(running).toBeLessThanOrEqual(2);
    }
    expect(events.filter((event) => event.startsWith('end'))).toHaveLength(4);
  });

  it('with GPU slots, holds at most runs_per_gpu runs on a device, and each record names its device', async () => {
    const onDevice = new Map<string, number>();
    let mostOnOneDevice = 0;
    const fake = scriptedAdapter(async (ctx) => {
      const gpu = ctx.gpu!;
      onDevice.set(gpu, (onDevice.get(gpu) ?? 0) + 1);
      mostOnOneDevice = Math.max(mostOnOneDevice, onDevice.get(gpu)!);
      try {
        return await trainFor(ctx, 20 + (ctx.seed % 3) * 15);
      } finally {
        onDevice.set(gpu, onDevice.get(gpu)! - 1);
      }
    });
    const plan = await armPlan([0, 1, 2, 3, 4, 5, 6, 7]);
    const launcher = createLocalLauncher({ adapter: fake.adapter, gpus: ['0', '1'], runsPerGpu: 2 });
    // A larger --concurrency does not put more runs on the devices than they hold.
    const records = await collect(launcher.launch(plan, { concurrency: 16, signal: new AbortController().signal }));
    expect(records).toHaveLength(8);
    expect(records.every((record) => record.gpu === '0' || record.gpu === '1')).toBe(true);
    expect(fake.mostRunning()).toBe(4);
    expect(mostOnOneDevice).toBe(2);
  });
});
