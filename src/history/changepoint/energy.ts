/**
 * The divergence statistic of E-divisive means (Matteson & James, "A Nonparametric Approach for
 * Multiple Change Point Analysis of Multivariate Data", JASA 109(505), 2014, eq. 4–6), with the
 * exponent α = 1 as Apache Otava and MongoDB's signal-processing library use it.
 *
 * For a window starting at s, a split τ and a right end κ (s < τ < κ), X = [s, τ), Y = [τ, κ),
 * m = |X|, n = |Y|:
 *   Q̂(τ, κ) = 2/(m+n) Σ|x − y| − 2n/((m+n)(m−1)) Σ_{i<j}|x_i − x_j| − 2m/((m+n)(n−1)) Σ_{i<j}|y_i − y_j|
 * (a within-part term is 0 when that part has a single point, as in Otava). Maximising over κ as
 * well as τ (Matteson & James §2.2) lets Y end before the segment does, so a transient shift that
 * was later reverted stands out as strongly as a lasting one.
 */

/** Fewest points a part may have, by where it lies. */
export interface SegmentLimits {
  /** Length of the whole series: a part touching index 0 or this end is at the series' edge. */
  length: number;
  /** Fewest points of a segment inside the series. */
  minSegment: number;
  /** Fewest points of the first or last segment of the series. */
  minEdgeSegment: number;
}

export interface Split {
  /** First index of the right-hand part (the change point). */
  index: number;
  /** Right end (exclusive) of the part Y that maximised Q̂. */
  end: number;
  /** Q̂ at that split. */
  statistic: number;
}

/** Reusable buffers for the window search (one per detection, sized to the window). */
export class SplitScratch {
  /** toStart[j]: Σ |v_i − v_j| over i in [s, j) for the current window. */
  readonly toStart: Float64Array;
  /** toX[j]: Σ |v_i − v_j| over i in [s, τ) for the current τ. */
  readonly toX: Float64Array;
  /** reciprocal[k] = 1/k, so the inner loop multiplies instead of dividing. */
  readonly reciprocal: Float64Array;

  constructor(window: number) {
    this.toStart = new Float64Array(window);
    this.toX = new Float64Array(window);
    this.reciprocal = Float64Array.from({ length: window + 1 }, (_, k) => (k > 0 ? 1 / k : 0));
  }
}

/**
 * The split of `values[segmentStart, segmentEnd)` maximising Q̂ over τ and κ inside windows of at
 * most `window` points: windows start every ⌊window/2⌋ points from the segment's start, and one
 * more ends at the segment's end, so the newest points always have a full window before them.
 * A segment no longer than the window is searched whole (Matteson & James exactly). Both
 * segments a split leaves, and Y itself, keep the limits; undefined when no split fits.
 * Cost O(L · window) for a segment of length L.
 */
export function bestSplit(values: Float64Array, segmentStart: number, segmentEnd: number, window: number, limits: SegmentLimits, scratch: SplitScratch): Split | undefined {
  let best: Split | undefined;
  for (const start of windowStarts(segmentStart, segmentEnd, window)) {
    const split = bestSplitInWindow(values, start, Math.min(start + window, segmentEnd), segmentStart, segmentEnd, limits, scratch);
    if (split && (!best || split.statistic > best.statistic)) best = split;
  }
  return best;
}

/** Starts of the windows that cover [segmentStart, segmentEnd): every half window, plus one ending at the segment's end. */
export function windowStarts(segmentStart: number, segmentEnd: number, window: number): number[] {
  if (segmentEnd - segmentStart <= window) return [segmentStart];
  const step = Math.max(1, Math.floor(window / 2));
  const starts: number[] = [];
  for (let s = segmentStart; s + window < segmentEnd; s += step) starts.push(s);
  starts.push(segmentEnd - window);
  return starts;
}

function bestSplitInWindow(values: Float64Array, s: number, e: number, segmentStart: number, segmentEnd: number, limits: SegmentLimits, scratch: SplitScratch): Split | undefined {
  const { length, minSegment, minEdgeSegment } = limits;
  const leftMin = segmentStart === 0 ? minEdgeSegment : minSegment;
  const rightMin = segmentEnd === length ? minEdgeSegment : minSegment;
  const xMin = s === 0 ? minEdgeSegment : minSegment;
  const firstTau = Math.max(s + xMin, segmentStart + leftMin) - s;
  const lastTau = Math.min(e - 1, segmentEnd - rightMin) - s;
  if (firstTau > lastTau) return undefined;
  // Y may be shorter than minSegment only where it ends the series.
  const lastShortKappa = e === length ? e - s : -1;

  const { toStart, toX, reciprocal } = scratch;
  const size = e - s;
  for (let j = 0; j < size; j++) {
    const vj = values[s + j]!;
    let sum = 0;
    for (let i = 0; i < j; i++) sum += Math.abs(values[s + i]! - vj);
    toStart[j] = sum;
    toX[j] = 0;
  }

  let bestStatistic = -Infinity;
  let bestTau = -1;
  let bestKappa = -1;
  let withinX = 0;
  // τ and κ are local indices; toX[j] holds Σ|v_i − v_j| for i in [s, s + τ) and j ≥ τ.
  for (let tau = 1; tau <= lastTau; tau++) {
    const entering = values[s + tau - 1]!;
    withinX += toStart[tau - 1]!;
    for (let j = tau; j < size; j++) toX[j] = toX[j]! + Math.abs(entering - values[s + j]!);
    if (tau < firstTau) continue;
    const m = tau;
    const xTerm = m > 1 ? withinX * reciprocal[m - 1]! : 0;
    let between = 0;
    let withinY = 0;
    for (let kappa = tau + 1; kappa <= size; kappa++) {
      const j = kappa - 1;
      const toXj = toX[j]!;
      between += toXj;
      withinY += toStart[j]! - toXj;
      const n = kappa - tau;
      if (n < minSegment && (n < minEdgeSegment || kappa !== lastShortKappa)) continue;
      const yTerm = n > 1 ? m * withinY * reciprocal[n - 1]! : 0;
      const statistic = 2 * (between - n * xTerm - yTerm) * reciprocal[m + n]!;
      if (statistic > bestStatistic) (bestStatistic = statistic), (bestTau = tau), (bestKappa = kappa);
    }
  }
  return bestTau < 0 ? undefined : { index: s + bestTau, end: s + bestKappa, statistic: bestStatistic };
}
