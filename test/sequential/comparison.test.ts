import { describe, expect, it } from 'vitest';
import { sequentialComparison } from '../../src/sequential/index.js';
import type { SequentialStep } from '../../src/sequential/types.js';
import { createRandom } from '../../src/stats/random.js';
import { welchTest } from '../../src/stats/welch.js';

/** n normal draws with the given mean and sd from a seeded stream. */
function normalSample(seed: number, n: number, mean = 10, sd = 1): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => mean + sd * random.normal());
}

/** Feeds values one at a time until the rule says done. */
function runUntilDone(comparison: ReturnType<typeof sequentialComparison>, values: number[]) {
  let step = comparison.add(values[0] as number);
  for (let i = 1; i < values.length && !step.done; i++) step = comparison.add(values[i] as number);
  return step;
}

describe('sequentialComparison: obvious cases', () => {
  const baseline = normalSample(1, 20);

  it('calls a 3 sd worse candidate a regression within a handful of runs', () => {
    const step = runUntilDone(sequentialComparison(baseline, { direction: 'lower', maxRuns: 20 }), normalSample(2, 20, 13));
    expect(step.verdict).toBe('regression');
    expect(step.done).toBe(true);
    expect(step.n).toBeLessThanOrEqual(6);
    expect(step.evidence.probWorse).toBeGreaterThan(0.99);
    expect(step.evidence.rankSum).toBeGreaterThanOrEqual(step.evidence.regressionBoundary ?? Infinity);
  });

  it('reads direction: for higher-is-better the same numbers are an improvement', () => {
    const step = runUntilDone(sequentialComparison(baseline, { direction: 'higher', maxRuns: 20, expectImprovement: true }), normalSample(2, 20, 13));
    expect(step.verdict).toBe('improvement');
    expect(step.evidence.meanDifference).toBeGreaterThan(2);
  });

  it('flags a far-out good result as suspicious unless an improvement is expected', () => {
    const candidate = normalSample(3, 20, 2);
    const unexpected = runUntilDone(sequentialComparison(baseline, { direction: 'lower', maxRuns: 20 }), candidate);
    expect(unexpected.verdict).toBe('suspicious');
    expect(unexpected.evidence.candidateMedian).toBeLessThan(unexpected.evidence.suspiciousBeyond ?? -Infinity);
    const expected = runUntilDone(sequentialComparison(baseline, { direction: 'lower', maxRuns: 20, expectImprovement: true }), candidate);
    expect(expected.verdict).toBe('improvement');
    expect(expected.evidence.suspiciousBeyond).toBeNull();
  });

  it('still flags a far-out good result when one baseline run went wild on the bad side', () => {
    const spoiled = [...baseline.slice(1), 40];
    const step = runUntilDone(sequentialComparison(spoiled, { direction: 'lower', maxRuns: 20 }), normalSample(3, 20, 2));
    expect(step.verdict).toBe('suspicious');
  });

  it('calls a modest improvement an improvement, not suspicious', () => {
    const step = runUntilDone(sequentialComparison(baseline, { direction: 'lower', maxRuns: 40 }), normalSample(4, 40, 8.5));
    expect(step.verdict).toBe('improvement');
  });

  it('declares equivalence when the candidate sits well inside a wide ROPE', () => {
    const step = runUntilDone(sequentialComparison(baseline, { direction: 'lower', rope: 2.5, maxRuns: 40 }), normalSample(5, 40));
    expect(step.verdict).toBe('equivalent');
    expect(step.evidence.probEquivalent).toBeGreaterThan(0.9);
    expect(step.n).toBeLessThan(40);
  });

  it('accepts a relative ROPE of the baseline mean', () => {
    const step = runUntilDone(sequentialComparison(baseline, { direction: 'lower', rope: { relative: 0.25 }, maxRuns: 40 }), normalSample(5, 40));
    expect(step.verdict).toBe('equivalent');
    expect(step.evidence.equivalence?.rope).toBeCloseTo(0.25 * Math.abs(baseline.reduce((s, v) => s + v, 0) / 20), 12);
  });

  it('stops at maxRuns with inconclusive when nothing is decided', () => {
    const comparison = sequentialComparison(baseline, { direction: 'lower', maxRuns: 5 });
    const values = [10.1, 9.9, 10, 10.05, 9.95];
    const steps = values.map((value) => comparison.add(value));
    expect(steps.slice(0, 4).map((step) => step.verdict)).toEqual(['continue', 'continue', 'continue', 'continue']);
    expect(steps[4]).toMatchObject({ done: true, verdict: 'inconclusive', n: 5 });
  });

  it('keeps a settled verdict when late runs arrive', () => {
    const comparison = sequentialComparison(baseline, { direction: 'lower', maxRuns: 20 });
    const settled = runUntilDone(comparison, normalSample(2, 20, 13));
    expect(comparison.add(0)).toBe(settled);
    expect(comparison.current).toBe(settled);
  });
});

describe('sequentialComparison: determinism and waves', () => {
  const baseline = normalSample(11, 15);
  const candidate = normalSample(12, 30, 11.2);

  it('gives identical steps for identical inputs', () => {
    const a = sequentialComparison(baseline, { direction: 'lower', maxRuns: 30 });
    const b = sequentialComparison(baseline, { direction: 'lower', maxRuns: 30 });
    expect(candidate.map((value) => a.add(value))).toEqual(candidate.map((value) => b.add(value)));
  });

  it('looks once per wave, with the same statistics as one-by-one adds', () => {
    const waves = sequentialComparison(baseline, { direction: 'lower', maxRuns: 30 });
    const single = sequentialComparison(baseline, { direction: 'lower', maxRuns: 30 });
    const wave = candidate.slice(0, 4);
    const step = waves.addMany(wave);
    let last: SequentialStep | undefined;
    for (const value of wave) last = single.add(value);
    expect(step.n).toBe(4);
    expect(step.evidence.rankSum).toBe(last?.evidence.rankSum);
  });

  it('refuses a wave that would pass maxRuns', () => {
    const comparison = sequentialComparison(baseline, { direction: 'lower', maxRuns: 5 });
    comparison.addMany([10, 10.2]);
    expect(() => comparison.addMany([10, 10, 10, 10])).toThrow(/at most 3 value\(s\).*received 4/);
  });
});

describe('sequentialComparison: A/A false alarms under optional stopping', () => {
  it('stays below alpha plus Monte Carlo margin over 400 seeded A/A comparisons', () => {
    const random = createRandom(2024);
    const reps = 400;
    let alarms = 0;
    for (let rep = 0; rep < reps; rep++) {
      // Skewed metric: log-normal runs, as ML metrics often are.
      const draw = () => Math.exp(random.normal());
      const comparison = sequentialComparison(Array.from({ length: 20 }, draw), { direction: 'lower', maxRuns: 20 });
      let step: SequentialStep;
      do step = comparison.add(draw());
      while (!step.done);
      if (step.verdict !== 'inconclusive') alarms += 1;
    }
    // 0.05 + 3 standard errors at 400 repetitions.
    expect(alarms / reps).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / reps));
  });

  it('would raise far more alarms with a fixed 5% Welch test repeated after every run (the problem it solves)', () => {
    const random = createRandom(7);
    const reps = 400;
    let naive = 0;
    for (let rep = 0; rep < reps; rep++) {
      const baseline = Float64Array.from({ length: 20 }, () => random.normal());
      const candidate: number[] = [];
      for (let k = 1; k <= 20; k++) {
        candidate.push(random.normal());
        if (k >= 3 && welchTest(baseline, candidate).pValue < 0.05) {
          naive += 1;
          break;
        }
      }
    }
    expect(naive / reps).toBeGreaterThan(0.1);
  });
});

describe('sequentialComparison: input validation', () => {
  const baseline = [1, 2, 3, 4, 5];
  it.each([
    [() => sequentialComparison('1,2' as unknown as number[], { direction: 'lower' }), /baseline: expected an array of finite numbers, received the string "1,2"/],
    [() => sequentialComparison([1], { direction: 'lower' }), /baseline: expected at least 2 runs, received 1/],
    [() => sequentialComparison([1, Number.NaN], { direction: 'lower' }), /baseline\[1\]: expected a finite number, received NaN/],
    [() => sequentialComparison(baseline, { direction: 'down' as 'lower' }), /direction: expected "lower" or "higher", received the string "down"/],
    [() => sequentialComparison(baseline, { direction: 'lower', alpha: 1.5 }), /alpha: expected a number between 0 and 1 \(exclusive\), received 1.5/],
    [() => sequentialComparison(baseline, { direction: 'lower', minRuns: 10, maxRuns: 5 }), /minRuns: expected an integer between 1 and 5, received 10/],
    [() => sequentialComparison(baseline, { direction: 'lower', maxRuns: 2.5 }), /maxRuns: expected an integer between 1 and 200, received 2.5/],
    [() => sequentialComparison(baseline, { direction: 'lower', rope: -1 }), /rope: expected a non-negative number or \{ relative: r \}, received -1/],
    [
      () => sequentialComparison(baseline, { direction: 'lower', spending: 'linear' as 'pocock' }),
      /spending: expected "pocock", "obrien-fleming" or \{ hsd: number \}, received "linear"/,
    ],
  ])('rejects bad input %#', (call, message) => {
    expect(call).toThrow(message);
  });

  it('rejects a non-finite run and names it', () => {
    const comparison = sequentialComparison(baseline, { direction: 'lower', maxRuns: 5 });
    comparison.add(3);
    expect(() => comparison.add(Number.POSITIVE_INFINITY)).toThrow(/add\(value\) at run 2: expected a finite number, received Infinity/);
    expect(() => comparison.addMany([3, Number.NaN])).toThrow(/addMany\(values\)\[1\]: expected a finite number, received NaN/);
    expect(() => comparison.addMany([])).toThrow(/expected a non-empty array/);
  });
});
