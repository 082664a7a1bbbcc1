import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePairedMeansBayes } from '../../src/stats/bayes-paired.js';
import { pairedPermutationTest, smallestPairedPermutationPValue } from '../../src/stats/paired-permutation.js';
import { pairedTTest } from '../../src/stats/paired-t.js';
import { wilcoxonSignedRankTest } from '../../src/stats/wilcoxon-signed-rank.js';

interface PairedCase {
  kind: string;
  baseline: number[];
  candidate: number[];
  pairedT: { statistic: number; df: number; pValue: number };
  wilcoxon: { statistic: number; pValue: number; method: 'exact' | 'asymptotic' };
  permutation?: { statistic: number; pValue: number };
}

const goldens = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/goldens/scipy-goldens.json'), 'utf8'));
const cases = goldens.paired as PairedCase[];
const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('paired tests against SciPy (ttest_rel, wilcoxon, permutation_test with permutation_type="samples")', () => {
  for (const [i, c] of cases.entries()) {
    it(`case ${i}: ${c.kind}, ${c.baseline.length} pairs`, () => {
      const t = pairedTTest(c.baseline, c.candidate);
      expect(t.df).toBe(c.pairedT.df);
      expect(relative(t.statistic, c.pairedT.statistic)).toBeLessThan(1e-10);
      expect(relative(t.pValue, c.pairedT.pValue)).toBeLessThan(1e-9);
      const w = wilcoxonSignedRankTest(c.baseline, c.candidate);
      expect(w.method).toBe(c.wilcoxon.method);
      expect(w.statistic).toBeCloseTo(c.wilcoxon.statistic, 10);
      expect(relative(w.pValue, c.wilcoxon.pValue)).toBeLessThan(1e-9);
      if (c.permutation) {
        const p = pairedPermutationTest(c.baseline, c.candidate);
        expect(p.method).toBe('exact');
        expect(relative(p.statistic, c.permutation.statistic)).toBeLessThan(1e-12);
        expect(relative(p.pValue, c.permutation.pValue)).toBeLessThan(1e-12);
      }
    });
  }

  it('meets in the middle exactly as a plain enumeration of the 2^n sign assignments counts', () => {
    const c = cases[3]!;
    const d = c.candidate.map((x, i) => x - c.baseline[i]!);
    const observed = d.reduce((a, b) => a + b, 0);
    let atLeast = 0;
    let atMost = 0;
    for (let mask = 0; mask < 2 ** d.length; mask++) {
      let sum = 0;
      for (let i = 0; i < d.length; i++) sum += mask & (1 << i) ? -d[i]! : d[i]!;
      if (sum >= observed - 1e-9) atLeast++;
      if (sum <= observed + 1e-9) atMost++;
    }
    const expected = Math.min(1, (2 * Math.min(atLeast, atMost)) / 2 ** d.length);
    expect(pairedPermutationTest(c.baseline, c.candidate).pValue).toBeCloseTo(expected, 12);
  });

  it('is seeded in Monte Carlo mode and close to the exact p', () => {
    const c = cases[6]!;
    const exact = pairedPermutationTest(c.baseline, c.candidate);
    expect(exact.method).toBe('exact');
    const a = pairedPermutationTest(c.baseline, c.candidate, { maxExactPairs: 10, resamples: 40_000, seed: 5 });
    const b = pairedPermutationTest(c.baseline, c.candidate, { maxExactPairs: 10, resamples: 40_000, seed: 5 });
    expect(a).toEqual(b);
    expect(a.method).toBe('monte-carlo');
    expect(Math.abs(a.pValue - exact.pValue)).toBeLessThan(0.005);
  });
});

describe('identical pairs', () => {
  const values = [3.25, 2.75, 3.5, 2.5, 3, 3.125, 2.875];
  it('give p = 1 and no division by zero in every test', () => {
    expect(pairedPermutationTest(values, values)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(pairedTTest(values, values)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(wilcoxonSignedRankTest(values, values)).toMatchObject({ statistic: 0, pValue: 1, nonZeroPairs: 0 });
  });

  it('read as certainly equivalent in the posterior, even with a zero ROPE', () => {
    const zeros = values.map(() => 0);
    expect(comparePairedMeansBayes(zeros, 'lower', 0)).toEqual({ probCandidateMeanLower: 0, probBetter: 0, probWorse: 0, probEquivalent: 1 });
  });

  it('a constant non-zero difference is certain in the posterior and infinite in t', () => {
    const shifted = values.map((x) => x + 1);
    expect(pairedTTest(values, shifted)).toMatchObject({ statistic: Infinity, pValue: 0 });
    expect(
      comparePairedMeansBayes(
        values.map(() => 1),
        'lower',
        0.5,
      ).probWorse,
    ).toBe(1);
    // The sign-flip test still cannot go below its floor: 2/2^7.
    expect(pairedPermutationTest(values, shifted).pValue).toBeCloseTo(smallestPairedPermutationPValue(7), 15);
  });
});

describe('paired posterior of the mean difference', () => {
  it('is the Student-t posterior of the differences', () => {
    const d = [0.5, 1.2, -0.3, 0.8, 0.9, 0.1];
    const n = d.length;
    const mean = d.reduce((a, b) => a + b, 0) / n;
    const result = comparePairedMeansBayes(d, 'lower', 0.2);
    // Worse for `lower` is a positive difference beyond the ROPE.
    expect(result.probWorse).toBeGreaterThan(0.8);
    expect(result.probBetter + result.probWorse + result.probEquivalent).toBeCloseTo(1, 12);
    expect(mean).toBeGreaterThan(0.2);
    const higher = comparePairedMeansBayes(d, 'higher', 0.2);
    expect(higher.probBetter).toBeCloseTo(result.probWorse, 14);
  });
});
