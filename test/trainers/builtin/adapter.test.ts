import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MetricPoint, RunContext } from '../../../src/trainers/types.js';
import { builtinRunContext } from './run-context.js';
import { builtinTrainer } from '../../../src/trainers/builtin/plugin.js';
import { trainBuiltin } from '../../../src/trainers/builtin/train.js';

const builtinAdapter = await builtinTrainer.create({});
const root = mkdtempSync(join(tmpdir(), 'mlreg-builtin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function context(overrides: Partial<RunContext> = {}): RunContext {
  return builtinRunContext(root, overrides);
}

/** Params that train for far longer than any test waits. */
const LONG = { steps: 100_000 };

describe('builtinAdapter', () => {
  it('is named builtin', () => {
    expect(builtinAdapter.name).toBe('builtin');
  });

  it('trains in a worker with the same result as in-process, streaming progress and writing the metrics file', async () => {
    const points: MetricPoint[] = [];
    const ctx = context({ onProgress: (point) => points.push(point) });
    const outcome = await builtinAdapter.run(ctx);
    const expected = trainBuiltin({ steps: 60 }, 1);

    expect(outcome.status).toBeUndefined();
    expect(outcome.metrics).toStrictEqual({ ...expected.metrics });
    expect(outcome.curves).toStrictEqual(expected.curves);
    expect(points.length).toBe(expected.curves.loss!.length);
    expect(JSON.parse(readFileSync(ctx.metricsFile, 'utf8'))).toStrictEqual({ ...expected.metrics });
  });

  it('runs several runs in parallel workers', async () => {
    const outcomes = await Promise.all([0, 1].map((seed) => builtinAdapter.run(context({ seed }))));
    expect(outcomes.map((o) => o.status)).toEqual([undefined, undefined]);
    expect(outcomes[0]!.metrics.loss).not.toBe(outcomes[1]!.metrics.loss);
  });

  it('stops the worker with status timeout when timeoutMs passes, keeping the curves so far', async () => {
    const started = Date.now();
    const ctx = context({ params: LONG, timeoutMs: 800 });
    const outcome = await builtinAdapter.run(ctx);
    expect(outcome.status).toBe('timeout');
    expect(outcome.reason).toMatch(/timeout/);
    expect(outcome.metrics).toEqual({});
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(ctx.metricsFile)).toBe(false);
  });

  it('stops the worker with status cancelled when the signal aborts', async () => {
    const controller = new AbortController();
    const outcome = await builtinAdapter.run(context({ params: LONG, signal: controller.signal, onProgress: () => controller.abort() }));
    expect(outcome.status).toBe('cancelled');
    expect(outcome.curves?.loss?.length).toBeGreaterThanOrEqual(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await builtinAdapter.run(context({ signal: controller.signal }));
    expect(outcome.status).toBe('cancelled');
  });

  it('fails with every bad key named when params are invalid', async () => {
    const outcome = await builtinAdapter.run(context({ params: { widht: 8, steps: 'many' } }));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/params\.widht/);
    expect(outcome.reason).toMatch(/params\.steps: expected a number, received "many"/);
  });
});
