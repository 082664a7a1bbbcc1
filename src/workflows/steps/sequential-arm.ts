/**
 * `run --sequential`: the candidate arm fed to the sequential rule run by run. Launching stops
 * as soon as the gate is settled; runs in flight are cancelled (recorded `cancelled`) or, with
 * `inFlight: 'finish'`, allowed to finish without changing the decision.
 */
import type { LoadedConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import { formatRope } from '../../report/explain.js';
import { formatProbability } from '../../report/format/numbers.js';
import type { SequentialStop } from '../../model/run-document.js';
import type { RunRecord } from '../../model/run-record.js';
import { describeSequentialStop } from '../../report/reasons.js';
import { sequentialMetricSet, type MetricSetStep, type MetricSpec } from '../../sequential/index.js';
import { baselineCurves, sampleSeeds, type BaselineFile } from '../../store/baseline-file.js';
import type { CurveEvidence } from '../../config/schema.js';
import { sequentialCurveRule, type CheckpointState, type CurveMetricSpec, type CurveRegression, type SequentialCurveRule } from '../../sequential/curve-rule.js';
import { DEFAULT_ALPHA } from '../../model/defaults.js';
import type { MetricPoint } from '../../trainers/types.js';
import { executeArm } from './execute-arm.js';
import type { ArmWatch } from '../../runner/fail-fast.js';
import type { RunObserver } from '../../runner/observer.js';

interface SequentialSettings {
  /** Runs before the first decision (default: the rule's, 3). */
  minSeeds?: number | undefined;
  /** The most candidate runs; the design's horizon. */
  maxSeeds: number;
  /** What happens to runs in flight when the verdict is decided. Default `cancel`. */
  inFlight?: 'cancel' | 'finish' | undefined;
}

export interface SequentialOutcome {
  records: RunRecord[];
  step: MetricSetStep | null;
  maxSeeds: number;
  stop: SequentialStop;
  /** With `sequential.curves`: the learning-curve rule's checkpoints, and the regression it decided, if any. */
  curves?: { checkpoints: CheckpointState[]; regression: CurveRegression | null; alpha: number };
}

interface SequentialArmInput {
  candidate: LoadedConfig;
  baseline: BaselineFile;
  seeds: number[];
  invocationDir: string;
  settings: SequentialSettings;
  expectImprovement: boolean;
  concurrency?: number | undefined;
  signal: AbortSignal;
  observer?: RunObserver | undefined;
  /** Fail-fast rules for the arm (runner/fail-fast.ts). */
  watch?: ArmWatch | undefined;
}

/** Runs candidate seeds until the sequential rule settles the gate or the seeds run out. */
export async function runSequentialCandidate(input: SequentialArmInput): Promise<SequentialOutcome> {
  const budget = splitAlpha(input);
  const rule = createRule(input, budget.finalValues);
  const curveRule = budget.curves === null ? null : createCurveRule(input, budget.curves);
  const decided = new AbortController();
  const cancelInFlight = (input.settings.inFlight ?? 'cancel') === 'cancel';
  let step: MetricSetStep | null = null;
  // Seeds whose points arrived while they trained; a record of any other seed (resumed, or from a launcher that does not stream) brings its whole curve.
  const streamed = new Set<number>();
  const feedCurve = (seed: number, point: MetricPoint) => {
    if (!curveRule || decided.signal.aborted) return;
    const regression = curveRule.add(seed, point);
    if (regression) {
      input.observer?.onEvidence?.(describeSequentialStop(curveRegressionStop(regression)));
      decided.abort();
    }
  };
  const records = await executeArm({
    arm: 'candidate',
    loaded: input.candidate,
    seeds: input.seeds,
    invocationDir: input.invocationDir,
    concurrency: input.concurrency,
    signal: cancelInFlight ? AbortSignal.any([input.signal, decided.signal]) : input.signal,
    stopLaunching: decided.signal,
    observer: input.observer,
    watch: input.watch,
    onProgress: (seed, point) => {
      streamed.add(seed);
      feedCurve(seed, point);
    },
    onRecord: (record) => {
      if (curveRule && !streamed.has(record.seed)) for (const point of pointsOf(record)) feedCurve(record.seed, point);
      if (record.status !== 'ok' || decided.signal.aborted) return;
      step = rule.add(record.metrics, record.seed);
      input.observer?.onEvidence?.(describeStep(step));
      if (step.done) decided.abort();
    },
  });
  const last = step as MetricSetStep | null;
  const regression = curveRule?.decided ?? null;
  return {
    records,
    step: last,
    maxSeeds: input.settings.maxSeeds,
    stop: regression ? curveRegressionStop(regression) : stopOf(last, input.settings.maxSeeds, records),
    ...(curveRule ? { curves: { checkpoints: [...curveRule.checkpoints], regression, alpha: budget.curves! } } : {}),
  };
}

/** Whether the sequential rules settled the gate (so runs cancelled then were withdrawn, not lost). */
export function decidedSequentially(outcome: SequentialOutcome): boolean {
  return outcome.step?.done === true || (outcome.curves?.regression ?? null) !== null;
}

/**
 * The gate's alpha (the smallest of its gating metrics') split between the final values and,
 * with `sequential.curves` and a baseline that stores curves, the learning-curve rule: a false
 * alarm of either counts, so their budgets add up to the gate's (a union bound).
 */
function splitAlpha(input: SequentialArmInput): { finalValues: number | undefined; curves: number | null } {
  const alphas = Object.values(input.candidate.config.metrics)
    .filter((spec) => spec.gate)
    .map((spec) => spec.alpha);
  const alpha = alphas.length > 0 ? Math.min(...alphas) : undefined;
  const settings = curveSettings(input);
  if (settings === false || Object.keys(curveMetrics(input)).length === 0) return { finalValues: alpha, curves: null };
  const total = alpha ?? DEFAULT_ALPHA;
  return { finalValues: total * (1 - settings.alpha_share), curves: total * settings.alpha_share };
}

function curveSettings(input: SequentialArmInput): CurveEvidence | false {
  return input.candidate.config.sequential?.curves ?? false;
}

/** The gating metrics whose baseline runs stored curves (at least two). */
function curveMetrics(input: SequentialArmInput): Record<string, CurveMetricSpec> {
  const metrics: Record<string, CurveMetricSpec> = {};
  for (const [metric, spec] of Object.entries(input.candidate.config.metrics)) {
    if (!spec.gate) continue;
    const baseline = baselineCurves(input.baseline, metric);
    if (baseline.length >= 2) metrics[metric] = { direction: spec.direction, baseline };
  }
  return metrics;
}

/** The learning-curve rule over the gating metrics whose baseline runs stored curves. */
function createCurveRule(input: SequentialArmInput, alpha: number): SequentialCurveRule {
  const settings = curveSettings(input) as CurveEvidence;
  try {
    return sequentialCurveRule(curveMetrics(input), {
      alpha,
      checkpoints: settings.checkpoints,
      ...(input.settings.minSeeds === undefined ? {} : { minRuns: input.settings.minSeeds }),
      maxRuns: input.settings.maxSeeds,
    });
  } catch (error) {
    throw new InputError(`sequential.curves: ${(error as Error).message}`, { cause: error });
  }
}

/** A finished record's curves as the points a trainer would have streamed, in step order. */
function pointsOf(record: RunRecord): MetricPoint[] {
  const byStep = new Map<number, Record<string, number>>();
  for (const [metric, points] of Object.entries(record.curves ?? {})) {
    for (const { step, value } of points) {
      const values = byStep.get(step) ?? {};
      values[metric] = value;
      byStep.set(step, values);
    }
  }
  return [...byStep.entries()].sort(([a], [b]) => a - b).map(([step, values]) => ({ step, values }));
}

/** The curve rule's regression as the reason the runs stopped. */
function curveRegressionStop(regression: CurveRegression): SequentialStop {
  const { metric, step, finalStep, runs, rankSum, boundary, alpha } = regression;
  return { code: 'curve-regression', metric, step, finalStep, runs, rankSum, boundary, alpha };
}

function createRule(input: SequentialArmInput, alpha: number | undefined) {
  const specs: Record<string, MetricSpec> = {};
  for (const [metric, spec] of Object.entries(input.candidate.config.metrics)) {
    const stored = input.baseline.metrics[metric];
    if (!stored || stored.samples.length < 2) continue;
    // Paired by seed (unless `pair_by_seed: false`) when the baseline knows its samples' seeds and has a run of every seed the candidate may run.
    const baselineSeeds = input.candidate.config.pair_by_seed ? sampleSeeds(input.baseline, metric) : undefined;
    const paired = baselineSeeds !== undefined && input.seeds.every((seed) => baselineSeeds.includes(seed));
    specs[metric] = { baseline: stored.samples, direction: spec.direction, rope: spec.rope, gate: spec.gate, ...(paired ? { baselineSeeds } : {}) };
  }
  try {
    return sequentialMetricSet(specs, {
      alpha,
      minRuns: input.settings.minSeeds,
      maxRuns: input.settings.maxSeeds,
      expectImprovement: input.expectImprovement,
    });
  } catch (error) {
    throw new InputError(`--sequential: ${(error as Error).message}`, { cause: error });
  }
}

/** One line of evidence for the progress display. */
function describeStep(step: MetricSetStep): string {
  const parts = Object.entries(step.metrics).map(([metric, metricStep]) => {
    const { probWorse, probBetter, rope } = metricStep.evidence;
    const state = metricStep.verdict === 'continue' ? '' : ` → ${metricStep.verdict}`;
    return `${metric}: P(worse) ${formatProbability(probWorse)}, P(better) ${formatProbability(probBetter)} beyond ROPE ${formatRope(rope)}${state}`;
  });
  return `after ${step.n} runs: ${parts.join('; ')}${step.done ? ` — decided: ${step.decision}` : ''}`;
}

/** Why the arm stopped launching seeds when the curve rule did not stop it. */
function stopOf(step: MetricSetStep | null, maxSeeds: number, records: RunRecord[]): SequentialStop {
  if (!step) return { code: 'no-valid-run', ended: records.length };
  if (step.done && (step.decision === 'fail' || step.decision === 'pass')) {
    const metrics = Object.entries(step.metrics).flatMap(([metric, metricStep]) => (metricStep.verdict === 'continue' ? [] : [{ metric, verdict: metricStep.verdict }]));
    return { code: 'decided', decision: step.decision, metrics };
  }
  return { code: 'max-seeds', maxSeeds };
}
