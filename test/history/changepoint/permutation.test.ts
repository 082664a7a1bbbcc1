import { describe, expect, it } from 'vitest';
import { detectChangePoints } from '../../../src/history/changepoint/index.js';
import { earlyAcceptanceDesign } from '../../../src/history/changepoint/permutation.js';

/** P(Binomial(n, p) ≤ a). */
function binomialCdf(a: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let k = 1; k <= a; k++) {
    term *= ((n - k + 1) / k) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

/**
 * The design's chance of a significant result under "no change", computed another way: the share
 * p of orderings that reach the observed value is uniform on (0, 1) under the null, and given p the
 * draws reaching it are Bernoulli(p). P(significant | p) = P(none of the first k) + P(some of the
 * first k, at most a of all n); integrated over p by the midpoint rule.
 */
function levelByIntegration(n: number, k: number, a: number): number {
  const steps = 50_000;
  let total = 0;
  for (let i = 0; i < steps; i++) {
    const p = (i + 0.5) / steps;
    const noneFirst = (1 - p) ** k;
    // P(c_n ≤ a and c_k ≥ 1) = Σ_{j=1..a} P(c_k = j) · P(c_{n−k} ≤ a − j)
    let rest = 0;
    let pk = noneFirst;
    for (let j = 1; j <= Math.min(a, k); j++) {
      pk *= ((k - j + 1) / j) * (p / (1 - p));
      rest += pk * binomialCdf(a - j, n - k, p);
    }
    total += noneFirst + rest;
  }
  return total / steps;
}

describe('earlyAcceptanceDesign', () => {
  it.each([
    [99, 0.05],
    [99, 0.1],
    [499, 0.01],
    [199, 0.05],
  ])('for %i permutations at level %s keeps the level, computed by integrating over the null', (permutations, alpha) => {
    const design = earlyAcceptanceDesign(permutations, alpha)!;
    expect(design.level).toBeLessThanOrEqual(alpha);
    expect(design.allowed).toBe(Math.floor(alpha * (permutations + 1)) - 2);
    expect(levelByIntegration(permutations, design.firstStage, design.allowed)).toBeCloseTo(design.level, 6);
    // One draw earlier would exceed the level: the first stage is the earliest that fits.
    expect(levelByIntegration(permutations, design.firstStage - 1, design.allowed)).toBeGreaterThan(alpha);
  });

  it('takes 27 draws for a clear change with the defaults (99 permutations, alpha 0.05), level 0.0494', () => {
    expect(earlyAcceptanceDesign(99, 0.05)).toEqual({ firstStage: 27, allowed: 3, level: expect.closeTo(0.04937, 5) });
    expect(earlyAcceptanceDesign(19, 0.05)).toBeUndefined();
  });
});

describe('exact permutation p-values of short segments', () => {
  it("gives the second change of Otava's division-by-zero series its exact p-value, whatever the seed", () => {
    // After the split at 3, the segment [3, 11) has 8! orderings; 1,440 of them reach the split at 6.
    const series = [0, 0, 0, 1, 1.12, 0.9, 0.5, 0.51, 0.48, 0.48, 0.55];
    for (const seed of [1, 2, 3, 4, 5]) {
      const found = detectChangePoints(series, { seed });
      expect(found.map((c) => c.index)).toEqual([3, 6]);
      expect(found[1]!.pValue).toBeCloseTo(1440 / 40320, 12);
    }
  });
});
