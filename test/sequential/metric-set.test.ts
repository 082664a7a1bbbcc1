import { describe, expect, it } from 'vitest';
import { sequentialMetricSet } from '../../src/sequential/index.js';
import { createRandom } from '../../src/stats/random.js';

function normalSample(seed: number, n: number, mean: number, sd = 1): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => mean + sd * random.normal());
}

const fidBaseline = normalSample(1, 20, 30, 1);
const accuracyBaseline = normalSample(2, 20, 0.9, 0.01);
const lossBaseline = normalSample(3, 20, 1.2, 0.05);

describe('sequentialMetricSet', () => {
  it('stops as soon as a gating metric regresses, leaving the others undecided', () => {
    const set = sequentialMetricSet(
      {
        fid: { baseline: fidBaseline, direction: 'lower' },
        accuracy: { baseline: accuracyBaseline, direction: 'higher' },
      },
      { maxRuns: 20 },
    );
    const fid = normalSample(4, 20, 34);
    const accuracy = normalSample(5, 20, 0.9, 0.01);
    let step = set.add({ fid: fid[0] as number, accuracy: accuracy[0] as number });
    for (let i = 1; !step.done; i++) step = set.add({ fid: fid[i] as number, accuracy: accuracy[i] as number, extra: 1 });
    expect(step.decision).toBe('fail');
    expect(step.metrics.fid?.verdict).toBe('regression');
    expect(step.metrics.accuracy?.verdict).toBe('inconclusive');
    expect(step.n).toBeLessThanOrEqual(8);
  });

  it('passes when every gating metric is decided without a failure, whatever a non-gating metric does', () => {
    const set = sequentialMetricSet(
      {
        fid: { baseline: fidBaseline, direction: 'lower', rope: 3 },
        accuracy: { baseline: accuracyBaseline, direction: 'higher', rope: 0.03 },
        loss: { baseline: lossBaseline, direction: 'lower', gate: false },
      },
      { maxRuns: 40 },
    );
    const fid = normalSample(6, 40, 30);
    const accuracy = normalSample(7, 40, 0.9, 0.01);
    const loss = normalSample(8, 40, 1.6, 0.05);
    let step = set.add({ fid: fid[0] as number, accuracy: accuracy[0] as number, loss: loss[0] as number });
    for (let i = 1; !step.done; i++) step = set.add({ fid: fid[i] as number, accuracy: accuracy[i] as number, loss: loss[i] as number });
    expect(step.decision).toBe('pass');
    expect(step.metrics.fid?.verdict).toBe('equivalent');
    expect(step.metrics.accuracy?.verdict).toBe('equivalent');
    expect(step.metrics.loss?.verdict).toBe('regression');
  });

  it('splits alpha: a metric alone decides no later than the same metric among three, and sooner on average (Holm starts at alpha/3)', () => {
    const stepsToDecide = (candidate: number[], metrics: Parameters<typeof sequentialMetricSet>[0]): number => {
      const set = sequentialMetricSet(metrics, { maxRuns: 40 });
      for (let i = 0; i < 40; i++) {
        const step = set.add({ fid: candidate[i] as number, a: 0.9, b: 1.2 });
        if (step.metrics.fid?.done) return step.metrics.fid.n;
      }
      return 41;
    };
    let aloneTotal = 0;
    let togetherTotal = 0;
    for (let seed = 9; seed < 15; seed++) {
      const candidate = normalSample(seed, 40, 31.2);
      const alone = stepsToDecide(candidate, { fid: { baseline: fidBaseline, direction: 'lower' } });
      const together = stepsToDecide(candidate, {
        fid: { baseline: fidBaseline, direction: 'lower' },
        a: { baseline: accuracyBaseline, direction: 'higher', gate: false },
        b: { baseline: lossBaseline, direction: 'lower', gate: false },
      });
      expect(alone).toBeLessThanOrEqual(together);
      aloneTotal += alone;
      togetherTotal += together;
    }
    expect(aloneTotal).toBeLessThan(togetherTotal);
  });

  it('keeps the family-wise A/A false-alarm rate below alpha with three metrics', () => {
    const random = createRandom(99);
    const reps = 200;
    let alarms = 0;
    for (let rep = 0; rep < reps; rep++) {
      const draw = () => random.normal();
      const set = sequentialMetricSet(
        {
          a: { baseline: Array.from({ length: 20 }, draw), direction: 'lower' },
          b: { baseline: Array.from({ length: 20 }, draw), direction: 'higher' },
          c: { baseline: Array.from({ length: 20 }, draw), direction: 'lower', gate: false },
        },
        { maxRuns: 20 },
      );
      let step: ReturnType<typeof set.add>;
      do step = set.add({ a: draw(), b: draw(), c: draw() });
      while (!step.done);
      if (Object.values(step.metrics).some((metric) => metric.verdict !== 'inconclusive' && metric.verdict !== 'equivalent')) alarms += 1;
    }
    expect(alarms / reps).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / reps));
  });

  it('rejects a set without gating metrics and a run missing a metric', () => {
    expect(() => sequentialMetricSet({ fid: { baseline: fidBaseline, direction: 'lower', gate: false } })).toThrow(/at least one metric with gate: true/);
    expect(() => sequentialMetricSet({ fid: { baseline: [1], direction: 'lower' } })).toThrow(/metrics\.fid\.baseline: expected at least 2 runs, received 1/);
    const set = sequentialMetricSet({ fid: { baseline: fidBaseline, direction: 'lower' }, accuracy: { baseline: accuracyBaseline, direction: 'higher' } });
    expect(() => set.add({ fid: 30 })).toThrow(/add\(values\) at run 1\.accuracy: expected a finite number, received undefined/);
  });
});
