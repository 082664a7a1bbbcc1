/** Mean and variance of a growing sample. */
import { meanAndSd } from '../stats/describe.js';

/** Mean and sum of squared deviations of a sample (recomputed from the values as the sample grows). */
export interface RunningMoments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

/** An empty accumulator. */
export function emptyMoments(): RunningMoments {
  return { n: 0, mean: 0, m2: 0 };
}

/**
 * Moments of a sample, from the statistics' one mean-and-sd implementation (two-pass, accurate
 * over the whole double range: see `meanAndSd`), not a one-pass update that loses digits.
 */
export function momentsOf(values: readonly number[]): RunningMoments {
  if (values.length === 0) return emptyMoments();
  const { mean, sd } = meanAndSd(values);
  return { n: values.length, mean, m2: values.length > 1 ? sd * sd * (values.length - 1) : 0 };
}

/** Sample variance (n − 1 denominator); NaN below two values. */
export function sampleVariance(moments: RunningMoments): number {
  return moments.n < 2 ? Number.NaN : moments.m2 / (moments.n - 1);
}
