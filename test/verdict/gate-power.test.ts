/** Whether a gate can fail before it runs: p-value floors of the tests, the family adjustment, the fewest seeds that can. */
import { describe, expect, it } from 'vitest';
import { choose, createRandom, mannWhitneyTest, permutationTest, smallestMannWhitneyPValue, smallestPermutationPValue } from '../../src/stats/index.js';
import { assessGatePower, compareMetrics, smallestPrimaryPValue } from '../../src/verdict/index.js';

describe('p-value floors', () => {
  it('the permutation test reaches its floor on completely separated arms, exact and Monte Carlo', () => {
    const separated = (nb: number, nc: number) => [Array.from({ length: nb }, (_, i) => i), Array.from({ length: nc }, (_, i) => 100 + i)] as const;
    for (const [nb, nc] of [
      [10, 3],
      [6, 6],
      [4, 4],
    ] as const) {
      const [b, c] = separated(nb, nc);
      expect(permutationTest(b, c).pValue).toBeCloseTo(smallestPermutationPValue(nb, nc), 15);
      expect(smallestPermutationPValue(nb, nc)).toBeCloseTo(2 / choose(nb + nc, nc), 15);
    }
    // Monte Carlo: small arms resample further until the floor of the adaptive resolution…
    const [b, c] = separated(15, 15);
    const monteCarlo = permutationTest(b, c, { statistic: 'welch' });
    expect(monteCarlo.method).toBe('monte-carlo');
    expect(monteCarlo.pValue).toBeCloseTo(smallestPermutationPValue(15, 15), 15);
    expect(smallestPermutationPValue(15, 15)).toBeLessThan(1e-5);
    // …and arms of 20 or more have no floor: an unresolved tail gets the asymptotic p-value.
    const [bigB, bigC] = separated(30, 30);
    const asymptotic = permutationTest(bigB, bigC, { statistic: 'welch' });
    expect(asymptotic.method).toBe('asymptotic');
    expect(smallestPermutationPValue(30, 30)).toBe(0);
    expect(asymptotic.pValue).toBeLessThan(1e-10);
  });

  it('no data gives the rank test a smaller p than its floor (ties, constant arms, random samples)', () => {
    const random = createRandom(7);
    for (const [nb, nc] of [
      [10, 3],
      [6, 3],
      [12, 12],
      [5, 9],
    ] as const) {
      const floor = smallestMannWhitneyPValue(nb, nc);
      for (let rep = 0; rep < 200; rep++) {
        const round = rep % 2 === 0 ? (x: number) => Math.round(x) : (x: number) => x;
        const b = Array.from({ length: nb }, () => round(random.normal()));
        const c = Array.from({ length: nc }, () => round(3 + random.normal()));
        expect(mannWhitneyTest(b, c).pValue).toBeGreaterThanOrEqual(floor * (1 - 1e-12));
      }
      expect(mannWhitneyTest(new Array(nb).fill(0), new Array(nc).fill(1)).pValue).toBeGreaterThanOrEqual(floor);
    }
  });

  it("is 0 where Welch's t-test decides (3 vs 3), the split floor where a rank or permutation test does", () => {
    expect(smallestPrimaryPValue(3, 3, 0.05)).toBe(0);
    // Ties within the arms (each constant) shrink the rank test's variance below the exact floor 2/C(13, 3).
    expect(smallestPrimaryPValue(10, 3, 0.05)).toBe(Math.min(smallestMannWhitneyPValue(10, 3), 2 / 286));
    expect(smallestPrimaryPValue(10, 3, 0.05)).toBeLessThan(2 / 286);
  });

  it('no comparison the gate makes goes below the floor of its arm sizes', () => {
    const random = createRandom(11);
    for (let rep = 0; rep < 40; rep++) {
      const b = Array.from({ length: 10 }, () => random.normal());
      const c = Array.from({ length: 3 }, () => 20 + random.normal() * (rep % 3));
      const [comparison] = compareMetrics([{ metric: 'm', baseline: b, candidate: c, direction: 'lower', bootstrap: false }]);
      expect(comparison!.decision.primary.pValue).toBeGreaterThanOrEqual(smallestPrimaryPValue(10, 3, 0.05) * (1 - 1e-12));
    }
  });
});

describe('assessGatePower', () => {
  const base = { metric: 'fid', direction: 'lower' as const, alpha: 0.05 };

  it('cannot fail with 10 baseline and 3 candidate runs under Holm over 90 tests, and says how many seeds can', () => {
    const power = assessGatePower({ ...base, baselineRuns: 10, candidateRuns: 3, family: { size: 90, correction: 'holm' } });
    expect(power.canFail).toBe(false);
    expect(power.smallestAdjustedPValue).toBeCloseTo(Math.min(1, 90 * smallestPrimaryPValue(10, 3, 0.05)), 12);
    expect(power.detectable).toBeUndefined();
    const { candidate } = power.seedsToCanFail!;
    expect(90 * smallestPrimaryPValue(10, candidate, 0.05)).toBeLessThanOrEqual(0.05);
    expect(90 * smallestPrimaryPValue(10, candidate - 1, 0.05)).toBeGreaterThan(0.05);
    expect(power.seedsToCanFail!.baseline).toBe(10);
  });

  it("grows both arms when the baseline is run with the candidate's seeds", () => {
    const power = assessGatePower({ ...base, baselineRuns: 4, candidateRuns: 4, family: { size: 6, correction: 'holm' }, baselineGrowsWithSeeds: true });
    expect(power.canFail).toBe(false);
    const { baseline, candidate } = power.seedsToCanFail!;
    expect(baseline).toBe(candidate);
    expect(6 * smallestPrimaryPValue(candidate, candidate, 0.05)).toBeLessThanOrEqual(0.05);
    expect(6 * smallestPrimaryPValue(candidate - 1, candidate - 1, 0.05)).toBeGreaterThan(0.05);
  });

  it('can fail under Benjamini-Hochberg, where every test at its floor keeps the floor', () => {
    const power = assessGatePower({ ...base, baselineRuns: 10, candidateRuns: 3, family: { size: 90, correction: 'bh' } });
    expect(power.canFail).toBe(true);
  });

  it('gives the detectable difference in metric units and baseline sds at level alpha / family size', () => {
    const samples = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7, 30.5, 30.0];
    const power = assessGatePower({ ...base, baselineRuns: 10, candidateRuns: 10, family: { size: 3, correction: 'holm' }, baselineSamples: samples });
    expect(power.canFail).toBe(true);
    expect(power.detectable!.level).toBeCloseTo(0.05 / 3, 15);
    expect(power.detectable!.sds).toBeCloseTo(power.detectable!.difference / power.detectable!.sdObserved, 12);
    expect(power.detectable!.sds).toBeGreaterThan(1.4);
    expect(power.detectable!.sds).toBeLessThan(2.2);
  });
});
