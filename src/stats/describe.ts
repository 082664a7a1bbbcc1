import type { Describe } from '../verdict/types.js';

/**
 * Descriptive statistics of one arm: n, mean, sample standard deviation (n − 1 denominator),
 * median (average of the two middle values for even n), min and max.
 * Mean and variance use Welford's one-pass update for numerical stability
 * (Welford 1962, "Note on a method for calculating corrected sums of squares and products").
 */
export function describe(values: readonly number[]): Describe {
  const n = values.length;
  if (n === 0) throw new RangeError('describe: expected at least one value, received an empty sample');
  let mean = 0;
  let m2 = 0;
  values.forEach((x, i) => {
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  });
  const sorted = [...values].sort((x, y) => x - y);
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN,
    median: medianOfSorted(sorted),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

/** Median of an ascending array (average of the middle pair for even length). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sample mean and unbiased variance. */
export function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { mean, variance: values.length > 1 ? m2 / (values.length - 1) : NaN };
}
