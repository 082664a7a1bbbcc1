import { describe, expect, it } from 'vitest';
import { posteriorProbabilities } from '../../src/sequential/evidence.js';
import { compareMeansBayes } from '../../src/stats/bayes-means.js';

const moments = (values: number[]) => {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return { n: values.length, mean, m2: values.reduce((s, x) => s + (x - mean) ** 2, 0) };
};

describe('sequential posterior probabilities', () => {
  it('mean what the reports mean: P(better) and P(worse) beyond the ROPE, the three summing to 1', () => {
    const baseline = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7];
    const candidate = [29.6, 29.1, 30.4, 29.9, 29.2, 30.0];
    const b = moments(baseline);
    const c = moments(candidate);
    const rope = 0.3;
    const sequential = posteriorProbabilities(b, c, c.mean - b.mean, rope);
    expect(sequential.probBetter + sequential.probWorse + sequential.probEquivalent!).toBeCloseTo(1, 12);
    // The Welch approximation of the Behrens–Fisher posterior that compareSamples integrates.
    const exact = compareMeansBayes(baseline, candidate, 'lower', rope);
    expect(Math.abs(sequential.probBetter - exact.probBetter)).toBeLessThan(0.03);
    expect(Math.abs(sequential.probWorse - exact.probWorse)).toBeLessThan(0.03);
    const beyondZero = posteriorProbabilities(b, c, c.mean - b.mean, 0);
    expect(sequential.probBetter).toBeLessThan(beyondZero.probBetter);
  });
});
