/**
 * `sequentialMetricSet`: several metrics of the same runs, judged sequentially together. The run
 * stops as soon as the gate is settled — a gating metric fails (regression or suspicious), or
 * every gating metric is decided — and the false-alarm budget is shared across the metrics with
 * Holm's step-down (Holm 1979, Scand. J. Statist. 6:65–70) carried into sequential testing as in
 * Bartroff & Lai (2010), "Multistage tests of multiple hypotheses", Commun. Statist. Theory Methods
 * 39:1597–1607: while r metrics have been found different, each remaining metric is tested with
 * the boundaries of level alpha/(m − r). Equivalence uses the full alpha per metric: a set passes
 * only when every gating metric passes, an intersection–union test (Berger 1982, Technometrics
 * 24:295–300) that needs no multiplicity correction.
 */

import type { Direction } from '../model/direction.js';
import { resolveAlpha, resolveMetricDesign, resolveRunLimits, requireFinite, type MetricDesign } from './options.js';
import { decide, emptyState, pushValue, type MetricState } from './rule.js';
import type { SequentialOptions, SequentialStep } from './types.js';

export interface MetricSpec {
  baseline: number[];
  direction: Direction;
  rope?: number | { relative: number } | undefined;
  /** Whether this metric's verdict can fail the run. Default true. */
  gate?: boolean | undefined;
  /** The seed of each baseline value: this metric is then compared by seed (`add(values, seed)`). */
  baselineSeeds?: readonly number[] | undefined;
}

export type MetricSetOptions = Omit<SequentialOptions, 'direction' | 'rope'>;

/** The gate's state: `fail` (a gating metric regressed or is suspicious), `pass`, `inconclusive` at maxRuns, or `continue`. */
type GateDecision = 'fail' | 'pass' | 'inconclusive' | 'continue';

export interface MetricSetStep {
  done: boolean;
  decision: GateDecision;
  /** Runs added so far. */
  n: number;
  /** Each metric's latest step; a decided metric keeps the step at which it was decided. */
  metrics: Record<string, SequentialStep>;
}

export interface SequentialMetricSet {
  /**
   * Adds one finished run's metrics (extra keys are ignored) and looks at the evidence. After the
   * gate settles, returns the settled step. `seed` pairs the run with the baseline runs of its seed
   * for metrics with `baselineSeeds`.
   */
  add(values: Record<string, number>, seed?: number): MetricSetStep;
  /** Adds a wave of finished runs and looks once, after all of them. */
  addMany(runs: ReadonlyArray<Record<string, number>>, seeds?: readonly number[]): MetricSetStep;
  /** The latest step; null before the first run. */
  readonly current: MetricSetStep | null;
}

interface Member {
  name: string;
  design: MetricDesign;
  state: MetricState;
  gate: boolean;
  step: SequentialStep | null;
}

const FAILURES = new Set(['regression', 'suspicious']);
const DIFFERENT = new Set(['regression', 'improvement', 'suspicious']);

/** Builds the members from the specs, validating each with its name in the messages. */
function createMembers(metrics: Record<string, MetricSpec>, options: MetricSetOptions, limits: { minRuns: number; maxRuns: number }): Member[] {
  if (typeof metrics !== 'object' || metrics === null || Object.keys(metrics).length === 0) {
    throw new TypeError(`metrics: expected an object with at least one { metricName: { baseline, direction } }, received ${JSON.stringify(metrics)}`);
  }
  const members = Object.entries(metrics).map(([name, spec]): Member => {
    if (typeof spec !== 'object' || spec === null) {
      throw new TypeError(`metrics.${name}: expected { baseline, direction, rope?, gate? }, received ${JSON.stringify(spec)}`);
    }
    if (spec.gate !== undefined && typeof spec.gate !== 'boolean') {
      throw new TypeError(`metrics.${name}.gate: expected true or false, received ${JSON.stringify(spec.gate)}`);
    }
    const design = resolveMetricDesign(
      spec.baseline,
      {
        ...options,
        ...limits,
        direction: spec.direction,
        ...(spec.rope === undefined ? {} : { rope: spec.rope }),
        ...(spec.baselineSeeds === undefined ? {} : { baselineSeeds: spec.baselineSeeds }),
      },
      `metrics.${name}.`,
    );
    return { name, design, state: emptyState(), gate: spec.gate ?? true, step: null };
  });
  if (!members.some((member) => member.gate)) {
    throw new RangeError('metrics: expected at least one metric with gate: true (the default), received none');
  }
  return members;
}

/**
 * Starts a sequential comparison of several metrics measured on the same candidate runs, each
 * against its own stored baseline. The family-wise false-alarm rate (any metric flagged when
 * none changed) stays at or below `alpha` under optional stopping.
 */
export function sequentialMetricSet(metrics: Record<string, MetricSpec>, options: MetricSetOptions = {}): SequentialMetricSet {
  const alpha = resolveAlpha(options.alpha);
  const limits = resolveRunLimits(options.minRuns, options.maxRuns);
  const members = createMembers(metrics, options, limits);
  let runs = 0;
  let current: MetricSetStep | null = null;

  const validate = (values: Record<string, number>, where: string): void => {
    if (typeof values !== 'object' || values === null) {
      throw new TypeError(`${where}: expected an object of metric values, received ${JSON.stringify(values)}`);
    }
    for (const member of members) requireFinite(values[member.name], `${where}.${member.name}`);
  };

  const look = (): MetricSetStep => {
    const open = members.filter((member) => !member.step?.done);
    // Holm step-down: decide at the current level, and re-look at a larger level after each new difference.
    let different = members.filter((member) => member.step !== null && DIFFERENT.has(member.step.verdict)).length;
    let pending = open;
    for (;;) {
      const level = alpha / (members.length - different);
      const steps = pending.map((member) => ({ member, step: decide(member.design, member.state, level, alpha) }));
      const newlyDifferent = steps.filter(({ step }) => DIFFERENT.has(step.verdict));
      for (const { member, step } of steps) member.step = step;
      if (newlyDifferent.length === 0) break;
      different += newlyDifferent.length;
      // Members not found different (still open, equivalent or inconclusive) get another look at the larger level.
      pending = pending.filter((member) => member.step === null || !DIFFERENT.has(member.step.verdict));
      if (pending.length === 0) break;
    }
    current = summarise();
    return current;
  };

  const summarise = (): MetricSetStep => {
    const gating = members.filter((member) => member.gate);
    let decision: GateDecision = 'continue';
    if (gating.some((member) => member.step !== null && FAILURES.has(member.step.verdict))) decision = 'fail';
    else if (gating.every((member) => member.step?.done)) {
      decision = gating.some((member) => member.step?.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
    }
    const done = decision !== 'continue';
    const metricSteps: Record<string, SequentialStep> = {};
    for (const member of members) {
      const step = member.step as SequentialStep;
      // When the gate settles first, a metric still collecting evidence ends undecided.
      metricSteps[member.name] = done && !step.done ? { ...step, done: true, verdict: 'inconclusive' } : step;
    }
    return { done, decision, n: runs, metrics: metricSteps };
  };

  const push = (values: Record<string, number>, seed: number | undefined): void => {
    runs += 1;
    for (const member of members) {
      if (!member.step?.done) pushValue(member.design, member.state, values[member.name] as number, seed);
    }
  };
  const paired = members.some((member) => member.design.baselineBySeed !== null);
  const validateSeed = (seed: unknown, where: string): number | undefined => {
    if (seed === undefined && !paired) return undefined;
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new TypeError(`${where}: expected the run's integer seed (metrics are paired by baselineSeeds), received ${JSON.stringify(seed)}`);
    }
    return seed;
  };

  return {
    add(values: Record<string, number>, seed?: number): MetricSetStep {
      if (current?.done) return current;
      validate(values, `add(values) at run ${runs + 1}`);
      push(values, validateSeed(seed, `add(values, seed) at run ${runs + 1}`));
      return look();
    },
    addMany(waves: ReadonlyArray<Record<string, number>>, seeds?: readonly number[]): MetricSetStep {
      if (!Array.isArray(waves) || waves.length === 0) {
        throw new TypeError(`addMany(runs): expected a non-empty array of metric objects, received ${JSON.stringify(waves)}`);
      }
      if (current?.done) return current;
      if (waves.length > limits.maxRuns - runs) {
        throw new RangeError(`addMany(runs): expected at most ${limits.maxRuns - runs} run(s) (maxRuns is ${limits.maxRuns}, ${runs} added), received ${waves.length}`);
      }
      waves.forEach((values, index) => validate(values, `addMany(runs)[${index}]`));
      const waveSeeds = waves.map((_, index) => validateSeed(seeds?.[index], `addMany(runs, seeds)[${index}]`));
      waves.forEach((values, index) => push(values, waveSeeds[index]));
      return look();
    },
    get current(): MetricSetStep | null {
      return current;
    },
  };
}
