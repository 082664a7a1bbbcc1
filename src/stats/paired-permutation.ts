import { pairedDifferences } from './paired-differences.js';
import { createRandom } from './random.js';
import type { PairedPermutationResult } from '../model/evidence.js';

export interface PairedPermutationOptions {
  /** Enumerate all 2^n sign assignments up to this many pairs (default 32, by meeting in the middle). */
  maxExactPairs?: number;
  /** Monte Carlo resamples beyond it (default 9,999, as SciPy's `n_resamples`). */
  resamples?: number;
  /** Seed of the Monte Carlo resampling (default 0). */
  seed?: number;
}

const DEFAULT_MAX_EXACT_PAIRS = 32;
const DEFAULT_RESAMPLES = 9_999;

/**
 * Paired permutation (sign-flip) test of the mean difference, candidate − baseline: under the null
 * hypothesis that the two runs of each pair are exchangeable, each difference is as likely to have
 * either sign, so the reference distribution flips every difference's sign independently (Fisher
 * 1935, The Design of Experiments §21; Good 2005, Permutation Tests ch. 3). Exact whatever the
 * within-pair correlation: from independent arms to identical runs, where every difference is 0
 * and the test returns p = 1. The mean is equivalent to the paired t statistic here, because
 * Σ d² does not change when signs flip.
 * Exact up to `maxExactPairs` pairs: the 2^n sums are counted by meeting in the middle (two sorted
 * lists of 2^(n/2) half-sums), so 32 pairs take milliseconds; beyond that seeded Monte Carlo with
 * p = (b + 1)/(R + 1) per side (Phipson & Smyth 2010). Matches `scipy.stats.permutation_test((c, b),
 * mean(x − y), permutation_type='samples', alternative='two-sided')` in its exact mode. Sums that
 * differ from the observed one by rounding alone (within 1e-12 of Σ|d|) count as ties.
 */
export function pairedPermutationTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>, options: PairedPermutationOptions = {}): PairedPermutationResult {
  const differences = pairedDifferences(baseline, candidate, 'pairedPermutationTest');
  const n = differences.length;
  let observed = 0;
  let absoluteSum = 0;
  for (const d of differences) {
    observed += d;
    absoluteSum += Math.abs(d);
  }
  const statistic = observed / n;
  if (absoluteSum === 0) return { statistic: 0, pValue: 1, method: 'exact', resamples: 2 ** Math.min(n, 1023) };
  const tolerance = 1e-12 * absoluteSum;
  const maxExact = options.maxExactPairs ?? DEFAULT_MAX_EXACT_PAIRS;
  if (n <= maxExact) {
    const { atMost, atLeast, total } = countExact(differences, observed, tolerance);
    return { statistic, pValue: Math.min(1, (2 * Math.min(atMost, atLeast)) / total), method: 'exact', resamples: total };
  }
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const random = createRandom(options.seed ?? 0);
  let atMost = 0;
  let atLeast = 0;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (const d of differences) sum += random.next() < 0.5 ? -d : d;
    if (sum <= observed + tolerance) atMost += 1;
    if (sum >= observed - tolerance) atLeast += 1;
  }
  const pValue = Math.min(1, (2 * (Math.min(atMost, atLeast) + 1)) / (resamples + 1));
  return { statistic, pValue, method: 'monte-carlo', resamples };
}

/** The smallest two-sided p the exact sign-flip test can give with n pairs: 2/2^n. */
export function smallestPairedPermutationPValue(pairs: number): number {
  return Math.min(1, 2 / 2 ** pairs);
}

/** Every signed sum of a set of values, depth first (each sum adds at most n terms, so rounding stays at n ulps). */
function signedSums(values: ArrayLike<number>, from: number, to: number): Float64Array {
  const sums = new Float64Array(2 ** (to - from));
  let filled = 0;
  const walk = (index: number, sum: number): void => {
    if (index === to) {
      sums[filled++] = sum;
      return;
    }
    walk(index + 1, sum + values[index]!);
    walk(index + 1, sum - values[index]!);
  };
  walk(from, 0);
  return sums.sort();
}

/** How many of the 2^n sign assignments give a sum ≤ and ≥ the observed one (within the tolerance). */
function countExact(differences: Float64Array, observed: number, tolerance: number): { atMost: number; atLeast: number; total: number } {
  const half = differences.length >> 1;
  const left = signedSums(differences, 0, half);
  const right = signedSums(differences, half, differences.length);
  const total = left.length * right.length;
  // For each left sum a, count the right sums b with a + b ≤ observed + tol (pointer moves down as a grows).
  let atMost = 0;
  let pointer = right.length;
  for (const a of left) {
    while (pointer > 0 && a + right[pointer - 1]! > observed + tolerance) pointer--;
    atMost += pointer;
  }
  let below = 0;
  pointer = right.length;
  for (const a of left) {
    while (pointer > 0 && a + right[pointer - 1]! >= observed - tolerance) pointer--;
    below += pointer;
  }
  return { atMost, atLeast: total - below, total };
}
