/** Arm plans in temp directories for runner and launcher tests, with scripted fake adapters. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ArmPlan } from '../../src/runner/types.js';
import type { RunContext, TrainerAdapter, TrainerOutcome } from '../../src/trainers/types.js';

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A plan for `seeds` of a config with one metric, `loss` (lower is better). */
export async function armPlan(seeds: number[], trainer: Record<string, unknown> = { adapter: 'fake' }): Promise<ArmPlan> {
  const dir = await mkdtemp(join(tmpdir(), 'mlreg-runner-'));
  created.push(dir);
  return {
    arm: 'candidate',
    seeds,
    armDir: join(dir, 'candidate'),
    config: {
      name: 'fake',
      file: join(dir, 'fake.yaml'),
      group: 'fake',
      fingerprint: 'f'.repeat(64),
      tags: [],
      trainer: { adapter: 'fake', ...trainer },
      params: {},
      metrics: { loss: { direction: 'lower' } },
    },
  };
}

/** An adapter whose outcome for each call is chosen by `script(ctx, call)`; it records every call. */
export function scriptedAdapter(script: (ctx: RunContext, call: number) => Promise<TrainerOutcome> | TrainerOutcome) {
  const calls: Array<{ seed: number; at: number }> = [];
  let running = 0;
  let mostRunning = 0;
  const adapter: TrainerAdapter = {
    name: 'fake',
    async run(ctx) {
      calls.push({ seed: ctx.seed, at: Date.now() });
      running++;
      mostRunning = Math.max(mostRunning, running);
      try {
        return await script(ctx, calls.length);
      } finally {
        running--;
      }
    },
  };
  return { adapter, calls, mostRunning: () => mostRunning };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; its listener goes with it either way. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An outcome that a run of `ms` milliseconds produces, or `cancelled` when its signal aborts first. */
export async function trainFor(ctx: RunContext, ms: number): Promise<TrainerOutcome> {
  if (!(await sleep(ms, ctx.signal))) return { status: 'cancelled', reason: 'cancelled', metrics: {} };
  return { metrics: { loss: 1 + ctx.seed / 10 } };
}
