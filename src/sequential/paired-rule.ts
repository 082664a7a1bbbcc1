/**
 * The sequential rule for runs paired by seed: the candidate's run i is compared with the
 * baseline's run of the same seed, and the Wilcoxon signed-rank statistic W of the differences
 * (oriented: positive is worse) is compared with boundaries that spend the error budget over the
 * looks (signed-rank-boundaries.ts). Exchangeability within each pair is all the error rates need,
 * so they hold whatever the within-pair correlation — none, strong, or identical runs.
 *
 * - regression / improvement: W reaches +upper / −upper of a one-sided design at alpha/2 each;
 *   an improvement whose candidate median is beyond the baseline's prediction bound is `suspicious`;
 * - equivalent: every pair so far is identical (at least minRuns pairs): the change does not alter
 *   training at these seeds; or, with a ROPE r, the two one-sided tests on d − r and d + r both
 *   reject (a false `equivalent` at a true shift of exactly ±r stays ≤ alpha);
 * - inconclusive: maxRuns pairs (at most the baseline's seeds) with none of the above.
 */

import { comparePairedMeansBayes } from '../stats/bayes-paired.js';
import { median } from '../stats/describe.js';
import { DEFAULT_ROPE_SD_FRACTION } from '../model/defaults.js';
import type { RopeUsed } from '../model/comparison.js';
import { posteriorProbabilities } from './evidence.js';
import type { MetricDesign } from './options.js';
import type { MetricState } from './rule.js';
import { signedRankBoundaries, signedRankMax, signedRankSum } from './signed-rank-boundaries.js';
import type { SpendingFunction } from './spending.js';
import { sampleVariance } from './summary.js';
import type { SequentialEvidence, SequentialStep } from './types.js';

function upperAt(design: MetricDesign, n: number, oneSidedAlpha: number, spending: SpendingFunction): { upper: number; spent: number } {
  const boundaries = signedRankBoundaries({ minRuns: design.minRuns, maxRuns: design.maxRuns, alpha: oneSidedAlpha, spending });
  return { upper: boundaries.upper[n] ?? Infinity, spent: boundaries.spent[n] ?? 0 };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Looks at the paired evidence after the latest pair(s); the budgets are those of `decide` in rule.ts. */
export function decidePaired(design: MetricDesign, state: MetricState, differenceAlpha: number, equivalenceAlpha: number): SequentialStep {
  const differences = state.differences;
  const n = differences.length;
  const w = signedRankSum(differences);
  const { upper, spent } = n === 0 ? { upper: Infinity, spent: 0 } : upperAt(design, n, differenceAlpha / 2, design.spending);
  const identical = n > 0 && differences.every((d) => d === 0);
  const candidateMedian = n === 0 ? Number.NaN : median(state.oriented);

  let equivalence: SequentialEvidence['equivalence'] = null;
  let ropeEquivalent = false;
  if (design.rope !== null && n > 0) {
    const equivalenceUpper = upperAt(design, n, equivalenceAlpha, design.equivalenceSpending).upper;
    const notWorseStatistic = signedRankSum(differences, design.rope);
    const notBetterStatistic = signedRankSum(differences, -design.rope);
    equivalence = {
      rope: design.rope,
      notWorseStatistic,
      notWorseBoundary: finiteOrNull(-equivalenceUpper),
      notBetterStatistic,
      notBetterBoundary: finiteOrNull(equivalenceUpper),
    };
    ropeEquivalent = notWorseStatistic <= -equivalenceUpper && notBetterStatistic >= equivalenceUpper;
  }

  let verdict: SequentialStep['verdict'] = 'continue';
  if (n > 0 && w >= upper) verdict = 'regression';
  else if (n > 0 && w <= -upper) {
    const far = design.suspiciousBelow !== null && candidateMedian < design.suspiciousBelow;
    verdict = far ? 'suspicious' : 'improvement';
  } else if ((identical && n >= design.minRuns) || ropeEquivalent) verdict = 'equivalent';
  else if (n >= design.maxRuns) verdict = 'inconclusive';

  const meanWorse = n === 0 ? 0 : differences.reduce((sum, d) => sum + d, 0) / n;
  const baselineSd = Math.sqrt(sampleVariance(design.baselineMoments));
  const rope: RopeUsed = design.rope === null ? { halfWidth: DEFAULT_ROPE_SD_FRACTION * baselineSd, source: 'default' } : { halfWidth: design.rope, source: 'absolute' };
  const evidence: SequentialEvidence = {
    n,
    baselineN: design.sortedWorse.length,
    meanDifference: meanWorse === 0 ? 0 : meanWorse * design.orientation,
    ...pairedProbabilities(design, state, differences, rope.halfWidth),
    rope,
    rankSum: w,
    rankSumMax: signedRankMax(n),
    regressionBoundary: finiteOrNull(upper),
    improvementBoundary: finiteOrNull(-upper),
    alphaSpent: 2 * spent,
    informationFraction: n / design.maxRuns,
    equivalence,
    candidateMedian: candidateMedian * design.orientation,
    suspiciousBeyond: design.suspiciousBelow === null ? null : design.suspiciousBelow * design.orientation,
    paired: { pairs: n, unpairedCandidate: state.unpaired, identical },
  };
  return { done: verdict !== 'continue', verdict, n, evidence };
}

/** P(worse), P(better), P(equivalent) from the Jeffreys posterior of the mean difference (two or more pairs). */
function pairedProbabilities(
  design: MetricDesign,
  state: MetricState,
  differences: readonly number[],
  rope: number,
): { probWorse: number; probBetter: number; probEquivalent: number | null } {
  if (differences.length === 0) return { probWorse: 0, probBetter: 0, probEquivalent: design.rope === null ? null : 0 };
  if (differences.length < 2) {
    const worse = state.moments.mean - design.baselineMoments.mean;
    return posteriorProbabilities(design.baselineMoments, state.moments, worse, design.rope === null ? rope : design.rope);
  }
  // Oriented differences: "lower" makes positive the worse side.
  const { probWorse, probBetter, probEquivalent } = comparePairedMeansBayes(differences, 'lower', rope);
  return { probWorse, probBetter, probEquivalent: design.rope === null ? null : probEquivalent };
}
