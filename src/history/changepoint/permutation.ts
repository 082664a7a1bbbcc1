/**
 * The permutation null of E-divisive's split statistic, one segment at a time. Under "no further
 * change", the values of each current segment are exchangeable; permuting within every segment
 * and taking the largest Q̂ over all segments gives one draw of the statistic's null (Matteson &
 * James 2014, §3.2). Segments are permuted independently, so each keeps its own draws: when a
 * segment splits, only its two halves need new ones, and the rest are reused by every later test.
 */
import { createRandom, type Random } from '../../stats/random.js';
import { shuffleRange } from '../../stats/shuffle.js';
import { bestSplit, type SegmentLimits, type SplitScratch } from './energy.js';

export interface SearchSettings {
  window: number;
  limits: SegmentLimits;
  scratch: SplitScratch;
}

/** The largest Q̂ of successive random permutations of one segment, drawn on demand and kept. */
export class SegmentNull {
  private readonly maxima: number[] = [];
  private readonly random: Random;

  /**
   * @param shuffled a series-length array this segment alone permutes in place (its range starts as the observed values)
   * @param scale what every Q̂ of this segment is divided by
   * @param seed the detection's seed; the segment's own stream is derived from it and the segment's bounds
   */
  constructor(
    private readonly shuffled: Float64Array,
    readonly start: number,
    readonly end: number,
    private readonly scale: number,
    seed: number,
    private readonly settings: SearchSettings,
  ) {
    this.random = createRandom(mixSeed(seed, start, end));
  }

  /** The largest Q̂ of the r-th permutation (0-based), −∞ when the segment cannot be split. */
  maximum(r: number): number {
    while (this.maxima.length <= r) this.maxima.push(this.drawMaximum());
    return this.maxima[r] as number;
  }

  /**
   * Share of all orderings of the segment whose largest Q̂ reaches `threshold`: the exact
   * permutation tail, enumerated once when the segment has at most `EXACT_MAX_POINTS` points
   * (8! = 40,320 orderings); undefined for a longer segment.
   */
  exactTail(threshold: number): number | undefined {
    const size = this.end - this.start;
    if (size > EXACT_MAX_POINTS) return undefined;
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

  private exactMaxima: Float64Array | undefined;

  // Heap's algorithm over the segment's range of `shuffled`, one largest Q̂ per ordering, sorted.
  private enumerateMaxima(): Float64Array {
    const { start, end, shuffled } = this;
    const size = end - start;
    const saved = shuffled.slice(start, end);
    let orderings = 1;
    for (let k = 2; k <= size; k++) orderings *= k;
    const maxima = new Float64Array(orderings);
    const counters = new Int32Array(size);
    let written = 0;
    maxima[written++] = this.searchShuffled();
    for (let i = 1; i < size; ) {
      if (counters[i]! < i) {
        const j = i % 2 === 0 ? 0 : counters[i]!;
        const held = shuffled[start + j]!;
        shuffled[start + j] = shuffled[start + i]!;
        shuffled[start + i] = held;
        maxima[written++] = this.searchShuffled();
        counters[i]!++;
        i = 1;
      } else {
        counters[i] = 0;
        i++;
      }
    }
    shuffled.set(saved, start);
    return maxima.sort();
  }

  /** Whether the r-th draw is already known (cheap to read). */
  has(r: number): boolean {
    return r < this.maxima.length;
  }

  private drawMaximum(): number {
    shuffleRange(this.shuffled, this.start, this.end, this.random);
    return this.searchShuffled();
  }

  private searchShuffled(): number {
    const { window, limits, scratch } = this.settings;
    const split = bestSplit(this.shuffled, this.start, this.end, window, limits, scratch);
    return split ? split.statistic / this.scale : -Infinity;
  }
}

/** Longest segment whose permutation distribution is enumerated instead of sampled. */
const EXACT_MAX_POINTS = 8;

/**
 * The exact permutation p-value of `observed` when every segment is short enough to enumerate:
 * segments are permuted independently, so P(largest Q̂ over segments ≥ observed) =
 * 1 − Π (1 − tail of each segment). Undefined when a segment is too long.
 */
export function exactPermutationPValue(nulls: readonly SegmentNull[], observed: number): number | undefined {
  const threshold = tieTolerant(observed);
  let below = 1;
  for (const segment of nulls) {
    const tail = segment.exactTail(threshold);
    if (tail === undefined) return undefined;
    below *= 1 - tail;
  }
  return 1 - below;
}

export interface PermutationTest {
  /** Monte Carlo p-value (1 + #{null ≥ observed}) / (1 + draws made). */
  pValue: number;
  /** Whether the test rejects "no further change" at its level. */
  significant: boolean;
  /** Whether the test stopped before drawing all `permutations`. */
  stoppedEarly: boolean;
}

/**
 * The permutation p-value of `observed` against the largest Q̂ over all segments. Stops as soon
 * as too many draws reach `observed` for the p-value to be ≤ `level` (Besag & Clifford 1991,
 * "Sequential Monte Carlo p-values", Biometrika 78(2)): on a series without a further change this
 * usually takes a few dozen draws instead of all of them, and the decision is the same.
 */
export function permutationTest(nulls: readonly SegmentNull[], observed: number, permutations: number, level: number): PermutationTest {
  const threshold = tieTolerant(observed);
  const allowed = Math.floor(level * (permutations + 1) + 1e-9) - 1;
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    if (reaches(nulls, r, threshold)) atLeastAsLarge++;
    if (atLeastAsLarge > allowed) return { pValue: (1 + atLeastAsLarge) / (2 + r), significant: false, stoppedEarly: r + 1 < permutations };
  }
  return { pValue: (1 + atLeastAsLarge) / (1 + permutations), significant: true, stoppedEarly: false };
}

/**
 * A two-stage Monte Carlo test that also stops early when the change is clear: significant after
 * `design.firstStage` draws if none of them reaches `observed`; otherwise it goes on to all
 * `permutations` and is significant when at most `design.allowed` reach it; it stops, not
 * significant, as soon as more do (as permutationTest does). Its level is `design.level` ≤ the
 * requested one, exactly (see earlyAcceptanceDesign): a change as clear as most that get
 * reported costs `firstStage` draws instead of all of them.
 */
export function twoStagePermutationTest(nulls: readonly SegmentNull[], observed: number, permutations: number, design: EarlyAcceptanceDesign): PermutationTest {
  const threshold = tieTolerant(observed);
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    if (reaches(nulls, r, threshold)) atLeastAsLarge++;
    if (atLeastAsLarge > design.allowed) return { pValue: (1 + atLeastAsLarge) / (2 + r), significant: false, stoppedEarly: r + 1 < permutations };
    if (r + 1 === design.firstStage && atLeastAsLarge === 0) return { pValue: 1 / (2 + r), significant: true, stoppedEarly: r + 1 < permutations };
  }
  return { pValue: (1 + atLeastAsLarge) / (1 + permutations), significant: true, stoppedEarly: false };
}

export interface EarlyAcceptanceDesign {
  /** Draws after which a test none of them reaches is significant. */
  firstStage: number;
  /** Most draws of all `permutations` that may reach the observed value for it to be significant. */
  allowed: number;
  /** Chance of a significant result when there is no change (exact, ≤ the requested level). */
  level: number;
}

/**
 * The earliest first stage for `permutations` draws at `level`, with the final allowance one
 * below the plain test's. Under "no change" the observed Q̂ and the draws are exchangeable, so the
 * number c of all n draws reaching it is uniform on 0..n and, given c, those draws are a random
 * c-subset: P(none among the first k) = C(n−k, c) / C(n, c). The level of "c ≤ a, or none among
 * the first k" is therefore (1/(n+1)) · Σ_c [c ≤ a or C(n−k, c)/C(n, c)], computed exactly here.
 * Undefined when no first stage fits (the plain test's allowance is already 0).
 */
export function earlyAcceptanceDesign(permutations: number, level: number): EarlyAcceptanceDesign | undefined {
  const n = permutations;
  const allowed = Math.floor(level * (n + 1) + 1e-9) - 2;
  if (allowed < 0) return undefined;
  for (let k = Math.ceil(1 / level) - 1; k < n; k++) {
    let total = allowed + 1;
    let noneInFirst = 1;
    for (let c = 1; c <= n; c++) {
      noneInFirst *= Math.max(0, n - k - c + 1) / (n - c + 1);
      if (c > allowed) total += noneInFirst;
    }
    const designLevel = total / (n + 1);
    if (designLevel <= level + 1e-12) return { firstStage: k, allowed, level: designLevel };
  }
  return undefined;
}

/** A relative tolerance keeps permutations that reproduce the observed split from losing ties to rounding. */
function tieTolerant(observed: number): number {
  return observed - 1e-12 * Math.abs(observed);
}

// Whether the r-th draw of any segment reaches the threshold; draws already made are read first.
function reaches(nulls: readonly SegmentNull[], r: number, threshold: number): boolean {
  for (const segment of nulls) if (segment.has(r) && segment.maximum(r) >= threshold) return true;
  for (const segment of nulls) if (!segment.has(r) && segment.maximum(r) >= threshold) return true;
  return false;
}

function mixSeed(seed: number, start: number, end: number): number {
  let h = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(start + 1, 0x85ebca6b) ^ Math.imul(end + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
