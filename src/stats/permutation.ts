import { createRandom } from './random.js';

export type PermutationStatistic = 'meanDifference' | 'welch';

export interface PermutationOptions {
  /** `meanDifference` (default): x̄c − x̄b. `welch`: the studentized difference (Welch's t). */
  statistic?: PermutationStatistic;
  /** Enumerate every split when there are at most this many (default 200,000). */
  maxExact?: number;
  /** Monte Carlo resamples otherwise (default: about 4e6 / (nb + nc), between 1,000 and 10,000). */
  resamples?: number;
  /** Seed of the Monte Carlo resampling (default 0). */
  seed?: number;
}

export interface PermutationResult {
  statistic: number;
  /** Two-sided: 2·min(P(T* ≤ t), P(T* ≥ t)), capped at 1 (SciPy's definition). */
  pValue: number;
  method: 'exact' | 'monte-carlo';
  /** Number of splits enumerated or resampled. */
  resamples: number;
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
export function permutationTest(
  baseline: ArrayLike<number>,
  candidate: ArrayLike<number>,
  options: PermutationOptions = {},
): PermutationResult {
  const nb = baseline.length;
  const nc = candidate.length;
  if (nb < 1 || nc < 1) throw new RangeError(`permutationTest: expected non-empty arms, received ${nb} baseline and ${nc} candidate values`);
  const kind = options.statistic ?? 'meanDifference';
  if (kind === 'welch' && (nb < 2 || nc < 2)) throw new RangeError(`permutationTest: the welch statistic needs at least 2 values per arm, received ${nb} and ${nc}`);
  const total = nb + nc;
  // Centre the pooled values: sums of squares then carry no cancellation.
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
  const statisticOf = makeStatistic(kind, nc, nb, sumAll, sqAll, subsetIsCandidate);
  let obsSum = 0;
  let obsSq = 0;
  const observedOffset = subsetIsCandidate ? 0 : nc;
  for (let i = 0; i < k; i++) {
    const x = pooled[observedOffset + i]!;
    obsSum += x;
    obsSq += x * x;
  }
  const observed = statisticOf(obsSum, obsSq);
  // Splits whose statistic equals the observed one up to rounding count on both sides.
  const scale = kind === 'welch' ? 1 : Math.sqrt(sqAll / total);
  const tolerance = 1e-9 * Math.max(Math.abs(observed), scale, 1e-300);
  let less = 0;
  let greater = 0;
  const tally = (s: number, q: number): void => {
    const t = statisticOf(s, q);
    if (t <= observed + tolerance) less++;
    if (t >= observed - tolerance) greater++;
  };
  const splits = choose(total, k);
  const maxExact = options.maxExact ?? 200_000;
  let pLess: number;
  let pGreater: number;
  let resamples: number;
  let method: PermutationResult['method'];
  if (splits <= maxExact) {
    enumerateSubsets(pooled, k, tally);
    resamples = splits;
    pLess = less / splits;
    pGreater = greater / splits;
    method = 'exact';
  } else {
    resamples = options.resamples ?? Math.min(10_000, Math.max(1_000, Math.floor(4e6 / total)));
    sampleSubsets(pooled, k, resamples, options.seed ?? 0, tally);
    pLess = (less + 1) / (resamples + 1);
    pGreater = (greater + 1) / (resamples + 1);
    method = 'monte-carlo';
  }
  return { statistic: observed + 0, pValue: Math.min(1, 2 * Math.min(pLess, pGreater)), method, resamples };
}

/** The statistic as a function of the subset's sum and sum of squares (values centred). */
function makeStatistic(
  kind: PermutationStatistic,
  nc: number,
  nb: number,
  sumAll: number,
  sqAll: number,
  subsetIsCandidate: boolean,
): (sum: number, sq: number) => number {
  return (sum, sq) => {
    const sc = subsetIsCandidate ? sum : sumAll - sum;
    const qc = subsetIsCandidate ? sq : sqAll - sq;
    const sb = sumAll - sc;
    const qb = sqAll - qc;
    const diff = sc / nc - sb / nb;
    if (kind === 'meanDifference') return diff;
    const vc = Math.max(0, qc - (sc * sc) / nc) / (nc - 1);
    const vb = Math.max(0, qb - (sb * sb) / nb) / (nb - 1);
    const se = Math.sqrt(vc / nc + vb / nb);
    return se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  };
}

/** Visit every k-subset of `values` with its sum and sum of squares (depth-first, O(1) per node). */
function enumerateSubsets(values: Float64Array, k: number, visit: (sum: number, sq: number) => void): void {
  const n = values.length;
  const walk = (start: number, left: number, sum: number, sq: number): void => {
    if (left === 0) {
      visit(sum, sq);
      return;
    }
    for (let i = start; i <= n - left; i++) {
      const x = values[i]!;
      walk(i + 1, left - 1, sum + x, sq + x * x);
    }
  };
  walk(0, k, 0, 0);
}

/** Draw `count` random k-subsets by partial Fisher–Yates shuffles. */
function sampleSubsets(values: Float64Array, k: number, count: number, seed: number, visit: (sum: number, sq: number) => void): void {
  const random = createRandom(seed);
  const work = Float64Array.from(values);
  const n = work.length;
  for (let r = 0; r < count; r++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < k; i++) {
      const j = i + random.int(n - i);
      const x = work[j]!;
      work[j] = work[i]!;
      work[i] = x;
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
