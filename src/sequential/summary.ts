/** Running mean and variance of a growing sample, and robust summaries of a fixed one. */

/** Welford's online mean and variance (Welford 1962, Technometrics 4:419–420). */
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

/** Adds one value to the accumulator in place. */
export function addMoment(moments: RunningMoments, value: number): void {
  moments.n += 1;
  const delta = value - moments.mean;
  moments.mean += delta / moments.n;
  moments.m2 += delta * (value - moments.mean);
}

/** Moments of a fixed sample. */
export function momentsOf(values: readonly number[]): RunningMoments {
  const moments = emptyMoments();
  for (const value of values) addMoment(moments, value);
  return moments;
}

/** Sample variance (n − 1 denominator); NaN below two values. */
export function sampleVariance(moments: RunningMoments): number {
  return moments.n < 2 ? Number.NaN : moments.m2 / (moments.n - 1);
}

/** Median of a sorted array (mean of the two middle values for even lengths). */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const middle = n >> 1;
  if (n % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Median of unsorted values. */
export function median(values: readonly number[]): number {
  return sortedMedian(Float64Array.from(values).sort());
}

/**
 * Median absolute deviation scaled by 1.4826, a consistent estimate of σ for normal data that one
 * wild run cannot inflate (Hampel 1974; Rousseeuw & Croux 1993, JASA 88:1273–1283).
 */
export function scaledMad(values: readonly number[]): number {
  const center = median(values);
  return 1.4826 * median(values.map((value) => Math.abs(value - center)));
}
