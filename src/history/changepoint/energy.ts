/**
 * The divergence statistic of E-divisive means (Matteson & James, "A Nonparametric Approach for
 * Multiple Change Point Analysis of Multivariate Data", JASA 109(505), 2014, eq. 4–5), with the
 * exponent α = 1 as Apache Otava and MongoDB's signal-processing library use it.
 *
 * For a split of the segment [start, end) into X = [start, τ) and Y = [τ, end), m = |X|, n = |Y|:
 *   Ê(X, Y) = 2/(mn) Σ|x − y| − (m choose 2)⁻¹ Σ_{i<j}|x_i − x_j| − (n choose 2)⁻¹ Σ_{i<j}|y_i − y_j|
 *   Q̂(τ)   = mn/(m + n) · Ê(X, Y)
 * Q̂ is large when the two sides are far apart relative to their own spread.
 */

export interface Split {
  /** First index of the right-hand part. */
  index: number;
  /** Q̂ at that split. */
  statistic: number;
}

/**
 * The split τ of `values[start, end)` that maximises Q̂(τ), with both parts at least `minSegment`
 * long, or undefined when the segment is too short. O(L²) for a segment of length L: moving τ
 * one step moves one value from Y to X and updates the three distance sums.
 */
export function bestSplit(values: readonly number[], start: number, end: number, minSegment: number): Split | undefined {
  const first = start + minSegment;
  const last = end - minSegment;
  if (first > last) return undefined;

  let withinX = 0;
  let withinY = 0;
  let between = 0;
  for (let i = start; i < end; i++) {
    for (let j = i + 1; j < end; j++) {
      const d = Math.abs((values[i] as number) - (values[j] as number));
      if (j < first) withinX += d;
      else if (i >= first) withinY += d;
      else between += d;
    }
  }

  let best: Split | undefined;
  for (let tau = first; ; tau++) {
    const m = tau - start;
    const n = end - tau;
    const divergence = (2 * between) / (m * n) - (2 * withinX) / (m * (m - 1)) - (2 * withinY) / (n * (n - 1));
    const statistic = ((m * n) / (m + n)) * divergence;
    if (!best || statistic > best.statistic) best = { index: tau, statistic };
    if (tau === last) break;
    // Move values[tau] from Y to X.
    const moving = values[tau] as number;
    let toX = 0;
    for (let i = start; i < tau; i++) toX += Math.abs(moving - (values[i] as number));
    let toY = 0;
    for (let j = tau + 1; j < end; j++) toY += Math.abs(moving - (values[j] as number));
    withinX += toX;
    withinY -= toY;
    between += toY - toX;
  }
  return best;
}
