import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../src/trainers/types.js';
import { trainBuiltin } from '../../../src/trainers/builtin/train.js';
import { BuiltinParamsError } from '../../../src/trainers/builtin/params.js';

const SEEDS = [0, 1, 2];
const SOFTMAX_BUG = { bugs: { softmax_into_logit_loss: true } };
const EVAL_ON_TRAIN = { bugs: { eval_on_train: true } };

/** Final metrics of `params` for each of SEEDS. */
function metricsOf(params: Record<string, unknown>) {
  return SEEDS.map((seed) => trainBuiltin(params, seed).metrics);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

// Computed once: each arm trains 3 seeds (~0.1 s per run).
const head = metricsOf({});
const softmaxBug = metricsOf(SOFTMAX_BUG);
const evalOnTrain = metricsOf(EVAL_ON_TRAIN);

describe('trainBuiltin', () => {
  it('gives bit-identical metrics and curves for the same seed', () => {
    const first = trainBuiltin({ steps: 100 }, 5);
    const second = trainBuiltin({ steps: 100 }, 5);
    expect(second).toStrictEqual(first);
  });

  it('gives different results for different seeds', () => {
    const values = head.map((m) => m.loss);
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(head.map((m) => m.fid)).size).toBe(values.length);
  });

  it('learns: held-out accuracy far above chance (1/8) and loss below log(8)', () => {
    for (const m of head) {
      expect(m.accuracy).toBeGreaterThan(0.7);
      expect(m.loss).toBeLessThan(0.9);
      expect(m.fid).toBeGreaterThan(0);
    }
  });

  it('streams about 20 progress points ending at the final metrics', () => {
    const points: MetricPoint[] = [];
    const { metrics, curves } = trainBuiltin({ steps: 97 }, 0, (point) => points.push(point));
    expect(points.map((p) => p.step)).toEqual([...Array.from({ length: 19 }, (_, i) => 5 * (i + 1)), 97]);
    expect(points.at(-1)!.values).toMatchObject(metrics);
    expect(curves.loss!.map((p) => p.step)).toEqual(points.map((p) => p.step));
    // Training lowers the training loss.
    expect(curves.train_loss!.at(-1)!.value).toBeLessThan(curves.train_loss![0]!.value);
  });

  it('softmax_into_logit_loss trains worse on every metric, by many between-seed sds', () => {
    const worse = (metric: 'fid' | 'loss', margin: number) =>
      expect(Math.min(...softmaxBug.map((m) => m[metric]))).toBeGreaterThan(Math.max(...head.map((m) => m[metric])) + margin);
    worse('loss', 5 * sd(head.map((m) => m.loss)));
    worse('fid', 5 * sd(head.map((m) => m.fid)));
    expect(Math.max(...softmaxBug.map((m) => m.accuracy))).toBeLessThan(Math.min(...head.map((m) => m.accuracy)) - 3 * sd(head.map((m) => m.accuracy)));
  });

  it('eval_on_train looks better on every metric, by many between-seed sds', () => {
    const gap = (metric: 'fid' | 'loss' | 'accuracy') => Math.abs(mean(evalOnTrain.map((m) => m[metric])) - mean(head.map((m) => m[metric]))) / sd(head.map((m) => m[metric]));
    for (const metric of ['fid', 'loss'] as const) {
      expect(Math.max(...evalOnTrain.map((m) => m[metric]))).toBeLessThan(Math.min(...head.map((m) => m[metric])));
    }
    expect(Math.min(...evalOnTrain.map((m) => m.accuracy))).toBeGreaterThan(Math.max(...head.map((m) => m.accuracy)));
    expect(gap('loss')).toBeGreaterThan(8);
    expect(gap('accuracy')).toBeGreaterThan(8);
    expect(gap('fid')).toBeGreaterThan(2);
  });

  it('eval_on_train changes only what is measured, not the training', () => {
    const clean = trainBuiltin({ steps: 60 }, 3);
    const bugged = trainBuiltin({ steps: 60, ...EVAL_ON_TRAIN }, 3);
    expect(bugged.curves.train_loss).toStrictEqual(clean.curves.train_loss);
    expect(bugged.metrics.loss).toBeLessThan(clean.metrics.loss);
  });

  it('rejects invalid params naming the key, and invalid seeds', () => {
    expect(() => trainBuiltin({ widht: 8 }, 0)).toThrow(BuiltinParamsError);
    expect(() => trainBuiltin({ widht: 8 }, 0)).toThrow(/params\.widht/);
    expect(() => trainBuiltin({}, -1)).toThrow(/expected the seed to be an integer in \[0, 4294967295\], received -1/);
    expect(() => trainBuiltin({}, 1.5)).toThrow(/received 1\.5/);
  });
});
