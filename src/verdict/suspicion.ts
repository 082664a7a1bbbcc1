import { medianOfSorted, meanAndSd } from '../stats/describe.js';
import { studentTCdf } from '../stats/distributions/student-t.js';
import { mannWhitneyTest } from '../stats/mann-whitney.js';
import { predictiveTail } from '../stats/predictive-tail.js';
import { welchTest } from '../stats/welch.js';
import type { Direction } from '../model/direction.js';
import type { Suspicion } from '../model/evidence.js';

/**
 * How far out the typical candidate run must be (arms large enough for the rank condition):
 * beyond the baseline's one-sided 99.5% prediction bound for one run.
 */
const SUSPICIOUS_PREDICTIVE_TAIL = 0.005;
/**
 * The same with arms too small for the rank condition (up to 6 vs 6), where the Welch and gap
 * conditions already demand a large, clean shift: beyond the 99% bound. A 99.5% bound on 4–5
 * baseline runs left after leaving one out would ask for about 5 sd.
 */
const SUSPICIOUS_PREDICTIVE_TAIL_SMALL_ARMS = 0.01;
/** With arms too small for the rank condition, the arms must be apart by at least one pooled within-arm sd. */
const SUSPICIOUS_MIN_GAP_SD = 1;

/** Measures how far out on the good side the candidate lies. */
export function assessSuspicion(baseline: readonly number[], candidate: readonly number[], direction: Direction): Suspicion {
  const rank = mannWhitneyTest(baseline, candidate, { alternative: direction === 'lower' ? 'less' : 'greater' });
  const median = medianOfSorted([...candidate].sort((a, b) => a - b));
  const gap = direction === 'higher' ? Math.min(...candidate) - Math.max(...baseline) : Math.min(...baseline) - Math.max(...candidate);
  const pooledSd = pooledWithinSd(baseline, candidate);
  return {
    rankPValue: rank.pValue,
    rankPValueFloor: 1 / choose(baseline.length + candidate.length, candidate.length),
    separated: gap > 0,
    gapInPooledSd: gap > 0 && pooledSd > 0 ? gap / pooledSd : 0,
    welchPValue: oneSidedWelch(baseline, candidate, direction),
    predictiveTail: predictiveTail(baseline, median, direction, baseline.length >= 3 ? { leaveOneOut: 'smallest' } : {}),
  };
}

/**
 * The suspicious rule: the candidate is better beyond chance at `level`, *and* far out.
 * - Beyond chance: the one-sided Mann–Whitney p is at most `level`, exact under exchangeability,
 *   so A/A comparisons are flagged at most that often whatever the distribution. Arms too small to
 *   reach `level` by ranks (up to 6 vs 6: 1/C(12, 6) ≈ 0.0011) need three things instead: every
 *   candidate run beats every baseline run (probability 1/C(nb + nc, nc) under A/A), the arms lie
 *   at least one pooled within-arm sd apart (a split of one distribution into its lower and upper
 *   half almost never leaves such a gap), and the one-sided Welch p is at most `level`. A family's
 *   `level` is shared among its comparisons, so the Welch condition tightens with the family.
 * - Far out: the candidate median lies beyond the baseline's one-sided 99.5% prediction bound for a
 *   single run (99% with small arms) once the baseline's wildest run is left out. Constant arms give
 *   no scale: the Welch and gap conditions then fail, and only ranks can carry the verdict.
 */
export function isSuspicious(suspicion: Suspicion, level: number): boolean {
  if (suspicion.rankPValueFloor <= level) {
    return suspicion.rankPValue <= level && suspicion.predictiveTail <= SUSPICIOUS_PREDICTIVE_TAIL;
  }
  return (
    suspicion.separated && suspicion.gapInPooledSd >= SUSPICIOUS_MIN_GAP_SD && suspicion.welchPValue <= level && suspicion.predictiveTail <= SUSPICIOUS_PREDICTIVE_TAIL_SMALL_ARMS
  );
}

/** The pooled within-arm sd, from sds relative to the larger one (no variance to overflow above an sd of 1e154). */
function pooledWithinSd(baseline: readonly number[], candidate: readonly number[]): number {
  const sb = meanAndSd(baseline).sd;
  const sc = meanAndSd(candidate).sd;
  const larger = Math.max(sb, sc);
  if (larger === 0) return 0;
  const pooled = ((baseline.length - 1) * (sb / larger) ** 2 + (candidate.length - 1) * (sc / larger) ** 2) / (baseline.length + candidate.length - 2);
  return larger * Math.sqrt(pooled);
}

/** P(T ≥ t) on the good side for Welch's t; neither arm with spread says nothing (1). */
function oneSidedWelch(baseline: readonly number[], candidate: readonly number[], direction: Direction): number {
  const welch = welchTest(baseline, candidate);
  if (!Number.isFinite(welch.statistic)) return 1;
  const good = direction === 'higher' ? welch.statistic : -welch.statistic;
  return studentTCdf(-good, welch.df);
}

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
