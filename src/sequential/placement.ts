/**
 * Placements of candidate runs among the baseline runs: the building block of the rank-sum
 * (Mann–Whitney) statistic when one arm is fixed and the other grows one run at a time.
 */

/** Sorts a copy of the values ascending. */
export function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Number of sorted values strictly below x (binary search). */
function countBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? 0) < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Number of sorted values at or below x (binary search). */
function countAtOrBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? 0) <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The placement of x among the sorted baseline: how many baseline values lie below it, ties
 * counting one half (mid-ranks). Summed over candidate runs it is the Mann–Whitney U of the
 * candidate against the baseline (Mann & Whitney 1947; Orban & Wolfe 1982, "A class of
 * distribution-free two-sample tests based on placements", JASA 77:666–672).
 */
export function placement(sorted: Float64Array, x: number, offset = 0): number {
  const below = countBelow(sorted, x - offset);
  const atOrBelow = countAtOrBelow(sorted, x - offset);
  return below + (atOrBelow - below) / 2;
}
