/**
 * `sequentialComparison`: one metric's candidate runs arrive one at a time (or in waves) and are
 * judged against a stored baseline as soon as the evidence allows. See rule.ts for the decision
 * and boundaries.ts for why its error rates hold under optional stopping.
 */

import { resolveAlpha, resolveMetricDesign, resolveRunLimits, requireFinite } from './options.js';
import { decide, emptyState, pushValue } from './rule.js';
import type { SequentialComparison, SequentialOptions, SequentialStep } from './types.js';

/**
 * Starts a sequential comparison of candidate runs with `baseline` (a finite sample of the
 * baseline's runs, kept fixed). Each `add` returns the verdict so far; `done` says to stop
 * launching runs. The false-alarm rate (regression, improvement or suspicious when nothing
 * changed) stays at or below `alpha` whatever the metric's continuous distribution and whenever
 * the caller stops, including the baseline's own sampling error; `equivalent` is declared
 * wrongly at most `alpha` of the time when the true shift is ±rope. With `baselineSeeds` each
 * `add(value, seed)` is paired with the baseline run of its seed (paired-rule.ts): the error rates
 * then hold whatever the correlation within pairs, and shared seed noise cancels.
 */
export function sequentialComparison(baseline: number[], options: SequentialOptions): SequentialComparison {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options: expected an object with at least { direction }, received ${String(options)}`);
  }
  const alpha = resolveAlpha(options.alpha);
  const limits = resolveRunLimits(options.minRuns, options.maxRuns);
  const design = resolveMetricDesign(baseline, { ...options, ...limits }, '');
  const state = emptyState();
  let current: SequentialStep | null = null;

  const look = (): SequentialStep => {
    current = decide(design, state, alpha, alpha);
    return current;
  };

  return {
    add(value: number, seed?: number): SequentialStep {
      if (current?.done) return current;
      const where = `add(value${design.baselineBySeed ? ', seed' : ''}) at run ${state.oriented.length + state.unpaired + 1}`;
      pushValue(design, state, requireFinite(value, where), requireSeed(design, seed, where));
      return look();
    },
    addMany(values: readonly number[], seeds?: readonly number[]): SequentialStep {
      if (!Array.isArray(values) || values.length === 0) {
        throw new TypeError(`addMany(values): expected a non-empty array of finite numbers, received ${JSON.stringify(values)}`);
      }
      if (current?.done) return current;
      if (design.baselineBySeed) {
        if (!Array.isArray(seeds) || seeds.length !== values.length) {
          throw new TypeError(`addMany(values, seeds): expected one seed per value (${values.length}) with baselineSeeds, received ${JSON.stringify(seeds)}`);
        }
        values.forEach((value, index) => requireFinite(value, `addMany(values)[${index}]`));
        seeds.forEach((seed, index) => requireSeed(design, seed, `addMany(values, seeds)[${index}]`));
        values.forEach((value, index) => pushValue(design, state, value, seeds[index]));
        return look();
      }
      const remaining = design.maxRuns - state.oriented.length;
      if (values.length > remaining) {
        throw new RangeError(
          `addMany(values): expected at most ${remaining} value(s) (maxRuns is ${design.maxRuns}, ${state.oriented.length} run(s) added), received ${values.length}`,
        );
      }
      values.forEach((value, index) => requireFinite(value, `addMany(values)[${index}]`));
      for (const value of values) pushValue(design, state, value);
      return look();
    },
    get current(): SequentialStep | null {
      return current;
    },
  };
}

/** With baseline seeds every candidate run needs its seed (an integer); without them it is ignored. */
function requireSeed(design: { baselineBySeed: Map<number, number> | null }, seed: unknown, where: string): number | undefined {
  if (!design.baselineBySeed) return undefined;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new TypeError(`${where}: expected the run's integer seed (the comparison is paired by baselineSeeds), received ${JSON.stringify(seed)}`);
  }
  return seed;
}
