import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/stats/index.js';
import { adjustSuite, compareMetrics, compareSamples } from '../../src/verdict/index.js';

const random = createRandom(42);
const normal = (n: number, mean: number, sd = 1): number[] => Array.from({ length: n }, () => mean + sd * random.normal());

describe('compareSamples verdicts', () => {
  const baseline = normal(10, 30);

  it('calls a clear shift to the bad side a regression, with the reason', () => {
    const result = compareSamples(baseline, normal(10, 32), { direction: 'lower', metric: 'fid' });
    expect(result.metric).toBe('fid');
    expect(result.verdict).toBe('regression');
    expect(result.decision.reasons).toContainEqual(expect.objectContaining({ code: 'significant-shift', side: 'worse' }));
  });

  it('calls the same shift an improvement when higher is better', () => {
    expect(compareSamples(baseline, normal(10, 32), { direction: 'higher' }).verdict).toBe('improvement');
  });

  it('flags a far-out good result as suspicious, and as an improvement when one is expected', () => {
    const farBetter = normal(10, 22);
    const flagged = compareSamples(baseline, farBetter, { direction: 'lower' });
    expect(flagged.verdict).toBe('suspicious');
    expect(flagged.decision.reasons).toContainEqual(expect.objectContaining({ code: 'far-out-on-good-side' }));
    expect(compareSamples(baseline, farBetter, { direction: 'lower', expectImprovement: true }).verdict).toBe('improvement');
  });

  it('does not call a significant shift inside the configured ROPE a regression', () => {
    const big = normal(200, 10, 0.1);
    const result = compareSamples(big, normal(200, 10.05, 0.1), { direction: 'lower', rope: 0.2 });
    expect(result.decision.primary.pValue).toBeLessThan(0.05);
    expect(result.verdict).toBe('equivalent');
  });

  it('says how many seeds would decide an inconclusive comparison', () => {
    const result = compareSamples(normal(5, 30), normal(5, 30.5), { direction: 'lower' });
    expect(result.verdict).toBe('inconclusive');
    expect(result.decision.seedsToDecide?.seedsPerArm).toBeGreaterThan(5);
  });

  it('reports a variance reduction as data', () => {
    const result = compareSamples(normal(20, 30, 2), normal(20, 30, 0.3), { direction: 'lower' });
    expect(result.variance.verdict).toBe('reduced');
    expect(result.variance.probCandidateVarianceLower).toBeGreaterThan(0.99);
  });

  it('uses Welch when 3 vs 3 seeds cannot reach alpha by permutation, and says so', () => {
    const result = compareSamples([1, 2, 3], [1.5, 2.5, 3.5], { direction: 'lower' });
    expect(result.decision.primary.test).toBe('welch');
    expect(result.decision.reasons[0]).toEqual({ code: 'too-few-seeds-for-permutation', baselineN: 3, candidateN: 3 });
  });

  it('is deterministic for a seed', () => {
    const b = normal(30, 5);
    const c = normal(30, 5.2);
    expect(compareSamples(b, c, { direction: 'lower', seed: 9 })).toEqual(compareSamples(b, c, { direction: 'lower', seed: 9 }));
  });

  it('rejects bad input with what was expected and received', () => {
    expect(() => compareSamples([1], [1, 2], { direction: 'lower', metric: 'loss' })).toThrow(/loss: expected at least 2 baseline values, received 1/);
    expect(() => compareSamples([1, NaN], [1, 2], { direction: 'lower' })).toThrow(/finite numbers in the baseline, received NaN at index 1/);
    expect(() => compareSamples([1, 2], [1, 2], { direction: 'up' as 'lower' })).toThrow(/expected direction "lower" or "higher"/);
  });
});

describe('families of metrics', () => {
  it('Holm-adjusts across the metrics of one config', () => {
    const b = normal(8, 0);
    const inputs = ['a', 'b', 'c', 'd', 'e'].map((metric, i) => ({ metric, direction: 'lower' as const, baseline: b, candidate: normal(8, i === 0 ? 1.2 : 0) }));
    const family = compareMetrics(inputs);
    const alone = compareMetrics(inputs, { correction: 'none' });
    family.forEach((result, i) => {
      expect(result.decision.correction).toBe('holm');
      expect(result.decision.adjustedPValue).toBeGreaterThanOrEqual(alone[i]!.decision.adjustedPValue);
      expect(result.decision.suspiciousLevel).toBeCloseTo(0.001 / 5, 12);
    });
  });

  it('re-decides a suite with Benjamini–Hochberg without changing the inputs', () => {
    const results = compareMetrics([
      { metric: 'x', direction: 'lower', baseline: normal(10, 0), candidate: normal(10, 1.5), bootstrap: false },
      { metric: 'y', direction: 'lower', baseline: normal(10, 0), candidate: normal(10, 0), bootstrap: false },
    ]);
    const before = structuredClone(results);
    const suite = adjustSuite(results, { correction: 'bh' });
    expect(results).toEqual(before);
    expect(suite.map((r) => r.decision.correction)).toEqual(['bh', 'bh']);
  });
});

describe('difference of means for reporters', () => {
  const b = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7, 30.5, 30.0];
  const c = [31.0, 30.2, 32.4, 31.9, 30.6, 31.3, 32.0, 30.9, 31.5, 31.1];

  it('carries the BCa 95% interval of the mean difference, around the observed difference', () => {
    const result = compareSamples(b, c, { direction: 'lower' });
    const observed = c.reduce((s, x) => s + x, 0) / c.length - b.reduce((s, x) => s + x, 0) / b.length;
    expect(result.difference!.estimate).toBeCloseTo(observed, 12);
    expect(result.difference!.level).toBe(0.95);
    expect(result.difference!.ci[0]).toBeLessThan(observed);
    expect(result.difference!.ci[1]).toBeGreaterThan(observed);
    expect(result.difference!.ci).toEqual([result.bootstrap!.mean.lower, result.bootstrap!.mean.upper]);
  });

  it('is the same on every call (seeded), differs with the seed, and is absent without the bootstrap', () => {
    const first = compareSamples(b, c, { direction: 'lower' }).difference;
    expect(compareSamples(b, c, { direction: 'lower' }).difference).toEqual(first);
    expect(compareSamples(b, c, { direction: 'lower', seed: 7 }).difference!.ci).not.toEqual(first!.ci);
    expect(compareSamples(b, c, { direction: 'lower', bootstrap: false }).difference).toBeUndefined();
  });

  it('survives a suite-wide re-decision', () => {
    const [result] = compareMetrics([{ metric: 'x', direction: 'lower', baseline: b, candidate: c }]);
    expect(adjustSuite([result!], { correction: 'bh' })[0]!.difference).toEqual(result!.difference);
  });
});
