/** Run contexts for adapter tests: a fresh run directory per run, removed after the file's tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createTrainer } from '../../../src/trainers/registry.js';
import type { MetricPoint, RunContext, TrainerOutcome } from '../../../src/trainers/types.js';

export const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/trainers');

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A config's `trainer` block, as adapter tests write it. */
export type TrainerBlock = { adapter: string } & Record<string, unknown>;

/** A context for one run of `trainer`, collecting its progress points; `train` runs it. */
export async function runContext(trainer: TrainerBlock, overrides: Partial<RunContext> = {}): Promise<RunContext & { progress: MetricPoint[]; trainer: TrainerBlock }> {
  const runDir = await mkdtemp(join(tmpdir(), 'mlreg-adapter-'));
  created.push(runDir);
  const progress: MetricPoint[] = [];
  return {
    seed: 3,
    params: { lr: 0.01, model: { width: 64 } },
    trainer,
    runDir,
    metricsFile: join(runDir, 'metrics.json'),
    config: { name: 'wider', file: 'configs/ablations/wider.yaml', tags: ['nightly', 'gan'], group: 'head', jobType: 'candidate' },
    signal: new AbortController().signal,
    onProgress: (point) => progress.push(point),
    progress,
    ...overrides,
  };
}

/** Runs one context with the adapter its `trainer` block names, created through the registry as the runner does. */
export async function train(ctx: RunContext & { trainer: TrainerBlock }): Promise<TrainerOutcome> {
  return (await createTrainer(ctx.trainer)).run(ctx);
}

/** Whether a process runs; a zombie (killed, not yet reaped) does not count. Waits up to 2 s for it to go. */
export async function isAlive(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    let stat = '';
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return false;
    }
    if (/\) Z /.test(stat)) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}

/** Waits until `file` exists and parses as JSON. */
export async function waitForJson<T>(file: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`expected ${file} within ${timeoutMs} ms`, { cause: error });
      await new Promise((done) => setTimeout(done, 25));
    }
  }
}
