/**
 * Validation of the sequential rule's inputs, and the resolved design of one metric: the
 * baseline in "larger is worse" orientation, the ROPE in metric units, and the run limits.
 */

import type { Direction } from '../model/direction.js';
import type { SpendingFunction } from './spending.js';
import { sortedCopy } from './placement.js';
import { momentsOf, sampleVariance, type RunningMoments } from './summary.js';
import { medianOfSorted, scaledMad } from '../stats/describe.js';
import { studentTQuantile } from '../stats/distributions/student-t.js';
import type { SequentialOptions } from './types.js';
import { DEFAULT_ALPHA, SUSPICIOUS_LEVEL } from '../model/defaults.js';

export const DEFAULT_MIN_RUNS = 3;
export const DEFAULT_MAX_RUNS = 60;
const MAX_RUNS_LIMIT = 200;
export const DEFAULT_SPENDING: SpendingFunction = { hsd: -4 };

export interface MetricDesign {
  direction: Direction;
  /** +1 for lower-is-better, −1 for higher-is-better: multiplying by it makes larger worse. */
  orientation: 1 | -1;
  /** Baseline values times orientation, ascending. */
  sortedWorse: Float64Array;
  /** Moments of the oriented baseline. */
  baselineMoments: RunningMoments;
  rope: number | null;
  minRuns: number;
  maxRuns: number;
  spending: SpendingFunction;
  equivalenceSpending: SpendingFunction;
  expectImprovement: boolean;
  /** Oriented value below which a candidate median is suspicious; null with expectImprovement. */
  suspiciousBelow: number | null;
  /** Paired by seed: the oriented baseline value of each seed; null for independent arms. */
  baselineBySeed: Map<number, number> | null;
}

/** Throws unless `value` is a finite number; `what` names it in the message. */
export function requireFinite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${what}: expected a finite number, received ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string "${value}"`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** Throws unless `value` is an integer in [min, max]. */
function requireInteger(value: unknown, what: string, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new RangeError(`${what}: expected an integer ${range}, received ${describe(value)}`);
  }
  return value;
}

/** Checks the false-alarm budget. */
export function resolveAlpha(alpha: unknown, what = 'alpha'): number {
  if (alpha === undefined) return DEFAULT_ALPHA;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${what}: expected a number between 0 and 1 (exclusive), received ${describe(alpha)}`);
  }
  return alpha;
}

/**
 * Checks the run limits: 1 ≤ minRuns ≤ maxRuns ≤ 200. The cap bounds the memory of the boundary
 * simulation (paths × maxRuns integers); 200 seeds are more than a sequential run should plan for.
 */
export function resolveRunLimits(minRuns: unknown, maxRuns: unknown): { minRuns: number; maxRuns: number } {
  const max = requireInteger(maxRuns ?? DEFAULT_MAX_RUNS, 'maxRuns', 1, MAX_RUNS_LIMIT);
  const min = requireInteger(minRuns ?? Math.min(DEFAULT_MIN_RUNS, max), 'minRuns', 1, max);
  return { minRuns: min, maxRuns: max };
}

/** The ROPE half-width in metric units, or null when none is given. */
function resolveRope(rope: SequentialOptions['rope'], baselineMean: number, what: string): number | null {
  if (rope === undefined) return null;
  if (typeof rope === 'number') {
    if (!(Number.isFinite(rope) && rope >= 0)) {
      throw new RangeError(`${what}: expected a non-negative number or { relative: r }, received ${describe(rope)}`);
    }
    return rope;
  }
  if (typeof rope === 'object' && rope !== null && typeof rope.relative === 'number' && Number.isFinite(rope.relative) && rope.relative >= 0) {
    return rope.relative * Math.abs(baselineMean);
  }
  throw new RangeError(`${what}: expected a non-negative number or { relative: r } with r ≥ 0, received ${JSON.stringify(rope)}`);
}

/**
 * The oriented value below which an improving candidate's median is out of the baseline's
 * distribution: a t prediction bound (Hahn & Meeker 1991, "Statistical Intervals", §4.7) around
 * the baseline median, with the smaller of the standard deviation and the scaled MAD as scale —
 * the MAD keeps one wild baseline run from hiding a suspicious result, the standard deviation
 * keeps the MAD's inflation on bimodal or flat baselines from hiding it either.
 */
function suspiciousBound(sortedWorse: Float64Array, moments: RunningMoments): number {
  const n = sortedWorse.length;
  const sd = Math.sqrt(sampleVariance(moments));
  const mad = scaledMad(Array.from(sortedWorse));
  const scale = mad > 0 ? Math.min(sd, mad) : sd;
  // The prediction interval's one-sided tail is the suspicious level. Only an improvement the test has
  // already established is relabelled, so it decides how far is "far out of distribution", not the false-alarm rate.
  const quantile = studentTQuantile(1 - SUSPICIOUS_LEVEL, n - 1);
  return medianOfSorted(sortedWorse) - quantile * scale * Math.sqrt(1 + 1 / n);
}

/** Validates one metric's baseline and options and resolves its design. `what` prefixes messages. */
export function resolveMetricDesign(baseline: unknown, options: SequentialOptions & { minRuns: number; maxRuns: number }, what: string): MetricDesign {
  if (!Array.isArray(baseline)) {
    throw new TypeError(`${what}baseline: expected an array of finite numbers, received ${describe(baseline)}`);
  }
  if (baseline.length < 2) {
    throw new RangeError(`${what}baseline: expected at least 2 runs, received ${baseline.length}`);
  }
  baseline.forEach((value, index) => requireFinite(value, `${what}baseline[${index}]`));
  const direction = options.direction;
  if (direction !== 'lower' && direction !== 'higher') {
    throw new TypeError(`${what}direction: expected "lower" or "higher", received ${describe(direction)}`);
  }
  const orientation = direction === 'lower' ? 1 : -1;
  const oriented = (baseline as number[]).map((value) => value * orientation);
  const sortedWorse = sortedCopy(oriented);
  const baselineMoments = momentsOf(oriented);
  const expectImprovement = options.expectImprovement === true;
  const baselineBySeed = resolveBaselineSeeds(options.baselineSeeds, oriented, what);
  return {
    direction,
    orientation,
    sortedWorse,
    baselineMoments,
    rope: resolveRope(options.rope, baselineMoments.mean * orientation, `${what}rope`),
    // Paired, a candidate run needs a baseline seed of its own: no more pairs than baseline seeds.
    minRuns: baselineBySeed ? Math.min(options.minRuns, baselineBySeed.size) : options.minRuns,
    maxRuns: baselineBySeed ? Math.min(options.maxRuns, baselineBySeed.size) : options.maxRuns,
    spending: resolveSpending(options.spending),
    equivalenceSpending: resolveSpending(options.equivalenceSpending ?? options.spending),
    expectImprovement,
    suspiciousBelow: expectImprovement ? null : suspiciousBound(sortedWorse, baselineMoments),
    baselineBySeed,
  };
}

/** The oriented baseline value per seed (a repeated seed keeps its first run), or null without seeds. */
function resolveBaselineSeeds(seeds: unknown, oriented: readonly number[], what: string): Map<number, number> | null {
  if (seeds === undefined) return null;
  if (!Array.isArray(seeds) || seeds.length !== oriented.length) {
    throw new RangeError(
      `${what}baselineSeeds: expected one seed per baseline value (${oriented.length}), received ${Array.isArray(seeds) ? `${seeds.length} seeds` : describe(seeds)}`,
    );
  }
  const bySeed = new Map<number, number>();
  seeds.forEach((seed, index) => {
    requireInteger(seed, `${what}baselineSeeds[${index}]`, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (!bySeed.has(seed)) bySeed.set(seed, oriented[index]!);
  });
  return bySeed;
}

/** Checks a spending function option. */
export function resolveSpending(spending: unknown): SpendingFunction {
  if (spending === undefined) return DEFAULT_SPENDING;
  if (spending === 'pocock' || spending === 'obrien-fleming') return spending;
  if (typeof spending === 'object' && spending !== null && 'hsd' in spending && Number.isFinite((spending as { hsd: unknown }).hsd)) {
    return spending as { hsd: number };
  }
  throw new TypeError(`spending: expected "pocock", "obrien-fleming" or { hsd: number }, received ${JSON.stringify(spending)}`);
}
