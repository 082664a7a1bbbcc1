/**
 * `sequentialCurveRule`: learning-curve evidence for `run --sequential`. While candidate runs
 * train, each streamed point is compared with the baseline runs' values at the same step, and a
 * candidate whose values at a checkpoint are decided worse than the baseline's is stopped before
 * its last step.
 *
 * **Checkpoints.** A few fractions of training (default 10%, 25% and 50% of the baseline's last
 * step); each becomes the baseline step nearest to it, read on every baseline run (exactly when
 * the runs stream that step, else by linear interpolation between the run's neighbouring points).
 * A candidate run's value at a checkpoint is read the same way as soon as it has streamed a point
 * at or past it.
 *
 * **Statistic and boundaries.** Per metric and checkpoint, the candidate's Mann–Whitney U against
 * the baseline values at that step, built from placements as in the final-value rule (rule.ts):
 * when nothing changed, the baseline and candidate values at one step are exchangeable, so the
 * path U(1), U(2), … over the candidate runs reaching that step has the same distribution-free
 * null law, and the same Monte Carlo boundaries (boundaries.ts) hold for it under optional
 * stopping. Only the worse side is tested: the rule stops runs for a regression, never for an
 * improvement (the final values decide those).
 *
 * **Error budget.** `alpha` is the one-sided false-alarm budget of the whole curve rule. It is
 * split evenly over the metric × checkpoint cells (Bonferroni), and within a cell spent over the
 * runs with a spending function (default Pocock: large early effects are what the curve rule is
 * for). Values at different steps of one run are correlated in ways no rank argument controls, so
 * the union bound is what keeps the rule at or below `alpha` whatever that correlation; it is
 * conservative when the checkpoints are strongly correlated. The caller spends the rest of its
 * budget on the final values, so the gate's total stays within its alpha.
 */

import { valueAtStep, type CurvePoint } from '../curves/index.js';
import type { Direction } from '../model/direction.js';
import { rankBoundaries } from './boundaries.js';
import { resolveAlpha, resolveRunLimits, resolveSpending } from './options.js';
import { placement, sortedCopy } from './placement.js';
import type { SpendingFunction } from './spending.js';

/** Fractions of training at which the curves are compared, by default. */
const DEFAULT_CHECKPOINTS: readonly number[] = [0.1, 0.25, 0.5];
/** Spending of a cell's budget over the candidate runs, by default. */
const DEFAULT_CURVE_SPENDING: SpendingFunction = 'pocock';

export interface CurveMetricSpec {
  direction: Direction;
  /** The baseline runs' curves of this metric, points in step order. */
  baseline: CurvePoint[][];
}

export interface CurveRuleOptions {
  /** One-sided false-alarm budget of the whole curve rule. */
  alpha: number;
  /** Fractions of the baseline's last step, each in (0, 1). Default 0.1, 0.25, 0.5. */
  checkpoints?: readonly number[];
  minRuns?: number;
  maxRuns?: number;
  spending?: SpendingFunction;
}

/** One metric at one checkpoint: the baseline values there and the candidate runs that reached it. */
export interface CheckpointState {
  metric: string;
  direction: Direction;
  /** The step compared, and the baseline's last step (its fraction of training is step / finalStep). */
  step: number;
  finalStep: number;
  /** Baseline values at the step, in the metric's units. */
  baseline: number[];
  /** Candidate values at the step, in the order the runs reached it, and their seeds. */
  candidate: number[];
  seeds: number[];
  /** Mann–Whitney U of the candidate values against the baseline's, larger is worse. */
  rankSum: number;
  /** One-sided budget of this cell. */
  alpha: number;
  /** U at or above which the latest look decides `regression`; null when it cannot. */
  boundary: number | null;
}

/** The rule's finding: a metric decided worse at a checkpoint. */
export interface CurveRegression extends CheckpointState {
  /** Candidate runs at the checkpoint when it was decided. */
  runs: number;
}

export interface SequentialCurveRule {
  /** Adds one streamed point of a candidate run; returns the regression once one is decided (and from then on). */
  add(seed: number, point: { step: number; values: Record<string, number> }): CurveRegression | null;
  /** The checkpoints, for reports: each metric's cells in step order. */
  readonly checkpoints: readonly CheckpointState[];
  /** The decided regression, or null. */
  readonly decided: CurveRegression | null;
}

interface Cell extends CheckpointState {
  sortedWorse: Float64Array;
  orientation: 1 | -1;
  upper: Float64Array;
}

/** Checks the checkpoint fractions: a non-empty list of distinct numbers in (0, 1). */
export function resolveCheckpoints(checkpoints: unknown): number[] {
  if (checkpoints === undefined) return [...DEFAULT_CHECKPOINTS];
  if (!Array.isArray(checkpoints) || checkpoints.length === 0 || !checkpoints.every((f) => typeof f === 'number' && f > 0 && f < 1)) {
    throw new RangeError(`checkpoints: expected a non-empty list of fractions of training between 0 and 1 (exclusive), received ${JSON.stringify(checkpoints)}`);
  }
  return [...new Set(checkpoints as number[])].sort((a, b) => a - b);
}

/** The baseline step nearest to `fraction` of the last step, among the steps the baseline runs streamed. */
function checkpointStep(curves: CurvePoint[][], fraction: number, finalStep: number): number {
  const target = fraction * finalStep;
  let best = Number.NaN;
  for (const curve of curves) {
    for (const { step } of curve) {
      if (Number.isNaN(best) || Math.abs(step - target) < Math.abs(best - target)) best = step;
    }
  }
  return best;
}

/** The median of the baseline runs' last steps: their common length of training. */
function finalStepOf(curves: CurvePoint[][]): number {
  const last = curves.map((curve) => curve.at(-1)!.step).sort((a, b) => a - b);
  return last[Math.floor((last.length - 1) / 2)]!;
}

/**
 * Builds the rule for the metrics whose baselines have curves (at least two runs each). Metrics
 * without enough baseline curves are left out; with none left the rule has no cells and never
 * decides.
 */
export function sequentialCurveRule(metrics: Record<string, CurveMetricSpec>, options: CurveRuleOptions): SequentialCurveRule {
  const alpha = resolveAlpha(options.alpha, 'curves alpha');
  const fractions = resolveCheckpoints(options.checkpoints);
  const limits = resolveRunLimits(options.minRuns, options.maxRuns);
  const spending = resolveSpending(options.spending ?? DEFAULT_CURVE_SPENDING);
  const usable = Object.entries(metrics).filter(([, spec]) => spec.baseline.filter((curve) => curve.length > 0).length >= 2);

  const plans = usable.flatMap(([metric, spec]) => {
    const curves = spec.baseline.filter((curve) => curve.length > 0);
    const finalStep = finalStepOf(curves);
    const steps = [...new Set(fractions.map((fraction) => checkpointStep(curves, fraction, finalStep)))].filter((step) => step < finalStep);
    return steps.flatMap((step) => {
      const values = curves.map((curve) => valueAtStep(curve, step)).filter((value): value is number => value !== undefined);
      return values.length >= 2 ? [{ metric, direction: spec.direction, step, finalStep, values }] : [];
    });
  });
  const cellAlpha = plans.length > 0 ? alpha / plans.length : alpha;
  const cells: Cell[] = plans.map(({ metric, direction, step, finalStep, values }) => {
    const orientation = direction === 'lower' ? 1 : -1;
    const sortedWorse = sortedCopy(values.map((value) => value * orientation));
    const { upper } = rankBoundaries({ baselineSize: values.length, minRuns: limits.minRuns, maxRuns: limits.maxRuns, alpha: cellAlpha, spending });
    return { metric, direction, step, finalStep, baseline: values, candidate: [], seeds: [], rankSum: 0, alpha: cellAlpha, boundary: null, sortedWorse, orientation, upper };
  });

  const seen = new Map<number, Map<string, CurvePoint[]>>();
  let decided: CurveRegression | null = null;

  const look = (cell: Cell, seed: number, value: number): void => {
    if (cell.candidate.length >= limits.maxRuns) return;
    cell.candidate.push(value);
    cell.seeds.push(seed);
    cell.rankSum += placement(cell.sortedWorse, value * cell.orientation);
    const bound = cell.upper[cell.candidate.length] ?? Infinity;
    cell.boundary = Number.isFinite(bound) ? bound : null;
    if (decided === null && cell.rankSum >= bound) decided = { ...publicState(cell), runs: cell.candidate.length };
  };

  return {
    add(seed, point) {
      if (decided) return decided;
      let curves = seen.get(seed);
      if (!curves) seen.set(seed, (curves = new Map()));
      for (const [metric, value] of Object.entries(point.values)) {
        if (!Number.isFinite(value)) continue;
        const curve = curves.get(metric) ?? [];
        if (curve.length > 0 && curve.at(-1)!.step >= point.step) continue; // a repeated or out-of-order step: the first one counts
        curve.push({ step: point.step, value });
        curves.set(metric, curve);
        for (const cell of cells) {
          if (cell.metric !== metric || cell.seeds.includes(seed) || point.step < cell.step) continue;
          const at = valueAtStep(curve, cell.step);
          if (at !== undefined) look(cell, seed, at);
        }
      }
      return decided;
    },
    get checkpoints() {
      return cells.map(publicState);
    },
    get decided() {
      return decided;
    },
  };
}

function publicState(cell: Cell): CheckpointState {
  const { sortedWorse: _sorted, orientation: _orientation, upper: _upper, ...state } = cell;
  return { ...state, baseline: [...state.baseline], candidate: [...state.candidate], seeds: [...state.seeds] };
}
