/**
 * Change-point detection for a metric's history: E-divisive means (Matteson & James 2014), the
 * method Apache Otava (formerly Hunter, from MongoDB's performance CI) builds on, with the
 * significance of each new change point decided by a seeded permutation test (Matteson & James
 * §3.2; R package `ecp`, `e.divisive`).
 *
 * Procedure: start with the whole series as one segment. Repeatedly find, in every segment, the
 * split maximising Q̂(τ, κ) over τ and the right end κ, within windows of `window` points (see
 * energy.ts); take the largest. Permute the values within each segment and recompute the largest
 * Q̂ each time (each segment's Q̂ in units of its own spread, see segment.ts); the p-value is
 * (1 + #{permuted ≥ observed}) / (1 + draws). Accept the split and continue while the test
 * passes. The test is two-stage (permutation.ts): a split no permutation reaches in the first 27
 * of 99 is accepted there, one that more than 3 of the 99 reach is not, which keeps the level at
 * 0.0494 for alpha 0.05 while a clear change costs a quarter of the permutations. When every
 * segment has at most 8 points, the p-value is exact instead (all orderings enumerated). With
 * `includeWeak`, the search goes on to `weakAlpha` (plain permutation test) and marks what it
 * finds beyond alpha as weak (Otava's first pass, Fleming et al. 2023, keeps such points).
 *
 * The newest points: where the series is long enough for it (at least 1/(alpha/4) points, 80 at
 * alpha 0.05) and edge segments may be 1–2 points, a quarter of alpha goes to an exact permutation
 * test of the newest one or two points against the rest of the last segment (tail.ts), run after
 * the split search when that placed nothing in the last three points; the split search keeps
 * the other three quarters (0.0375 at alpha 0.05, with 132 permutations).
 *
 * False alarms: on a series with no change (exchangeable values) the first test is an exact
 * Monte Carlo permutation test of the largest Q̂ over every window, so the chance of reporting any
 * change point is the design's level whatever the series' length: 0.0494 with the defaults (0.05,
 * 99), and at most 0.0375 + 0.0125 where the tail test runs. Stopping the permutations early once the p-value cannot reach alpha changes the cost, not
 * the decision. Rates measured on seeded series are in docs/history.md (`npm run bench:history`)
 * and test/history/changepoint/detect.test.ts.
 */
import { ChangePointCache } from './cache.js';
import type { SegmentLimits, Split } from './energy.js';
import { dropSmallChanges, relativeMagnitude } from './magnitude.js';
import { earlyAcceptanceDesign, exactPermutationPValue, permutationTest, twoStagePermutationTest, type SegmentNull } from './permutation.js';
import type { SearchSettings, SegmentSearch } from './segment.js';
import { TAIL_WINDOW, tailTest } from './tail.js';

export { ChangePointCache } from './cache.js';

export interface ChangePointOptions {
  /** Significance level of each permutation test. Default 0.05. */
  alpha?: number;
  /**
   * Number of permutations per test of the split search. Default: 99, or ⌈5/a⌉ − 1 when the level a
   * it tests at is below 0.05 (at least five draws can fall beyond the observed value and it is
   * still significant); a is alpha, or ¾ alpha where the test of the newest points runs (132 at 0.05).
   */
  permutations?: number;
  /** Seed of the permutations; the same seed gives the same answer. Default 1. */
  seed?: number;
  /** Fewest points of a segment inside the series. Default 3. */
  minSegment?: number;
  /** Fewest points of the first and the last segment (the oldest and newest runs). Default 1. */
  minEdgeSegment?: number;
  /**
   * Most points one split search looks at (the span of X and Y together). Default: the whole
   * series up to 316 points, then 100,000 / length rounded down to a multiple of 50, but at least
   * 50 — a longer window finds smaller lasting shifts, and the search costs length × window.
   */
  window?: number;
  /** Smallest relative change of the mean, |after/before − 1| either way, worth reporting. Default 0. */
  minMagnitude?: number;
  /** Also report weak change points: significant at `weakAlpha` but not at alpha. Default false. */
  includeWeak?: boolean;
  /** Level of weak change points. Default as Otava: 10·alpha below 0.05, 2·alpha below 0.5. */
  weakAlpha?: number;
  /**
   * Searches of an earlier detection to take over (cache.ts): pass one cache to each detection
   * of a growing series (one cache per series), and a new point recomputes only what it can
   * change. The result is the same as without it.
   */
  cache?: ChangePointCache;
}

type ResolvedOptions = Required<Omit<ChangePointOptions, 'cache'>>;

export interface ChangePoint {
  /** Index of the first point after the shift. */
  index: number;
  /** Permutation p-value of the test that accepted this change point. */
  pValue: number;
  /** Mean of the segment that ends just before `index`. */
  meanBefore: number;
  /** Mean of the segment that starts at `index`. */
  meanAfter: number;
  /** Relative change of the mean, the larger of |after/before − 1| and |before/after − 1|. */
  magnitude: number;
  /** Significant at weakAlpha only (reported only with `includeWeak`). */
  weak: boolean;
}

/** Change points of `series` (oldest first), sorted by index; [] when the series is too short. */
export function detectChangePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const resolved = resolveOptions(options);
  series.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new Error(`detectChangePoints: series[${i}] must be a finite number, received ${String(value)}.`);
  });
  const values = Float64Array.from(series);
  const limits: SegmentLimits = { length: values.length, minSegment: resolved.minSegment, minEdgeSegment: resolved.minEdgeSegment };
  const window = Math.min(resolved.window || defaultWindow(values.length), values.length);
  const settings: SearchSettings = { seed: resolved.seed, window, limits };
  const cache = options.cache ?? new ChangePointCache();
  cache.begin();
  const segment = (start: number, end: number) => cache.segment(values, start, end, settings);

  const tail = tailSetting(values.length, resolved, options.permutations === undefined);
  const significance = significanceTest(tail.main);
  let segments = values.length > 0 ? [segment(0, values.length)] : [];
  const accepted: Array<{ index: number; pValue: number; weak: boolean }> = [];
  let weakSince = false;
  for (;;) {
    const candidate = strongest(segments);
    if (!candidate) break;
    const test = significance(segments, candidate.split.statistic, weakSince);
    if (!test) break;
    weakSince ||= test.weak;
    accepted.push({ index: candidate.split.index, pValue: test.pValue, weak: weakSince });
    const at = candidate.split.index;
    segments = segments.flatMap((s) => (s === candidate.segment ? [segment(s.start, at), segment(at, s.end)] : [s]));
  }
  if (options.cache) cache.prune();
  accepted.sort((a, b) => a.index - b.index);
  const newest = tail.alpha > 0 ? tailChange(values, accepted, resolved, tail.alpha) : undefined;
  if (newest) accepted.push({ ...newest, weak: false });
  return dropSmallChanges(values, accepted, resolved.minMagnitude).map((change) => ({
    ...change,
    magnitude: relativeMagnitude(change.meanBefore, change.meanAfter),
  }));
}

/** Share of alpha spent on the test of the newest points (tail.ts) where it can reject at all. */
const TAIL_ALPHA_SHARE = 0.25;

/**
 * How alpha is split between the split search and the tail test: the tail test gets
 * TAIL_ALPHA_SHARE of it when the series is long enough for it to reject (its smallest p-value is
 * 1/points) and the edge segments may be 1–2 points; the split search the rest (with its default
 * permutations for that level). Decided from the length alone, so false alarms stay ≤ alpha.
 */
function tailSetting(length: number, options: ResolvedOptions, defaultPermutations: boolean): { alpha: number; main: ResolvedOptions } {
  const tailAlpha = options.alpha * TAIL_ALPHA_SHARE;
  const mainAlpha = options.alpha - tailAlpha;
  const permutations = defaultPermutations ? defaultPermutationsFor(mainAlpha) : options.permutations;
  const usable = options.minEdgeSegment <= 2 && Math.min(length, TAIL_WINDOW) * tailAlpha >= 1 && mainAlpha * (permutations + 1) >= 1 - 1e-9;
  return usable ? { alpha: tailAlpha, main: { ...options, alpha: mainAlpha, permutations } } : { alpha: 0, main: options };
}

/** A shift in the newest one or two points that the split search did not already place there, when the tail test finds it. */
function tailChange(values: Float64Array, accepted: ReadonlyArray<{ index: number }>, options: ResolvedOptions, level: number): { index: number; pValue: number } | undefined {
  const start = accepted.at(-1)?.index ?? 0;
  if (start >= values.length - 3) return undefined;
  const change = tailTest(values, start, values.length);
  if (!change || change.pValue > level) return undefined;
  const before = change.index - start;
  return before >= (start === 0 ? options.minEdgeSegment : options.minSegment) ? change : undefined;
}

type SignificanceTest = (nulls: readonly SegmentNull[], observed: number, weakOnly: boolean) => { pValue: number; weak: boolean } | undefined;

/**
 * The test each new change point must pass: the two-stage permutation test at alpha (a clear
 * change is accepted after a few dozen permutations); with `includeWeak`, one that fails it (or
 * any after the first weak one) may still pass the plain permutation test at `weakAlpha`, as weak.
 */
function significanceTest(options: ResolvedOptions): SignificanceTest {
  const { alpha, permutations, includeWeak, weakAlpha } = options;
  const design = earlyAcceptanceDesign(permutations, alpha);
  const strong = (nulls: readonly SegmentNull[], observed: number) =>
    design ? twoStagePermutationTest(nulls, observed, permutations, design) : permutationTest(nulls, observed, permutations, alpha);
  return (nulls, observed, weakOnly) => {
    const exact = exactPermutationPValue(nulls, observed);
    if (exact !== undefined) {
      if (exact <= alpha && !weakOnly) return { pValue: exact, weak: false };
      return includeWeak && exact <= weakAlpha ? { pValue: exact, weak: true } : undefined;
    }
    if (!weakOnly) {
      const test = strong(nulls, observed);
      if (test.significant) return { pValue: test.pValue, weak: false };
    }
    if (!includeWeak || weakAlpha <= alpha) return undefined;
    const test = permutationTest(nulls, observed, permutations, weakAlpha);
    return test.significant ? { pValue: test.pValue, weak: true } : undefined;
  };
}

function strongest(segments: readonly SegmentSearch[]): { segment: SegmentSearch; split: Split } | undefined {
  let best: { segment: SegmentSearch; split: Split } | undefined;
  for (const segment of segments) {
    if (segment.split && (!best || segment.split.statistic > best.split.statistic)) best = { segment, split: segment.split };
  }
  return best;
}

/**
 * The window when none is given: the whole series while length² ≤ 100,000, else 100,000 / length
 * rounded down to a multiple of 50, at least 50 (cost bounded by 100,000 pairs per search). The
 * rounding keeps the window the same as the series grows, except at a few lengths, so a cached
 * search (cache.ts) stays usable.
 */
function defaultWindow(length: number): number {
  if (length * length <= 100_000) return length;
  return Math.max(50, Math.floor(100_000 / length / 50) * 50);
}

/** 99 permutations, or more when alpha is below 0.05: at least five draws can then fall beyond the observed value and it is still significant. */
function defaultPermutationsFor(alpha: number): number {
  return Math.max(99, Math.ceil(5 / alpha) - 1);
}

/** Otava's first-pass level for weak change points. */
function defaultWeakAlpha(alpha: number): number {
  return alpha < 0.05 ? alpha * 10 : alpha < 0.5 ? alpha * 2 : alpha;
}

/** The options with their defaults filled in; throws a RangeError naming the first one out of range. */
export function resolveOptions(options: ChangePointOptions): ResolvedOptions {
  const { cache: _cache, ...given } = stripUndefined(options);
  const alpha = given.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`detectChangePoints: alpha must be in (0, 1), received ${alpha}.`);
  const resolved: ResolvedOptions = {
    alpha,
    permutations: defaultPermutationsFor(alpha),
    seed: 1,
    minSegment: 3,
    minEdgeSegment: 1,
    window: 0,
    minMagnitude: 0,
    includeWeak: false,
    weakAlpha: defaultWeakAlpha(alpha),
    ...given,
  };
  const { permutations, minSegment, minEdgeSegment, window, minMagnitude, weakAlpha, seed } = resolved;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new RangeError(`detectChangePoints: permutations must be a positive integer, received ${permutations}.`);
  }
  if (alpha * (permutations + 1) < 1 - 1e-9) {
    throw new RangeError(
      `detectChangePoints: permutations must be at least ${Math.ceil(1 / alpha) - 1} for alpha ${alpha} (else nothing can be significant), received ${permutations}.`,
    );
  }
  if (!Number.isInteger(minSegment) || minSegment < 1) throw new RangeError(`detectChangePoints: minSegment must be a positive integer, received ${minSegment}.`);
  if (!Number.isInteger(minEdgeSegment) || minEdgeSegment < 1 || minEdgeSegment > minSegment) {
    throw new RangeError(`detectChangePoints: minEdgeSegment must be an integer from 1 to minSegment (${minSegment}), received ${minEdgeSegment}.`);
  }
  if (window !== 0 && (!Number.isInteger(window) || window < 2 * minSegment)) {
    throw new RangeError(`detectChangePoints: window must be an integer of at least 2 × minSegment (${2 * minSegment}), received ${window}.`);
  }
  if (!(minMagnitude >= 0)) throw new RangeError(`detectChangePoints: minMagnitude must be a number ≥ 0, received ${minMagnitude}.`);
  if (!(weakAlpha > 0 && weakAlpha < 1)) throw new RangeError(`detectChangePoints: weakAlpha must be in (0, 1), received ${weakAlpha}.`);
  if (!Number.isInteger(seed)) throw new RangeError(`detectChangePoints: seed must be an integer, received ${seed}.`);
  return resolved;
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
