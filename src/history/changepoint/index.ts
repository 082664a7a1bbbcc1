/**
 * Change-point detection for a metric's history: E-divisive means (Matteson & James 2014), the
 * method Apache Otava (formerly Hunter, from MongoDB's performance CI) builds on, with the
 * significance of each new change point decided by a seeded permutation test (Matteson & James
 * §3.2; R package `ecp`, `e.divisive`).
 *
 * Procedure: start with the whole series as one segment. Repeatedly find, in every segment, the
 * split maximising Q̂ (see energy.ts); take the largest. Permute the values within each segment
 * `permutations` times and recompute the largest Q̂ each time; the p-value is
 * (1 + #{permuted ≥ observed}) / (1 + permutations). Accept the split and continue while p ≤ alpha.
 *
 * False alarms: on a series with no change (exchangeable values) the first test is an exact
 * permutation test, so the chance of reporting any change point is
 * floor(alpha · (permutations + 1)) / (permutations + 1): exactly alpha when alpha · (permutations + 1)
 * is a whole number, as with the defaults (0.05, 199). Measured on seeded stationary series of
 * length 40 with alpha 0.05 and 99 permutations (test/history/changepoint/detect.test.ts):
 * 0.042 over 1000 normal series, 0.045 over 600 heavy-tailed t(3) series; 2000 normal series of
 * lengths 20, 40 and 60 gave 0.0475, 0.0455 and 0.044. Each later test runs at alpha again, so a
 * series with one real shift gets a spurious second change point about alpha of the time.
 * Locating a shift in the mean at index 30 of 60 (unit-variance noise): a 2-sd shift is found in
 * 100% of 200 seeded series and placed within ±1 in 86%; a 3-sd shift in 100% and 97%.
 */
import { bestSplit, type Split } from './energy.js';
import { createRandom } from '../../stats/random.js';
import { shuffleRange } from './shuffle.js';

export interface ChangePointOptions {
  /** Significance level of each permutation test. Default 0.05. */
  alpha?: number;
  /** Number of permutations per test. Default 199. */
  permutations?: number;
  /** Seed of the permutations; the same seed gives the same answer. Default 1. */
  seed?: number;
  /** Fewest points on either side of a change point (at least 2). Default 5. */
  minSegment?: number;
}

export interface ChangePoint {
  /** Index of the first point after the shift. */
  index: number;
  /** Permutation p-value of the test that accepted this change point. */
  pValue: number;
  /** Mean of the segment that ends just before `index`. */
  meanBefore: number;
  /** Mean of the segment that starts at `index`. */
  meanAfter: number;
}

interface Segment {
  start: number;
  end: number;
  split: Split | undefined;
}

/** Change points of `series` (oldest first), sorted by index; [] when the series is too short. */
export function detectChangePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const { alpha, permutations, seed, minSegment } = resolveOptions(options);
  series.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new Error(`detectChangePoints: series[${i}] must be a finite number, received ${String(value)}.`);
  });
  const generator = createRandom(seed);
  const random = () => generator.next();
  const values = [...series];
  let segments: Segment[] = [{ start: 0, end: values.length, split: bestSplit(values, 0, values.length, minSegment) }];
  const accepted = new Map<number, number>();

  for (;;) {
    const candidate = strongest(segments);
    if (!candidate) break;
    const pValue = permutationPValue(values, segments, candidate.split.statistic, minSegment, permutations, random);
    if (pValue > alpha) break;
    accepted.set(candidate.split.index, pValue);
    segments = segments.flatMap((segment) =>
      segment === candidate.segment
        ? [
            { start: segment.start, end: candidate.split.index, split: bestSplit(values, segment.start, candidate.split.index, minSegment) },
            { start: candidate.split.index, end: segment.end, split: bestSplit(values, candidate.split.index, segment.end, minSegment) },
          ]
        : [segment],
    );
  }
  return describeChangePoints(values, accepted);
}

function strongest(segments: Segment[]): { segment: Segment; split: Split } | undefined {
  let best: { segment: Segment; split: Split } | undefined;
  for (const segment of segments) {
    if (segment.split && (!best || segment.split.statistic > best.split.statistic)) best = { segment, split: segment.split };
  }
  return best;
}

// Permutes within each current segment, so earlier change points are respected under the null.
function permutationPValue(values: readonly number[], segments: Segment[], observed: number, minSegment: number, permutations: number, random: () => number): number {
  const shuffled = [...values];
  // A relative tolerance keeps permutations that reproduce the observed split from losing ties to rounding.
  const threshold = observed - 1e-12 * Math.abs(observed);
  let atLeastAsLarge = 0;
  for (let r = 0; r < permutations; r++) {
    let largest = -Infinity;
    for (const segment of segments) {
      shuffleRange(shuffled, segment.start, segment.end, random);
      const split = bestSplit(shuffled, segment.start, segment.end, minSegment);
      if (split && split.statistic > largest) largest = split.statistic;
    }
    if (largest >= threshold) atLeastAsLarge++;
  }
  return (1 + atLeastAsLarge) / (1 + permutations);
}

function describeChangePoints(values: readonly number[], accepted: Map<number, number>): ChangePoint[] {
  const indices = [...accepted.keys()].sort((a, b) => a - b);
  const bounds = [0, ...indices, values.length];
  return indices.map((index, k) => ({
    index,
    pValue: accepted.get(index) as number,
    meanBefore: mean(values, bounds[k] as number, index),
    meanAfter: mean(values, index, bounds[k + 2] as number),
  }));
}

function mean(values: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i] as number;
  return sum / (end - start);
}

function resolveOptions(options: ChangePointOptions): Required<ChangePointOptions> {
  const resolved = { alpha: 0.05, permutations: 199, seed: 1, minSegment: 5, ...stripUndefined(options) };
  if (!(resolved.alpha > 0 && resolved.alpha < 1)) throw new Error(`detectChangePoints: alpha must be in (0, 1), received ${resolved.alpha}.`);
  if (!Number.isInteger(resolved.permutations) || resolved.permutations < 1) {
    throw new Error(`detectChangePoints: permutations must be a positive integer, received ${resolved.permutations}.`);
  }
  if (!Number.isInteger(resolved.minSegment) || resolved.minSegment < 2) {
    throw new Error(`detectChangePoints: minSegment must be an integer of at least 2 (each side needs a spread), received ${resolved.minSegment}.`);
  }
  if (!Number.isInteger(resolved.seed)) throw new Error(`detectChangePoints: seed must be an integer, received ${resolved.seed}.`);
  return resolved;
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
