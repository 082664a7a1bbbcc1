/**
 * One segment of the series in the split search: its best split and the permutation draws of its
 * largest Q̂, each a pure function of the segment's values, its bounds and the seed, so that a
 * later detection can take them over instead of recomputing them (cache.ts).
 *
 * Draw r permutes the segment with the inside-out Fisher–Yates shuffle (Durstenfeld's algorithm
 * run forwards: step i puts point i at a random place j ≤ i and moves what was there to i) driven
 * by its own stream, seeded by (seed, segment start, r). A longer segment with the same start
 * replays the same steps and takes one more per extra point, so the permutation of a segment that
 * grew by k points differs from the old one only at the ≤ 2k places those steps wrote. Every
 * window of the search that holds none of them, and whose limits did not change, keeps its largest
 * Q̂: appending a point to a long segment re-searches about three windows per draw instead of all.
 */
import { createRandom, deriveSeed } from '../../stats/random.js';
import { samePlan, searchWindow, windowPlans, type SegmentLimits, type Split, type WindowPlan } from './energy.js';

/** Longest segment whose permutation distribution is enumerated instead of sampled. */
const EXACT_MAX_POINTS = 8;

/** Counts of the work done, for tests and benchmarks that show what a detection reused. */
export interface SearchWork {
  /** Windows searched (observed values and permutations). */
  windows: number;
  /** Windows whose result was taken over from an earlier search. */
  reused: number;
}

/** What a segment's searches depend on besides its values and bounds. */
export interface SearchSettings {
  seed: number;
  window: number;
  limits: SegmentLimits;
}

/**
 * What a new search may take over: an earlier search of a prefix of its values with the same start
 * (windows reused where unchanged), or what a serialized cache recorded of this very search.
 */
export interface SearchOrigin {
  base?: SegmentSearch | undefined;
  restored?: { observed: ReadonlyArray<Split | undefined>; draws: readonly Float64Array[] };
}

export class SegmentSearch {
  /** The segment's own copy of its values (the series' points start..end−1). */
  readonly values: Float64Array;
  readonly plans: readonly WindowPlan[];
  /** The window and the series' length the plans were made for. */
  readonly window: number;
  readonly length: number;
  /** Mean absolute difference of the values: each Q̂ of the segment is divided by it (see index.ts). */
  readonly scale: number;
  /** The best split of the observed values per window (undefined where none fits), and the best overall, Q̂ scaled. */
  readonly observed: ReadonlyArray<Split | undefined>;
  readonly split: Split | undefined;
  /** Per draw, the unscaled largest Q̂ of each window (−∞ where no split fits). */
  private readonly draws: Array<Float64Array | undefined> = [];
  private readonly maxima: number[] = [];
  private exactMaxima: Float64Array | undefined;
  readonly seed: number;
  readonly limits: Pick<SegmentLimits, 'minSegment' | 'minEdgeSegment'>;
  /** Where the searches this segment makes are counted: the detection that uses it (cache.ts sets it). */
  work: SearchWork;
  /** An earlier search of a prefix of these values with the same start, whose windows may be reused. */
  private base: SegmentSearch | undefined;

  constructor(
    series: ArrayLike<number>,
    readonly start: number,
    readonly end: number,
    settings: SearchSettings,
    work: SearchWork,
    origin: SearchOrigin = {},
  ) {
    this.seed = settings.seed;
    this.window = settings.window;
    this.length = settings.limits.length;
    this.limits = { minSegment: settings.limits.minSegment, minEdgeSegment: settings.limits.minEdgeSegment };
    this.work = work;
    this.values = Float64Array.from({ length: end - start }, (_, i) => series[start + i]!);
    this.plans = windowPlans(start, end, settings.window, settings.limits);
    this.scale = spread(this.values);
    const { base, restored } = origin;
    this.base = base && base.start === start && base.end <= end ? base : undefined;
    if (restored && restored.observed.length === this.plans.length) {
      this.observed = restored.observed;
      restored.draws.forEach((windows, r) => {
        if (windows.length === this.plans.length) this.keepDraw(r, windows);
      });
    } else
      this.observed = this.plans.map((plan, k) => {
        const reused = this.reusable(k, undefined);
        if (!reused) return this.search(this.values, plan);
        work.reused++;
        return reused.observed[reused.planIndex(plan)];
      });
    let best: Split | undefined;
    for (const split of this.observed) if (split && (!best || split.statistic > best.statistic)) best = split;
    this.split = best && { ...best, statistic: best.statistic / this.scale };
  }

  /** Whether this search is the one a segment [start, end) of `series` would make under `settings`: same values and the same windows. */
  matches(series: ArrayLike<number>, end: number, settings: SearchSettings): boolean {
    if (end !== this.end || settings.seed !== this.seed || !this.isPrefixOf(series)) return false;
    const plans = windowPlans(this.start, end, settings.window, settings.limits);
    return plans.length === this.plans.length && plans.every((plan, k) => samePlan(plan, this.plans[k]!));
  }

  /** Whether the series' points from `start` on begin with this segment's values. */
  isPrefixOf(series: ArrayLike<number>): boolean {
    if (series.length < this.end) return false;
    for (let i = 0; i < this.values.length; i++) if (series[this.start + i] !== this.values[i]) return false;
    return true;
  }

  /**
   * Lets go of the earlier search this one was built on, so that a cache kept across many
   * detections does not hold a chain of them. Draws not made yet are then made whole; the result
   * is the same.
   */
  forgetBase(): void {
    this.base = undefined;
  }

  /** Whether the r-th draw is already known (cheap to read). */
  has(r: number): boolean {
    return r < this.maxima.length && this.maxima[r] !== undefined;
  }

  /** The largest Q̂ (scaled) of the r-th permutation (0-based), −∞ when the segment cannot be split. */
  maximum(r: number): number {
    if (!this.has(r)) this.keepDraw(r, this.drawWindows(r));
    return this.maxima[r]!;
  }

  private keepDraw(r: number, windows: Float64Array): void {
    let max = -Infinity;
    for (const value of windows) if (value > max) max = value;
    this.draws[r] = windows;
    this.maxima[r] = max / this.scale;
  }

  /** The draws made so far, for persisting (cache.ts). */
  drawnWindows(): ReadonlyArray<Float64Array | undefined> {
    return this.draws;
  }

  /**
   * Share of all orderings of the segment whose largest Q̂ reaches `threshold`: the exact
   * permutation tail, enumerated once when the segment has at most `EXACT_MAX_POINTS` points
   * (8! = 40,320 orderings); undefined for a longer segment.
   */
  exactTail(threshold: number): number | undefined {
    if (this.values.length > EXACT_MAX_POINTS) return undefined;
    this.exactMaxima ??= this.enumerateMaxima();
    const sorted = this.exactMaxima;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < threshold) low = middle + 1;
      else high = middle;
    }
    return (sorted.length - low) / sorted.length;
  }

  private planIndex(plan: WindowPlan): number {
    // Plans are sorted by start and starts are distinct.
    let low = 0;
    let high = this.plans.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = this.plans[middle]!.start;
      if (start === plan.start) return middle;
      if (start < plan.start) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The base, when its window matching this one's k-th can be reused: same plan and, for a draw, none of `changed` inside it. */
  private reusable(k: number, changed: readonly number[] | undefined): SegmentSearch | undefined {
    const base = this.base;
    if (!base) return undefined;
    const plan = this.plans[k]!;
    const index = base.planIndex(plan);
    if (index < 0 || !samePlan(plan, base.plans[index]!)) return undefined;
    if (changed?.some((position) => position >= plan.start && position < plan.end)) return undefined;
    return base;
  }

  private search(values: ArrayLike<number>, plan: WindowPlan): Split | undefined {
    this.work.windows++;
    return searchWindow(values, plan, this.limits, this.start);
  }

  private drawWindows(r: number): Float64Array {
    const { permuted, changed } = this.permutation(r);
    const baseDraw = this.base?.has(r) ? this.base.draws[r] : undefined;
    return Float64Array.from(this.plans, (plan, k) => {
      if (baseDraw && this.reusable(k, changed)) {
        this.work.reused++;
        return baseDraw[this.base!.planIndex(plan)]!;
      }
      return this.search(permuted, plan)?.statistic ?? -Infinity;
    });
  }

  /** The r-th permutation of the values, and the places written by the steps past the base's length. */
  private permutation(r: number): { permuted: Float64Array; changed: number[] } {
    const random = createRandom(deriveSeed(deriveSeed(this.seed, this.start), r));
    const { values, start } = this;
    const permuted = new Float64Array(values.length);
    const baseLength = this.base ? this.base.values.length : values.length;
    const changed: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const j = random.int(i + 1);
      permuted[i] = permuted[j]!;
      permuted[j] = values[i]!;
      if (i >= baseLength) changed.push(start + i, start + j);
    }
    return { permuted, changed };
  }

  // Heap's algorithm over a copy of the values, one largest Q̂ per ordering, sorted.
  private enumerateMaxima(): Float64Array {
    const order = Float64Array.from(this.values);
    const size = order.length;
    let orderings = 1;
    for (let k = 2; k <= size; k++) orderings *= k;
    const maxima = new Float64Array(orderings);
    const counters = new Int32Array(size);
    const largest = () => {
      let max = -Infinity;
      for (const plan of this.plans) max = Math.max(max, searchWindow(order, plan, this.limits, this.start)?.statistic ?? -Infinity);
      return max / this.scale;
    };
    let written = 0;
    maxima[written++] = largest();
    for (let i = 1; i < size; ) {
      if (counters[i]! < i) {
        const j = i % 2 === 0 ? 0 : counters[i]!;
        const held = order[j]!;
        order[j] = order[i]!;
        order[i] = held;
        maxima[written++] = largest();
        counters[i]!++;
        i = 1;
      } else {
        counters[i] = 0;
        i++;
      }
    }
    return maxima.sort();
  }
}

/**
 * Mean absolute difference of the values (1 when they are all equal). Q̂ is divided by it, so
 * segments with a wider spread do not drown out shifts elsewhere once the series is split. A
 * permutation of the segment leaves it unchanged, so each test stays an exact permutation test.
 */
function spread(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (2 * i - count + 1) * sorted[i]!;
  const pairs = (count * (count - 1)) / 2;
  return pairs > 0 && sum > 0 ? sum / pairs : 1;
}
