/**
 * Stopping boundaries for the sequential Wilcoxon signed-rank statistic of paired runs.
 *
 * When the candidate runs seed i exactly as the baseline did and nothing changed, the two runs
 * of a pair are exchangeable, so each difference d_i = candidate_i − baseline_i is as likely to be
 * positive as negative, independently of |d_i| and of the other pairs — whatever the metric's
 * distribution and whatever the correlation between the runs of a pair. The signed-rank statistic
 * W(k) = Σ_{i ≤ k} sign(d_i) · rank of |d_i| among the first k pairs then has a path W(1), W(2), …
 * whose distribution depends on nothing but k: the ranks of i.i.d. continuous |d| arrive as a
 * uniformly random sequence of relative ranks, and the signs are fair coins. The boundaries are
 * therefore simulated once, from uniform |d| and random signs, and hold for every metric; they
 * spend the error budget over the looks as the rank-sum boundaries do (boundaries.ts), with the
 * information fraction k/maxPairs (pairs add information linearly: no fixed baseline caps it).
 * Zero differences (identical runs) carry no sign and shrink W's spread, which only makes the rule
 * more conservative.
 */

import { createRandom } from '../stats/random.js';
import { PATHS, spendOverLooks } from './boundaries.js';
import { spendingKey, spentAlpha, type SpendingFunction } from './spending.js';

export interface SignedRankDesign {
  minRuns: number;
  /** Most pairs the comparison can use: the baseline's seeds, or fewer. */
  maxRuns: number;
  /** One-sided error budget spent over all looks. */
  alpha: number;
  spending: SpendingFunction;
}

/**
 * `upper[k]` is the smallest W(k) that rejects at look k (k = 1 … maxRuns; Infinity before minRuns
 * or where no budget is left). By the null's symmetry the lower boundary is −upper[k].
 */
export interface SignedRankBoundaries {
  design: SignedRankDesign;
  upper: Float64Array;
  /** Cumulative one-sided budget allowed by look k. */
  spent: Float64Array;
}

const CALIBRATION_SEED = 20_261_130;
const pathCache = new Map<number, Int32Array>();
const boundaryCache = new Map<string, SignedRankBoundaries>();

/** Largest |W(k)|: the sum of the ranks 1 … k. */
export function signedRankMax(k: number): number {
  return (k * (k + 1)) / 2;
}

/**
 * Null paths of W(k) + k(k+1)/2 (shifted to 0 … k(k+1), integers: simulated |d| have no ties),
 * row-major, one row of maxRuns looks per path. Each new pair takes a uniformly random rank among
 * the k pairs so far; the pairs above it move up one rank, changing W by the sum of their signs.
 */
function simulateNullPaths(maxRuns: number): Int32Array {
  const cached = pathCache.get(maxRuns);
  if (cached) return cached;
  const random = createRandom(CALIBRATION_SEED + maxRuns);
  const paths = new Int32Array(PATHS * maxRuns);
  // Signs of the pairs so far, ordered by |d| (index = rank − 1).
  const signs = new Int8Array(maxRuns);
  for (let path = 0; path < PATHS; path++) {
    let w = 0;
    for (let k = 1; k <= maxRuns; k++) {
      const position = random.int(k);
      const sign = random.next() < 0.5 ? -1 : 1;
      let above = 0;
      for (let i = k - 1; i > position; i--) {
        signs[i] = signs[i - 1]!;
        above += signs[i]!;
      }
      signs[position] = sign;
      w += above + sign * (position + 1);
      paths[path * maxRuns + k - 1] = w + signedRankMax(k);
    }
  }
  if (pathCache.size >= 2) pathCache.delete(pathCache.keys().next().value ?? 0);
  pathCache.set(maxRuns, paths);
  return paths;
}

/** Computes (or returns from cache) the upper boundaries of a paired design, in units of W. */
export function signedRankBoundaries(design: SignedRankDesign): SignedRankBoundaries {
  const { minRuns, maxRuns, alpha, spending } = design;
  const key = `${minRuns}:${maxRuns}:${alpha}:${spendingKey(spending)}`;
  const cached = boundaryCache.get(key);
  if (cached) return cached;
  const paths = simulateNullPaths(maxRuns);
  const shifted = spendOverLooks(
    paths,
    maxRuns,
    minRuns,
    (k) => 2 * signedRankMax(k),
    (k) => spentAlpha(spending, alpha, k / maxRuns),
  );
  const upper = shifted.upper.map((threshold, k) => (Number.isFinite(threshold) ? threshold - signedRankMax(k) : Infinity));
  const boundaries: SignedRankBoundaries = { design: { ...design }, upper, spent: shifted.spent };
  boundaryCache.set(key, boundaries);
  return boundaries;
}

/**
 * W of differences (larger is worse) after subtracting `shift` from each: the signed sum of the
 * mid-ranks of the non-zero |d − shift| (zeros dropped, as `scipy.stats.wilcoxon`'s 'wilcox').
 * Its range is that of the non-zero pairs; ties take mid-ranks.
 */
export function signedRankSum(differences: readonly number[], shift = 0): number {
  const nonZero: number[] = [];
  for (const d of differences) {
    const shifted = d - shift;
    if (shifted !== 0) nonZero.push(shifted);
  }
  const order = nonZero.map((_, i) => i).sort((a, b) => Math.abs(nonZero[a]!) - Math.abs(nonZero[b]!));
  let sum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && Math.abs(nonZero[order[end]!]!) === Math.abs(nonZero[order[start]!]!)) end++;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) sum += Math.sign(nonZero[order[i]!]!) * rank;
    start = end;
  }
  return sum;
}
