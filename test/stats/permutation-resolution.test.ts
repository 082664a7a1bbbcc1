/**
 * No p-value floor decides a verdict: where Monte Carlo resampling leaves the observed tail
 * unresolved, large arms get the permutation distribution's normal limit and small arms more
 * resamples, so the reported p is accurate to its decision.
 */
import { describe, expect, it } from 'vitest';
import { permutationTest, permutationTests } from '../../src/stats/permutation.js';
import { createRandom } from '../../src/stats/random.js';
import { welchTest } from '../../src/stats/welch.js';
import { compareSamples } from '../../src/verdict/compare-samples.js';

function normalArm(n: number, mean: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => mean + random.normal());
}

describe('permutation p-values beyond the Monte Carlo resolution', () => {
  it('a 1-sd shift with 1,000 runs per arm is a regression at alpha 0.001 (the resampling floor was 2e-3)', () => {
    const baseline = normalArm(1000, 0, 1);
    const candidate = normalArm(1000, 1, 2);
    const result = compareSamples(baseline, candidate, { direction: 'lower', alpha: 0.001, bootstrap: false });
    expect(result.decision.primary.test).toBe('studentized-permutation');
    expect(result.decision.primary.pValue).toBeLessThan(1e-12);
    expect(result.verdict).toBe('regression');
    expect(result.tests.permutation.method).toBe('asymptotic');
  });

  it('the asymptotic p of the studentized test is Welch’s p of the same arms', () => {
    const baseline = normalArm(1000, 0, 3);
    const candidate = normalArm(1000, 0.2, 4);
    const welch = permutationTest(baseline, candidate, { statistic: 'welch' });
    expect(welch.method).toBe('asymptotic');
    expect(welch.pValue).toBeCloseTo(welchTest(baseline, candidate).pValue, 14);
  });

  it('matches a high-resolution Monte Carlo p where both can be measured (300 vs 300, p ≈ 4e-3)', () => {
    const baseline = normalArm(300, 0, 5);
    const candidate = normalArm(300, 0.3, 6);
    const fallback = permutationTests(baseline, candidate, {}, true);
    expect(fallback.welch!.method).toBe('asymptotic');
    expect(fallback.meanDifference.method).toBe('asymptotic');
    const measured = permutationTests(baseline, candidate, { resamples: 200_000, seed: 7 }, true);
    expect(measured.welch!.method).toBe('monte-carlo');
    expect(measured.welch!.pValue).toBeGreaterThan(1e-3);
    expect(measured.welch!.pValue).toBeLessThan(5e-3);
    // Monte Carlo standard error at 200,000 resamples and p ≈ 4e-3 is about 4% of p.
    expect(Math.abs(fallback.welch!.pValue / measured.welch!.pValue - 1)).toBeLessThan(0.25);
    expect(Math.abs(fallback.meanDifference.pValue / measured.meanDifference.pValue - 1)).toBeLessThan(0.25);
  });

  it('keeps the Monte Carlo p where the tail is resolved', () => {
    const baseline = normalArm(300, 0, 8);
    const candidate = normalArm(300, 0.05, 9);
    const result = permutationTest(baseline, candidate, { statistic: 'welch' });
    expect(result.method).toBe('monte-carlo');
    expect(result.pValue).toBeGreaterThan(0.05);
  });

  it('resamples small arms further when their tail is barely visited (15 vs 15, 3-sd shift)', () => {
    const baseline = normalArm(15, 0, 10);
    const candidate = normalArm(15, 3, 11);
    const result = permutationTest(baseline, candidate, { statistic: 'welch' });
    expect(result.method).toBe('monte-carlo');
    expect(result.resamples).toBeGreaterThan(10_000);
    // The floor of the default 10,000 resamples was 2e-4.
    expect(result.pValue).toBeLessThan(2e-5); // 320,000 resamples: floor 6e-6
    // Seeded: the same inputs give the same p.
    expect(permutationTest(baseline, candidate, { statistic: 'welch' })).toEqual(result);
  });
});
