/**
 * The sequential decision rule for one metric: the candidate's rank statistics against the fixed
 * baseline, updated one run at a time, compared with the spending boundaries at each look.
 *
 * - regression: the Mann–Whitney U of the candidate against the baseline reaches the upper
 *   boundary of a one-sided design at alpha/2;
 * - improvement: U reaches the lower boundary (same budget, mirrored); it is `suspicious` when the
 *   candidate's median also lies beyond the baseline's prediction bound, unless an improvement is
 *   expected;
 * - equivalent: two one-sided tests (Schuirmann 1987, J. Pharmacokinet. Biopharm. 15:657–680)
 *   against the baseline shifted by +rope and by −rope both reject, each with its own one-sided
 *   design at alpha — the false-equivalence rate at a true shift of exactly ±rope stays ≤ alpha
 *   because each shifted comparison is then a null comparison;
 * - inconclusive: maxRuns reached with none of the above.
 */

import { rankBoundaries, type RankBoundaries } from './boundaries.js';
import { DEFAULT_ROPE_SD_FRACTION } from '../model/defaults.js';
import type { RopeUsed } from '../model/comparison.js';
import { median } from '../stats/describe.js';
import { posteriorProbabilities } from './evidence.js';
import type { MetricDesign } from './options.js';
import { decidePaired } from './paired-rule.js';
import { placement } from './placement.js';
import { informationFraction, type SpendingFunction } from './spending.js';
import { emptyMoments, momentsOf, sampleVariance, type RunningMoments } from './summary.js';
import type { SequentialEvidence, SequentialStep } from './types.js';

/** What the rule accumulates from the candidate runs. */
export interface MetricState {
  /** Candidate values times orientation (larger is worse). */
  oriented: number[];
  moments: RunningMoments;
  /** U against the baseline, against baseline + rope, against baseline − rope. */
  rankSum: number;
  notWorseSum: number;
  notBetterSum: number;
  /** Paired designs: candidate − baseline per pair, oriented (positive is worse), the seeds used, the runs left unpaired. */
  differences: number[];
  pairedSeeds: Set<number>;
  unpaired: number;
}

/** A fresh state with no candidate runs. */
export function emptyState(): MetricState {
  return { oriented: [], moments: emptyMoments(), rankSum: 0, notWorseSum: 0, notBetterSum: 0, differences: [], pairedSeeds: new Set(), unpaired: 0 };
}

/**
 * Adds one (already validated) candidate value to the state. Paired designs need the run's seed:
 * a seed without a baseline run, or one already paired, only counts as unpaired. Returns whether
 * the value joined the evidence.
 */
export function pushValue(design: MetricDesign, state: MetricState, value: number, seed?: number): boolean {
  const worse = value * design.orientation;
  if (design.baselineBySeed) {
    const partner = seed === undefined ? undefined : design.baselineBySeed.get(seed);
    if (seed === undefined || partner === undefined || state.pairedSeeds.has(seed)) {
      state.unpaired += 1;
      return false;
    }
    state.pairedSeeds.add(seed);
    state.differences.push(worse - partner);
    state.oriented.push(worse);
    state.moments = momentsOf(state.oriented);
    return true;
  }
  state.oriented.push(worse);
  state.moments = momentsOf(state.oriented);
  state.rankSum += placement(design.sortedWorse, worse);
  if (design.rope !== null) {
    state.notWorseSum += placement(design.sortedWorse, worse, design.rope);
    state.notBetterSum += placement(design.sortedWorse, worse, -design.rope);
  }
  return true;
}

/** The boundaries of a design at a one-sided level. */
function boundariesAt(design: MetricDesign, oneSidedAlpha: number, spending: SpendingFunction): RankBoundaries {
  return rankBoundaries({
    baselineSize: design.sortedWorse.length,
    minRuns: design.minRuns,
    maxRuns: design.maxRuns,
    alpha: oneSidedAlpha,
    spending,
  });
}

/** A boundary as data: null where the look cannot decide. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Looks at the evidence after the latest run(s). `differenceAlpha` is the two-sided false-alarm
 * budget of this metric (smaller inside a family of metrics), `equivalenceAlpha` the budget of a
 * false `equivalent`.
 */
export function decide(design: MetricDesign, state: MetricState, differenceAlpha: number, equivalenceAlpha: number): SequentialStep {
  if (design.baselineBySeed) return decidePaired(design, state, differenceAlpha, equivalenceAlpha);
  const n = state.oriented.length;
  const baselineN = design.sortedWorse.length;
  const rankSumMax = n * baselineN;
  const difference = boundariesAt(design, differenceAlpha / 2, design.spending);
  const upper = difference.upper[n] ?? Infinity;
  const lower = rankSumMax - upper;
  const candidateMedian = median(state.oriented);

  let equivalence: SequentialEvidence['equivalence'] = null;
  let equivalent = false;
  if (design.rope !== null) {
    const equivalenceUpper = boundariesAt(design, equivalenceAlpha, design.equivalenceSpending).upper[n] ?? Infinity;
    const notWorseBoundary = rankSumMax - equivalenceUpper;
    equivalence = {
      rope: design.rope,
      notWorseStatistic: state.notWorseSum,
      notWorseBoundary: finiteOrNull(notWorseBoundary),
      notBetterStatistic: state.notBetterSum,
      notBetterBoundary: finiteOrNull(equivalenceUpper),
    };
    equivalent = state.notWorseSum <= notWorseBoundary && state.notBetterSum >= equivalenceUpper;
  }

  let verdict: SequentialStep['verdict'] = 'continue';
  if (state.rankSum >= upper) verdict = 'regression';
  else if (state.rankSum <= lower) {
    const far = design.suspiciousBelow !== null && candidateMedian < design.suspiciousBelow;
    verdict = far ? 'suspicious' : 'improvement';
  } else if (equivalent) verdict = 'equivalent';
  else if (n >= design.maxRuns) verdict = 'inconclusive';

  const worseDifference = state.moments.mean - design.baselineMoments.mean;
  // P(better) and P(worse) mean what they mean in every report: beyond the ROPE, the configured one
  // or half the baseline sd (the rank boundaries, not these, decide).
  const rope: RopeUsed =
    design.rope === null
      ? { halfWidth: DEFAULT_ROPE_SD_FRACTION * Math.sqrt(sampleVariance(design.baselineMoments)), source: 'default' }
      : { halfWidth: design.rope, source: 'absolute' };
  const probabilities = posteriorProbabilities(design.baselineMoments, state.moments, worseDifference, rope.halfWidth);
  const evidence: SequentialEvidence = {
    n,
    baselineN,
    meanDifference: worseDifference * design.orientation,
    ...probabilities,
    rope,
    rankSum: state.rankSum,
    rankSumMax,
    regressionBoundary: finiteOrNull(upper),
    improvementBoundary: finiteOrNull(lower),
    alphaSpent: 2 * (difference.spent[n] ?? 0),
    informationFraction: informationFraction(n, baselineN, design.maxRuns),
    equivalence,
    candidateMedian: candidateMedian * design.orientation,
    suspiciousBeyond: design.suspiciousBelow === null ? null : design.suspiciousBelow * design.orientation,
  };
  return { done: verdict !== 'continue', verdict, n, evidence };
}
