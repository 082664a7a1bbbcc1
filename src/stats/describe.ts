import { medianSorted, quantileSorted } from 'simple-statistics';
import type { Describe } from '../model/summary.js';
import { normalisingExponent, timesPowerOfTwo } from './scale.js';

/**
 * Descriptive statistics of one arm: n, mean, sample standard deviation (n − 1 denominator),
 * median (average of the two middle values for even n), min and max.
 * Mean and standard deviation come from `meanAndSd`.
 */
export function describe(values: readonly number[]): Describe {
  const n = values.length;
  if (n === 0) throw new RangeError('describe: expected at least one value, received an empty sample');
  const { mean, sd } = meanAndSd(values);
  const sorted = [...values].sort((x, y) => x - y);
  return {
    n,
    mean,
    sd,
    median: medianOfSorted(sorted),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

/**
 * Median of an ascending array (the middle pair's midpoint for even length; NaN when empty):
 * simple-statistics' `medianSorted`, which meets every median golden exactly
 * (test/stats/libraries.test.ts). It reads only `length` and indices, so typed arrays pass too.
 */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  return sorted.length === 0 ? NaN : medianSorted(sorted as readonly number[]);
}

/** Median of unsorted values (NaN when empty). */
export function median(values: readonly number[]): number {
  return medianOfSorted(Float64Array.from(values).sort());
}

/**
 * Median absolute deviation scaled by 1.4826, a consistent estimate of σ for normal data that one
 * wild run cannot inflate (Hampel 1974; Rousseeuw & Croux 1993, JASA 88:1273–1283).
 */
export function scaledMad(values: readonly number[]): number {
  const center = median(values);
  return 1.4826 * median(values.map((value) => Math.abs(value - center)));
}

/**
 * Sample quantile of an ascending array, linear between order statistics (Hyndman & Fan type 7,
 * NumPy's default): simple-statistics' `quantileSorted`, within 3e-16 of the exact goldens.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  return quantileSorted(sorted as readonly number[], p);
}

/**
 * Sample mean and standard deviation (n − 1 denominator; NaN below two values), accurate over
 * the whole range of finite doubles. This is mlreg's one implementation of both, hand-written
 * because simple-statistics' `mean` and `sampleStandardDeviation` overflow to Infinity on the
 * 1e308-scale goldens (test/stats/libraries.test.ts):
 * - the values are scaled by a power of two to magnitude about 1 (exact), so no sum or square
 *   overflows near 1e308 or underflows near 1e-300;
 * - the mean is a compensated sum (Neumaier 1974, ZAMM 54:39–51) divided by n;
 * - the sum of squares is the corrected two-pass formula Σd² − (Σd)²/n on d = x − mean
 *   (Chan, Golub & LeVeque 1983, Am. Stat. 37:242–247), which keeps the digits a one-pass
 *   (Welford) update loses on data such as 1e9 ± 1e-3.
 */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  if (isConstant(values)) return { mean: values[0]!, sd: n > 1 ? 0 : NaN };
  const exponent = normalisingExponent(values);
  const half = Math.trunc(exponent / 2);
  const first = 2 ** half;
  const second = 2 ** (exponent - half);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]! * first * second;
    const next = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum;
    sum = next;
  }
  const mean = (sum + compensation) / n;
  let deviationSum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! * first * second - mean;
    deviationSum += d;
    squares += d * d;
  }
  const sumOfSquares = Math.max(0, squares - (deviationSum * deviationSum) / n);
  return {
    mean: timesPowerOfTwo(mean + deviationSum / n, -exponent),
    sd: n > 1 ? timesPowerOfTwo(Math.sqrt(sumOfSquares / (n - 1)), -exponent) : NaN,
  };
}

/** Whether every value equals the first (their mean is then that value and their spread exactly 0). */
function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/** Sample mean (NaN for no values), from `meanAndSd`: exact to rounding over the whole double range. */
export function mean(values: ArrayLike<number>): number {
  return meanAndSd(values).mean;
}

/**
 * Sample mean and unbiased variance, from `meanAndSd`. The variance itself overflows for a
 * standard deviation above about 1.3e154: scale-invariant tests normalise their arms first
 * (`normaliseArms`).
 */
export function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const { mean, sd } = meanAndSd(values);
  return { mean, variance: sd * sd };
}
