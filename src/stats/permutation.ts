import { normalSf } from './distributions/normal.js';
import { studentTTwoSided } from './distributions/student-t.js';
import { createRandom, type Random } from './random.js';
import { drawSubset } from './shuffle.js';
import { welchDegreesOfFreedom } from './welch.js';
import { normaliseArms, widthToDataUnits } from './scale.js';
import type { PermutationResult } from '../model/evidence.js';

type PermutationStatistic = 'meanDifference' | 'welch';

export interface PermutationOptions {
  /** `meanDifference` (default): x̄c − x̄b. `welch`: the studentized difference (Welch's t). */
  statistic?: PermutationStatistic;
  /** Enumerate every split when there are at most this many (default 200,000). */
  maxExact?: number;
  /** Monte Carlo resamples otherwise (default: about 2e6 / (nb + nc), between 1,000 and 10,000). */
  resamples?: number;
  /** Seed of the Monte Carlo resampling (default 0). */
  seed?: number;
}

/**
 * Two-sample permutation test of candidate versus baseline on the mean difference (or, with
 * `statistic: 'welch'`, on the studentized difference, which keeps its level when the variances
 * differ: Janssen 1997, Stat. Probab. Lett. 36; Chung & Romano 2013, Ann. Statist. 41).
 * Exact enumeration of all C(nb + nc, nc) splits when feasible; otherwise seeded Monte Carlo with
 * p = (b + 1)/(R + 1) per side (Phipson & Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9).
 * Matches `scipy.stats.permutation_test((candidate, baseline), statistic, permutation_type='independent',
 * alternative='two-sided')` in its exact mode.
 */
export function permutationTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>, options: PermutationOptions = {}): PermutationResult {
  const kind = options.statistic ?? 'meanDifference';
  const both = permutationTests(baseline, candidate, options, kind === 'welch');
  return kind === 'welch' ? both.welch! : both.meanDifference;
}

/**
 * Both permutation tests from one pass over the splits (the mean-difference test always, the
 * studentized one when asked): used by the comparison, which reports one and decides with the other.
 */
export function permutationTests(
  baselineData: ArrayLike<number>,
  candidateData: ArrayLike<number>,
  options: Omit<PermutationOptions, 'statistic'>,
  withWelch: boolean,
): { meanDifference: PermutationResult; welch?: PermutationResult } {
  const nb = baselineData.length;
  const nc = candidateData.length;
  if (nb < 1 || nc < 1) throw new RangeError(`permutationTest: expected non-empty arms, received ${nb} baseline and ${nc} candidate values`);
  if (withWelch && (nb < 2 || nc < 2)) throw new RangeError(`permutationTest: the welch statistic needs at least 2 values per arm, received ${nb} and ${nc}`);
  const total = nb + nc;
  // The splits' order is invariant to the scale of the data: computed on arms of magnitude
  // about 1 (see scale.ts), the mean difference stated back in the data's units.
  const { baseline, candidate, exponent } = normaliseArms(baselineData, candidateData);
  // Centre the pooled values so that sums of squares carry no cancellation.
  let centre = 0;
  for (let i = 0; i < nb; i++) centre += baseline[i]!;
  for (let i = 0; i < nc; i++) centre += candidate[i]!;
  centre /= total;
  const pooled = new Float64Array(total);
  for (let i = 0; i < nc; i++) pooled[i] = candidate[i]! - centre;
  for (let i = 0; i < nb; i++) pooled[nc + i] = baseline[i]! - centre;
  let sumAll = 0;
  let sqAll = 0;
  for (const x of pooled) {
    sumAll += x;
    sqAll += x * x;
  }
  // The enumerated subset is the smaller arm; `subsetIsCandidate` says which arm it plays.
  const k = Math.min(nb, nc);
  const subsetIsCandidate = nc <= nb;
  const observedOffset = subsetIsCandidate ? 0 : nc;
  let obsSum = 0;
  let obsSq = 0;
  for (let i = 0; i < k; i++) {
    const x = pooled[observedOffset + i]!;
    obsSum += x;
    obsSq += x * x;
  }
  const welchOf = (sum: number, sq: number): number => {
    const sc = subsetIsCandidate ? sum : sumAll - sum;
    const qc = subsetIsCandidate ? sq : sqAll - sq;
    const sb = sumAll - sc;
    const qb = sqAll - qc;
    const diff = sc / nc - sb / nb;
    const se = Math.sqrt(Math.max(0, qc - (sc * sc) / nc) / (nc - 1) / nc + Math.max(0, qb - (sb * sb) / nb) / (nb - 1) / nb);
    return se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  };
  const observedDiff = (subsetIsCandidate ? obsSum : sumAll - obsSum) / nc - (subsetIsCandidate ? sumAll - obsSum : obsSum) / nb;
  const observedWelch = withWelch ? welchOf(obsSum, obsSq) : 0;
  // The mean difference is monotone in the subset sum, so it is tallied on sums directly;
  // splits equal to the observed one up to rounding count on both sides.
  const sumTolerance = 1e-9 * Math.max(Math.abs(obsSum), Math.sqrt(sqAll), 1e-300);
  const sumLow = obsSum - sumTolerance;
  const sumHigh = obsSum + sumTolerance;
  const welchTolerance = 1e-9 * Math.max(Math.abs(observedWelch), 1);
  const welchLow = observedWelch - welchTolerance;
  const welchHigh = observedWelch + welchTolerance;
  const candidateScale = 1 / ((nc - 1) * nc);
  const baselineScale = 1 / ((nb - 1) * nb);
  let sumBelow = 0; // subset sum ≤ observed
  let sumAbove = 0; // subset sum ≥ observed
  let welchBelow = 0;
  let welchAbove = 0;
  const tally = (sum: number, sq: number): void => {
    if (sum <= sumHigh) sumBelow++;
    if (sum >= sumLow) sumAbove++;
    if (withWelch) {
      const sc = subsetIsCandidate ? sum : sumAll - sum;
      const qc = subsetIsCandidate ? sq : sqAll - sq;
      const sb = sumAll - sc;
      const diff = sc / nc - sb / nb;
      const varianceTerm = Math.max(0, qc - (sc * sc) / nc) * candidateScale + Math.max(0, sqAll - qc - (sb * sb) / nb) * baselineScale;
      const t = varianceTerm > 0 ? diff / Math.sqrt(varianceTerm) : diff === 0 ? 0 : Math.sign(diff) * Infinity;
      if (t <= welchHigh) welchBelow++;
      if (t >= welchLow) welchAbove++;
    }
  };
  const resolution = permutationResolution(nb, nc, options);
  const exact = resolution.exact;
  let resamples = resolution.resamples;
  // With the candidate as the subset, T ≤ t ⟺ sum ≤ observed; with the baseline, the reverse.
  const diffTail = (): number => (subsetIsCandidate ? Math.min(sumBelow, sumAbove) : Math.min(sumAbove, sumBelow));
  const welchTail = (): number => (withWelch ? Math.min(welchBelow, welchAbove) : Infinity);
  const smallestTail = (): number => Math.min(diffTail(), welchTail());
  if (exact) {
    enumerateSubsets(pooled, k, tally);
  } else {
    const random = createRandom(options.seed ?? 0);
    const work = Float64Array.from(pooled);
    sampleSubsets(work, k, resamples, random, tally);
    // Adaptive resolution: a tail the resamples have barely visited is resampled further (on the
    // same seeded stream) while the arms are too small for the asymptotic p-value to stand in.
    if (options.resamples === undefined && k < ASYMPTOTIC_MIN_ARM) {
      while (smallestTail() < RESOLVED_TAIL_COUNT && resamples * 2 * k <= EXTENDED_DRAWS) {
        sampleSubsets(work, k, resamples, random, tally);
        resamples *= 2;
      }
    }
  }
  const method: PermutationResult['method'] = exact ? 'exact' : 'monte-carlo';
  const twoSided = (below: number, above: number): number => {
    const add = exact ? 0 : 1;
    return Math.min(1, (2 * Math.min(below + add, above + add)) / (resamples + add));
  };
  // Beyond the Monte Carlo resolution with large arms, the permutation distribution's normal limit gives the tail.
  const asymptotic = (tail: number): boolean => !exact && options.resamples === undefined && tail < RESOLVED_TAIL_COUNT && Math.min(nb, nc) >= ASYMPTOTIC_MIN_ARM;
  const [diffBelow, diffAbove] = subsetIsCandidate ? [sumBelow, sumAbove] : [sumAbove, sumBelow];
  const diffStatistic = widthToDataUnits(observedDiff, exponent) + 0;
  const result: { meanDifference: PermutationResult; welch?: PermutationResult } = {
    meanDifference: asymptotic(diffTail())
      ? { statistic: diffStatistic, pValue: meanDifferenceAsymptoticP(observedDiff, sqAll - (sumAll * sumAll) / total, nb, nc), method: 'asymptotic', resamples }
      : { statistic: diffStatistic, pValue: twoSided(diffBelow, diffAbove), method, resamples },
  };
  if (withWelch) {
    result.welch = asymptotic(welchTail())
      ? { statistic: observedWelch + 0, pValue: studentizedAsymptoticP(observedWelch, obsSum, obsSq), method: 'asymptotic', resamples }
      : { statistic: observedWelch + 0, pValue: twoSided(welchBelow, welchAbove), method, resamples };
  }
  return result;

  /** Welch's t-test p of the observed split (its Welch–Satterthwaite df from the split's variances). */
  function studentizedAsymptoticP(t: number, sum: number, sq: number): number {
    const sc = subsetIsCandidate ? sum : sumAll - sum;
    const qc = subsetIsCandidate ? sq : sqAll - sq;
    const sb = sumAll - sc;
    const vc = Math.max(0, qc - (sc * sc) / nc) / (nc - 1) / nc;
    const vb = Math.max(0, sqAll - qc - (sb * sb) / nb) / (nb - 1) / nb;
    if (!Number.isFinite(t)) return 0;
    return vb + vc > 0 ? studentTTwoSided(t, welchDegreesOfFreedom(vb, nb, vc, nc)) : 1;
  }
}

/**
 * Smallest count in the observed tail for a Monte Carlo p-value to be resolved (relative
 * standard error about 1/√10); below it the p-value is a resolution floor, not a measurement.
 */
const RESOLVED_TAIL_COUNT = 10;
/**
 * Smallest arm for which the permutation distribution's normal limit stands in for an unresolved
 * Monte Carlo tail (the studentized statistic is asymptotically N(0, 1) under the permutation
 * distribution whatever the variances: Janssen 1997; Chung & Romano 2013); smaller arms resample further.
 */
const ASYMPTOTIC_MIN_ARM = 20;
/** Most values drawn by the adaptive resampling of small arms (bounds its time to some tens of milliseconds). */
const EXTENDED_DRAWS = 5e6;

/**
 * Two-sided p of the mean difference from its permutation distribution's normal limit: under
 * permutation, x̄c − x̄b has mean 0 and variance SS/(N − 1) · (1/nc + 1/nb), SS the pooled sum of
 * squares about the pooled mean (Lehmann & Romano, Testing Statistical Hypotheses, §17.2).
 */
function meanDifferenceAsymptoticP(difference: number, pooledSumOfSquares: number, nb: number, nc: number): number {
  const variance = (Math.max(0, pooledSumOfSquares) / (nb + nc - 1)) * (1 / nb + 1 / nc);
  if (!(variance > 0)) return difference === 0 ? 1 : 0;
  return Math.min(1, 2 * normalSf(Math.abs(difference) / Math.sqrt(variance)));
}

/** Whether the test enumerates every split for these arm sizes, and how many splits it counts. */
function permutationResolution(nb: number, nc: number, options: Pick<PermutationOptions, 'maxExact' | 'resamples'> = {}): { exact: boolean; resamples: number } {
  const total = nb + nc;
  const splits = choose(total, Math.min(nb, nc));
  const exact = splits <= (options.maxExact ?? 200_000);
  return { exact, resamples: exact ? splits : (options.resamples ?? Math.min(10_000, Math.max(1_000, Math.floor(2e6 / total)))) };
}

/**
 * The smallest two-sided p-value `permutationTest` can return for arms of nb and nc values, with
 * either statistic: 2/C(nb + nc, nc) when it enumerates the splits (only the observed split is as
 * extreme); with Monte Carlo resamples, 0 for arms of 20 or more (an unresolved tail gets the
 * asymptotic p-value), else 2/(R + 1) with R the most resamples the adaptive resolution draws
 * (2/(R + 1) for a fixed `resamples`). Data cannot make the test more significant.
 */
export function smallestPermutationPValue(nb: number, nc: number, options: Pick<PermutationOptions, 'maxExact' | 'resamples'> = {}): number {
  const { exact, resamples } = permutationResolution(nb, nc, options);
  if (exact) return Math.min(1, 2 / resamples);
  if (options.resamples !== undefined) return Math.min(1, 2 / (resamples + 1));
  const k = Math.min(nb, nc);
  if (k >= ASYMPTOTIC_MIN_ARM) return 0;
  let most = resamples;
  while (most * 2 * k <= EXTENDED_DRAWS) most *= 2;
  return Math.min(1, 2 / (most + 1));
}

/** Visit every k-subset of `values` with its sum and sum of squares (depth-first; the last level is a plain loop). */
function enumerateSubsets(values: Float64Array, k: number, visit: (sum: number, sq: number) => void): void {
  const n = values.length;
  const walk = (start: number, left: number, sum: number, sq: number): void => {
    if (left === 1) {
      for (let i = start; i < n; i++) {
        const x = values[i]!;
        visit(sum + x, sq + x * x);
      }
      return;
    }
    for (let i = start; i <= n - left; i++) {
      const x = values[i]!;
      walk(i + 1, left - 1, sum + x, sq + x * x);
    }
  };
  if (k === 0) visit(0, 0);
  else walk(0, k, 0, 0);
}

/** Draw `count` random k-subsets of `work` (reordered in place) and visit each one's sum and sum of squares. */
function sampleSubsets(work: Float64Array, k: number, count: number, random: Random, visit: (sum: number, sq: number) => void): void {
  for (let r = 0; r < count; r++) {
    drawSubset(work, k, random);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < k; i++) {
      const x = work[i]!;
      sum += x;
      sq += x * x;
    }
    visit(sum, sq);
  }
}

/** Binomial coefficient as a double (exact below 2^53). */
export function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}
