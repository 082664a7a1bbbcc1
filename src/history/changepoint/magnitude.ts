/**
 * The size of a change point and the removal of those too small to matter, as Otava's merge step
 * does it (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance
 * Regressions", ICPE 2023, §4.3): drop the smallest change below the threshold, recompute its
 * neighbours' means (their segments just grew), repeat.
 */

/** Relative change of the mean, the larger of |after/before − 1| and |before/after − 1|; a zero mean counts as no change that way. */
export function relativeMagnitude(meanBefore: number, meanAfter: number): number {
  const forward = meanBefore === 0 ? 0 : Math.abs(meanAfter / meanBefore - 1);
  const backward = meanAfter === 0 ? 0 : Math.abs(meanBefore / meanAfter - 1);
  return Math.max(forward, backward);
}

/**
 * `changes` (sorted by index) with the means of their neighbouring segments, after removing, one
 * at a time and smallest first, every change whose relative magnitude is below `minMagnitude`.
 */
export function dropSmallChanges<T extends { index: number }>(
  values: ArrayLike<number>,
  changes: readonly T[],
  minMagnitude: number,
): Array<T & { meanBefore: number; meanAfter: number }> {
  let kept = [...changes];
  for (;;) {
    const described = describe(values, kept);
    let smallest = -1;
    let smallestMagnitude = Infinity;
    described.forEach((change, k) => {
      const magnitude = relativeMagnitude(change.meanBefore, change.meanAfter);
      if (magnitude < minMagnitude && magnitude < smallestMagnitude) (smallest = k), (smallestMagnitude = magnitude);
    });
    if (smallest < 0) return described;
    kept = kept.filter((_, k) => k !== smallest);
  }
}

function describe<T extends { index: number }>(values: ArrayLike<number>, changes: readonly T[]): Array<T & { meanBefore: number; meanAfter: number }> {
  const bounds = [0, ...changes.map((change) => change.index), values.length];
  return changes.map((change, k) => ({
    ...change,
    meanBefore: mean(values, bounds[k] as number, change.index),
    meanAfter: mean(values, change.index, bounds[k + 2] as number),
  }));
}

function mean(values: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i] as number;
  return sum / (end - start);
}
