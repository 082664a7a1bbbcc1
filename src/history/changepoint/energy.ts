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

/** Reusable buffers for the window search, sized to the largest window searched so far. */
class SplitScratch {
  /** toStart[j]: Σ |v_i − v_j| over i in [s, j) for the current window. */
  readonly toStart: Float64Array;
  /** toX[j]: Σ |v_i − v_j| over i in [s, τ) for the current τ. */
  readonly toX: Float64Array;
  /** reciprocal[k] = 1/k, so the inner loop multiplies instead of dividing. */
  readonly reciprocal: Float64Array;

  constructor(readonly size: number) {
    this.toStart = new Float64Array(size);
    this.toX = new Float64Array(size);
    this.reciprocal = Float64Array.from({ length: size + 1 }, (_, k) => (k > 0 ? 1 / k : 0));
  }
}

// One set of buffers serves every search: a window search runs to its end before the next starts.
let scratch = new SplitScratch(64);
function scratchFor(size: number): SplitScratch {
  if (scratch.size < size) scratch = new SplitScratch(Math.max(size, 2 * scratch.size));
  return scratch;
}

/**
 * One window of a segment's split search with the range of τ and κ allowed in it: with the values
 * in [start, end), all its best split depends on. Two searches whose plans are equal and whose
 * values agree in the window find the same split, which is what lets a detection reuse windows.
 */
export interface WindowPlan {
  start: number;
  end: number;
  /** Smallest and largest τ − start. */
  firstTau: number;
  lastTau: number;
  /** κ − start at which Y may be shorter than minSegment (where it ends the series); −1 when none. */
  lastShortKappa: number;
}

export function samePlan(a: WindowPlan, b: WindowPlan): boolean {
  return a.start === b.start && a.end === b.end && a.firstTau === b.firstTau && a.lastTau === b.lastTau && a.lastShortKappa === b.lastShortKappa;
}

/**
 * The split of `values[segmentStart, segmentEnd)` maximising Q̂ over τ and κ inside windows of at
 * most `window` points (see windowPlans). Both segments a split leaves, and Y itself, keep the
 * limits; undefined when no split fits. Cost O(L · window) for a segment of length L.
 */
export function bestSplit(values: ArrayLike<number>, segmentStart: number, segmentEnd: number, window: number, limits: SegmentLimits): Split | undefined {
  let best: Split | undefined;
  for (const plan of windowPlans(segmentStart, segmentEnd, window, limits)) {
    const split = searchWindow(values, plan, limits);
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

/**
 * The windows a split search of `[segmentStart, segmentEnd)` looks at: windows of `window` points
 * starting every half window from the segment's start, and one more ending at the segment's end,
 * so the newest points always have a full window before them (a segment no longer than the
 * window is one window: Matteson & James exactly). Windows where no split fits are left out.
 * Appending a point to a segment changes only its last window (and may add one before it).
 */
export function windowPlans(segmentStart: number, segmentEnd: number, window: number, limits: SegmentLimits): WindowPlan[] {
  const { length, minSegment, minEdgeSegment } = limits;
  const leftMin = segmentStart === 0 ? minEdgeSegment : minSegment;
  const rightMin = segmentEnd === length ? minEdgeSegment : minSegment;
  const plans: WindowPlan[] = [];
  for (const s of windowStarts(segmentStart, segmentEnd, window)) {
    const e = Math.min(s + window, segmentEnd);
    const xMin = s === 0 ? minEdgeSegment : minSegment;
    const firstTau = Math.max(s + xMin, segmentStart + leftMin) - s;
    const lastTau = Math.min(e - 1, segmentEnd - rightMin) - s;
    if (firstTau > lastTau) continue;
    plans.push({ start: s, end: e, firstTau, lastTau, lastShortKappa: e === length ? e - s : -1 });
  }
  return plans;
}

/**
 * The best split inside one window. `values` is indexed from `offset`: values[i − offset] is the
 * series' point i, so a segment can search a copy of its own points.
 */
export function searchWindow(values: ArrayLike<number>, plan: WindowPlan, limits: Pick<SegmentLimits, 'minSegment' | 'minEdgeSegment'>, offset = 0): Split | undefined {
  const { minSegment, minEdgeSegment } = limits;
  const { firstTau, lastTau, lastShortKappa } = plan;
  const s = plan.start - offset;
  const size = plan.end - plan.start;
  const { toStart, toX, reciprocal } = scratchFor(size);
  for (let j = 0; j < size; j++) {
    const vj = values[s + j]!;
    let sum = 0;
    for (let i = 0; i < j; i++) sum += Math.abs(values[s + i]! - vj);
    toStart[j] = sum;
    toX[j] = 0;
  }

  // Q̂ / 2 is maximised (doubling is exact, so the maximum doubled is Q̂'s); reciprocal[0] = 0 makes
  // the within-part term of a one-point part 0 without a branch.
  let best = -Infinity;
  let bestTau = -1;
  let bestKappa = -1;
  let withinX = 0;
  // τ and κ are local indices; toX[j] holds Σ|v_i − v_j| for i in [s, s + τ) and j ≥ τ.
  for (let tau = 1; tau <= lastTau; tau++) {
    const entering = values[s + tau - 1]!;
    withinX += toStart[tau - 1]!;
    if (tau < firstTau) {
      for (let j = tau; j < size; j++) toX[j] = toX[j]! + Math.abs(entering - values[s + j]!);
      continue;
    }
    const m = tau;
    const xTerm = withinX * reciprocal[m - 1]!;
    let between = 0;
    let withinY = 0;
    // One pass both moves point τ − 1 into X (toX) and scans κ. Y shorter than minSegment counts
    // only where it ends the series (κ = lastShortKappa, at least minEdgeSegment points).
    const fullFrom = tau + minSegment; // the first κ where Y has minSegment points
    for (let kappa = tau + 1; kappa <= size; kappa++) {
      const j = kappa - 1;
      const toXj = toX[j]! + Math.abs(entering - values[s + j]!);
      toX[j] = toXj;
      between += toXj;
      withinY += toStart[j]! - toXj;
      const n = kappa - tau;
      if (kappa < fullFrom && (kappa !== lastShortKappa || n < minEdgeSegment)) continue;
      const half = (between - n * xTerm - m * withinY * reciprocal[n - 1]!) * reciprocal[m + n]!;
      if (half > best) (best = half), (bestTau = tau), (bestKappa = kappa);
    }
  }
  return bestTau < 0 ? undefined : { index: plan.start + bestTau, end: plan.start + bestKappa, statistic: 2 * best };
}
