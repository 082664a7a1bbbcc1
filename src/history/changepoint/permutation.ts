/**
 * The permutation null of E-divisive's split statistic, one segment at a time. Under "no further
 * change", the values of each current segment are exchangeable; permuting within every segment
 * and taking the largest Q̂ over all segments gives one draw of the statistic's null (Matteson &
 * James 2014, §3.2). Segments are permuted independently, so each keeps its own draws: when a
 * segment splits, only its two halves need new ones, and the rest are reused by every later test.
 */
import { createRandom, type Random } from '../../stats/random.js';
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

  /** Whether the r-th draw is already known (cheap to read). */
  has(r: number): boolean {
    return r < this.maxima.length;
  }

  private drawMaximum(): number {
    shuffleRange(this.shuffled, this.start, this.end, this.random);
    const { window, limits, scratch } = this.settings;
    const split = bestSplit(this.shuffled, this.start, this.end, window, limits, scratch);
    return split ? split.statistic / this.scale : -Infinity;
  }
}

export interface PermutationTest {
  /** Monte Carlo p-value (1 + #{null ≥ observed}) / (1 + permutations); when stopped early, the same ratio over the draws made (above `level`). */
  pValue: number;
  /** Whether the test stopped as soon as the p-value could no longer reach `level`. */
  stoppedEarly: boolean;
}

/**
 * The permutation p-value of `observed` against the largest Q̂ over all segments. Stops as soon
 * as too many draws reach `observed` for the p-value to be ≤ `level` (Besag & Clifford 1991,
 * "Sequential Monte Carlo p-values", Biometrika 78(2)): on a series without a further change this
 * usually takes a few dozen draws instead of all of them, and the decision is the same.
 */
export function permutationTest(nulls: readonly SegmentNull[], observed: number, permutations: number, level: number): PermutationTest {
  // A relative tolerance keeps permutations that reproduce the observed split from losing ties to rounding.
  const threshold = observed - 1e-12 * Math.abs(observed);
  const allowed = Math.floor(level * (permutations + 1) + 1e-9) - 1;
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    if (reaches(nulls, r, threshold)) atLeastAsLarge++;
    if (atLeastAsLarge > allowed) return { pValue: (1 + atLeastAsLarge) / (2 + r), stoppedEarly: r + 1 < permutations };
  }
  return { pValue: (1 + atLeastAsLarge) / (1 + permutations), stoppedEarly: false };
}

// Whether the r-th draw of any segment reaches the threshold; draws already made are read first.
function reaches(nulls: readonly SegmentNull[], r: number, threshold: number): boolean {
  for (const segment of nulls) if (segment.has(r) && segment.maximum(r) >= threshold) return true;
  for (const segment of nulls) if (!segment.has(r) && segment.maximum(r) >= threshold) return true;
  return false;
}

/** Shuffles `values[start, end)` in place (Fisher–Yates). */
export function shuffleRange(values: Float64Array | number[], start: number, end: number, random: Random): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + random.int(i - start + 1);
    const held = values[i] as number;
    values[i] = values[j] as number;
    values[j] = held;
  }
}

function mixSeed(seed: number, start: number, end: number): number {
  let h = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(start + 1, 0x85ebca6b) ^ Math.imul(end + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
