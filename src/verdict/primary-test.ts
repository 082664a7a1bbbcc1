import { choose, permutationTest, smallestPermutationPValue } from '../stats/permutation.js';
import type { PermutationResult } from '../model/evidence.js';
import { mannWhitneyTest, smallestMannWhitneyPValue } from '../stats/mann-whitney.js';
import { sampleShape } from '../stats/shape.js';
import { welchTest } from '../stats/welch.js';
import type { PrimaryTest } from '../model/evidence.js';

/** Pooled-sample shape beyond which the rank test is preferred to the mean test. */
const SHAPE_THRESHOLDS = { skewness: 1, excessKurtosis: 1.5 } as const;

/**
 * An adaptive two-sample test. Choosing between a permutation test on Welch's t and the
 * Mann–Whitney rank test from the *pooled* sample alone keeps the procedure exact under
 * exchangeability (the choice is a function of the unordered pooled data, which the null
 * permutation distribution conditions on: Hogg, Fisher & Randles 1975, JASA 70; Hogg 1974).
 * Rank tests win by far on skewed and heavy-tailed data (asymptotic efficiency 3 on the
 * exponential, 1.9 on t(3)); the studentized permutation test keeps the t-test's power on
 * normal-like data. When the arms are so small that no split reaches `alpha`
 * (2/C(nb + nc, nc) > alpha, e.g. 3 vs 3), Welch's t-test is used instead.
 * `studentizedPermutation` supplies the permutation test on Welch's t (computed by the caller,
 * which shares one pass over the splits with the mean-difference test it reports).
 */
export function runPrimaryTest(baseline: readonly number[], candidate: readonly number[], alpha: number, studentizedPermutation: () => PermutationResult): PrimaryTest {
  const pooledShape = sampleShape([...baseline, ...candidate]);
  if (usesWelch(baseline.length, candidate.length, alpha)) {
    if (hasNoSpread(baseline) || hasNoSpread(candidate)) {
      // The mean difference, not Welch's t: with no spread in either arm t is infinite for several splits.
      const permutation = permutationTest(baseline, candidate, { statistic: 'meanDifference' });
      return { test: 'permutation', pValue: permutation.pValue, sign: Math.sign(permutation.statistic), basis: 'too-few-splits-no-spread', pooledShape };
    }
    const welch = welchTest(baseline, candidate);
    return { test: 'welch', pValue: welch.pValue, sign: Math.sign(welch.statistic), basis: 'too-few-splits', pooledShape };
  }
  const rankBased = Math.abs(pooledShape.skewness) > SHAPE_THRESHOLDS.skewness || pooledShape.excessKurtosis > SHAPE_THRESHOLDS.excessKurtosis;
  if (rankBased) {
    const mw = mannWhitneyTest(baseline, candidate);
    const sign = Math.sign(mw.statistic - (baseline.length * candidate.length) / 2);
    return { test: 'mann-whitney', pValue: mw.pValue, sign, basis: 'skewed-or-heavy-tails', pooledShape };
  }
  const permutation = studentizedPermutation();
  return { test: 'studentized-permutation', pValue: permutation.pValue, sign: Math.sign(permutation.statistic), basis: 'light-tails', pooledShape };
}

/** All values equal: the arm carries no information about its spread. */
function hasNoSpread(values: readonly number[]): boolean {
  return values.every((x) => x === values[0]);
}

/** Too few splits for a rank or permutation test to reach `alpha`: Welch's t-test decides. */
function usesWelch(nb: number, nc: number, alpha: number): boolean {
  return 2 / choose(nb + nc, nc) > alpha;
}

/**
 * The smallest unadjusted two-sided p-value the primary test can give for arms of nb and nc runs,
 * whatever the data: 0 when Welch's t-test decides (arms with spread; its p-value goes to 0 as t grows), else the
 * smaller of the floors of the two tests the pooled shape may pick (rank test, studentized
 * permutation test). A multiplicity adjustment multiplies it; above alpha the gate cannot fail.
 */
export function smallestPrimaryPValue(nb: number, nc: number, alpha: number): number {
  if (usesWelch(nb, nc, alpha)) return 0;
  return Math.min(smallestMannWhitneyPValue(nb, nc), smallestPermutationPValue(nb, nc));
}
