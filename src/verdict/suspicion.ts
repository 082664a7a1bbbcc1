import { medianOfSorted } from '../stats/describe.js';
import { mannWhitneyTest } from '../stats/mann-whitney.js';
import { predictiveTail } from '../stats/predictive-tail.js';
import type { Direction } from './types.js';

/** Evidence that the candidate lies far outside the baseline on the good side. */
export interface Suspicion {
  /** One-sided Mann–Whitney p that the candidate is better (exact without ties and with a small arm). */
  rankPValue: number;
  /** The smallest one-sided rank p these arm sizes can reach (1/C(nb + nc, nc)). */
  rankPValueFloor: number;
  /**
   * Posterior-predictive tail of one future baseline run beyond the candidate median on the good
   * side, the smallest over baselines with one run left out (3+ baseline runs): one wild baseline
   * run cannot hide an extreme candidate.
   */
  predictiveTail: number;
  /** The same tail, the largest over baselines with one run left out: no single run can create it. */
  predictiveTailConservative: number;
}

/** Suspicious results are rare by construction: the default false-alarm level per metric. */
export const SUSPICIOUS_LEVEL = 0.001;
/** How far out the typical candidate run must be: beyond the baseline's one-sided 99% prediction bound. */
export const SUSPICIOUS_PREDICTIVE_TAIL = 0.01;
/** With arms too small for the rank condition, the distance carries the calibration: a 99.9% bound. */
export const SUSPICIOUS_PREDICTIVE_TAIL_SMALL_ARMS = 0.001;

/** Measures how far out on the good side the candidate lies. */
export function assessSuspicion(baseline: readonly number[], candidate: readonly number[], direction: Direction): Suspicion {
  const rank = mannWhitneyTest(baseline, candidate, { alternative: direction === 'lower' ? 'less' : 'greater' });
  const median = medianOfSorted([...candidate].sort((a, b) => a - b));
  return {
    rankPValue: rank.pValue,
    rankPValueFloor: 1 / choose(baseline.length + candidate.length, candidate.length),
    predictiveTail: baseline.length >= 3 ? predictiveTail(baseline, median, direction, { leaveOneOut: 'smallest' }) : predictiveTail(baseline, median, direction),
    predictiveTailConservative:
      baseline.length >= 3 ? predictiveTail(baseline, median, direction, { leaveOneOut: 'largest' }) : predictiveTail(baseline, median, direction),
  };
}

/**
 * The suspicious rule. Two conditions, both on the good side:
 * - ranks: the one-sided Mann–Whitney p is at most `level` — exact under exchangeability, so A/A
 *   comparisons are flagged at most that often whatever the distribution; with arms too small to
 *   reach `level` (up to 6 vs 6), every candidate run must beat every baseline run instead;
 * - distance: the candidate median lies beyond the baseline's one-sided 99% prediction bound for a
 *   single run once the baseline's wildest run is left out. When the ranks alone cannot
 *   reach `level`, the distance must carry the calibration: beyond the one-sided 99.9% bound with
 *   *any* one baseline run left out.
 */
export function isSuspicious(suspicion: Suspicion, level: number): boolean {
  if (suspicion.rankPValueFloor <= level) {
    return suspicion.rankPValue <= level && suspicion.predictiveTail <= SUSPICIOUS_PREDICTIVE_TAIL;
  }
  return suspicion.rankPValue <= suspicion.rankPValueFloor * (1 + 1e-9) && suspicion.predictiveTailConservative <= SUSPICIOUS_PREDICTIVE_TAIL_SMALL_ARMS;
}

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
