/**
 * Stopping boundaries for the sequential rank-sum statistic against a fixed baseline.
 *
 * Under the null hypothesis (baseline and candidate runs from one continuous distribution) the
 * ranks of all runs are a uniformly random permutation, so the whole path U(1), U(2), … of the
 * candidate's Mann–Whitney statistic has a distribution that does not depend on the metric's
 * distribution, the baseline's size aside. The boundaries are therefore computed once, from
 * uniform samples, and hold for normal, skewed, heavy-tailed or bimodal metrics alike; and because
 * the simulation draws a fresh baseline for every path, they include the baseline's own sampling
 * error (the looks share one baseline, which makes the placements dependent).
 *
 * The boundary at each look spends the error budget given by a Lan–DeMets spending function
 * (Lan & DeMets 1983, Biometrika 70:659–663) on the simulated null paths that have not crossed
 * yet — the Monte Carlo construction of group-sequential rank boundaries of Mathieu et al. (2023),
 * "AdaStop: adaptive statistical testing for sound comparisons of deep RL agents", arXiv:2306.10882,
 * here with looks after every run and the spending function in place of a fixed per-look split.
 */

import { createRandom } from '../stats/random.js';
import { informationFraction, spendingKey, spentAlpha, type SpendingFunction } from './spending.js';

export interface BoundaryDesign {
  baselineSize: number;
  minRuns: number;
  maxRuns: number;
  /** One-sided error budget spent over all looks. */
  alpha: number;
  spending: SpendingFunction;
}

/**
 * Upper boundaries: `upper[k]` is the smallest U(k) that rejects at look k (k = 1 … maxRuns;
 * Infinity before minRuns or where no budget is left). By symmetry of the null the lower boundary
 * is k·n0 − upper[k].
 */
export interface RankBoundaries {
  design: BoundaryDesign;
  upper: Float64Array;
  /** Cumulative one-sided budget allowed by look k. */
  spent: Float64Array;
}

/** Null paths simulated per design; the Monte Carlo error of the spent budget is about √(α/PATHS). */
export const PATHS = 100_000;
const CALIBRATION_SEED = 20_230_615;

const pathCache = new Map<string, Int32Array>();
const boundaryCache = new Map<string, RankBoundaries>();

/**
 * Simulates null paths of U(k), k = 1 … maxRuns, for a baseline of n0 runs: row-major, one row
 * per path. Placements are integers because simulated data have no ties.
 */
function simulateNullPaths(baselineSize: number, maxRuns: number): Int32Array {
  const key = `${baselineSize}:${maxRuns}`;
  const cached = pathCache.get(key);
  if (cached) return cached;
  const random = createRandom(CALIBRATION_SEED + baselineSize * 1009 + maxRuns);
  const paths = new Int32Array(PATHS * maxRuns);
  const baseline = new Float64Array(baselineSize);
  for (let path = 0; path < PATHS; path++) {
    // Sorted uniforms without sorting: normalised partial sums of n0 + 1 exponential spacings
    // (Devroye 1986, "Non-Uniform Random Variate Generation", §V.2).
    let total = 0;
    for (let i = 0; i < baselineSize; i++) {
      total -= Math.log(1 - random.next());
      baseline[i] = total;
    }
    total -= Math.log(1 - random.next());
    for (let i = 0; i < baselineSize; i++) baseline[i] = (baseline[i] ?? 0) / total;
    let sum = 0;
    for (let k = 0; k < maxRuns; k++) {
      const x = random.next();
      let low = 0;
      let high = baselineSize;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((baseline[mid] ?? 0) < x) low = mid + 1;
        else high = mid;
      }
      sum += low;
      paths[path * maxRuns + k] = sum;
    }
  }
  // Keep only the latest few path sets: they are large and a process rarely needs more.
  if (pathCache.size >= 2) pathCache.delete(pathCache.keys().next().value ?? '');
  pathCache.set(key, paths);
  return paths;
}

/**
 * Upper boundaries from simulated null paths (`paths`, row-major, `maxRuns` looks per path, each
 * statistic an integer in 0 … maxStatistic(k)): at each look k ≥ minRuns the smallest threshold such
 * that the paths crossing at k or earlier stay within the cumulative budget `budget(k)`.
 */
export function spendOverLooks(
  paths: Int32Array,
  maxRuns: number,
  minRuns: number,
  maxStatistic: (k: number) => number,
  budget: (k: number) => number,
): { upper: Float64Array; spent: Float64Array } {
  const pathCount = paths.length / maxRuns;
  const upper = new Float64Array(maxRuns + 1).fill(Infinity);
  const spent = new Float64Array(maxRuns + 1);
  const crossed = new Uint8Array(pathCount);
  let crossings = 0;
  for (let k = minRuns; k <= maxRuns; k++) {
    spent[k] = budget(k);
    const allowed = allowedCrossings(spent[k]!) - crossings;
    const maxU = maxStatistic(k);
    // Histogram of the statistic at look k over the paths still running, then the threshold from the top.
    const histogram = new Int32Array(maxU + 1);
    for (let path = 0; path < pathCount; path++) {
      if (crossed[path] === 0) histogram[paths[path * maxRuns + k - 1] ?? 0]! += 1;
    }
    let threshold = maxU + 1;
    let tail = 0;
    while (threshold > 0 && tail + (histogram[threshold - 1] ?? 0) <= allowed) {
      threshold -= 1;
      tail += histogram[threshold] ?? 0;
    }
    if (threshold > maxU) continue;
    upper[k] = threshold;
    for (let path = 0; path < pathCount; path++) {
      if (crossed[path] === 0 && (paths[path * maxRuns + k - 1] ?? 0) >= threshold) {
        crossed[path] = 1;
        crossings += 1;
      }
    }
  }
  return { upper, spent };
}

/**
 * The number of crossings a budget allows among the simulated paths, lowered by two Monte Carlo
 * standard errors so that the true error rate stays at or below the target despite simulation noise.
 */
function allowedCrossings(budget: number): number {
  const expected = budget * PATHS;
  return Math.max(0, Math.floor(expected - 2 * Math.sqrt(expected)));
}

/**
 * Computes (or returns from cache) the upper boundaries of a design: at each look k ≥ minRuns,
 * the smallest threshold such that the simulated paths crossing at k or earlier do not exceed
 * the cumulative budget α(t_k) of the spending function.
 */
export function rankBoundaries(design: BoundaryDesign): RankBoundaries {
  const { baselineSize, minRuns, maxRuns, alpha, spending } = design;
  const key = `${baselineSize}:${minRuns}:${maxRuns}:${alpha}:${spendingKey(spending)}`;
  const cached = boundaryCache.get(key);
  if (cached) return cached;

  const paths = simulateNullPaths(baselineSize, maxRuns);
  const { upper, spent } = spendOverLooks(
    paths,
    maxRuns,
    minRuns,
    (k) => k * baselineSize,
    (k) => spentAlpha(spending, alpha, informationFraction(k, baselineSize, maxRuns)),
  );
  const boundaries: RankBoundaries = { design: { ...design }, upper, spent };
  boundaryCache.set(key, boundaries);
  return boundaries;
}
