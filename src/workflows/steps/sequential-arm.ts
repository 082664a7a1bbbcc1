/**
 * `run --sequential`: the candidate arm fed to the sequential rule run by run. Launching stops
 * as soon as the gate is settled; runs in flight are cancelled (recorded `cancelled`) or, with
 * `inFlight: 'finish'`, allowed to finish without changing the decision.
 */
import type { LoadedConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import { formatRope } from '../../report/explain.js';
import type { RunRecord } from '../../model/run-record.js';
import { sequentialMetricSet, type MetricSetStep, type MetricSpec } from '../../sequential/index.js';
import type { BaselineFile } from '../../store/baseline-file.js';
import { executeArm } from './execute-arm.js';
import type { ArmWatch } from '../../runner/fail-fast.js';
import type { RunObserver } from '../../runner/observer.js';

export interface SequentialSettings {
  /** Runs before the first decision (default: the rule's, 3). */
  minSeeds?: number;
  /** The most candidate runs; the design's horizon. */
  maxSeeds: number;
  /** What happens to runs in flight when the verdict is decided. Default `cancel`. */
  inFlight?: 'cancel' | 'finish';
}

export interface SequentialOutcome {
  records: RunRecord[];
  step: MetricSetStep | null;
  maxSeeds: number;
  stoppedBecause: string;
}

interface SequentialArmInput {
  candidate: LoadedConfig;
  baseline: BaselineFile;
  seeds: number[];
  invocationDir: string;
  settings: SequentialSettings;
  expectImprovement: boolean;
  concurrency?: number;
  signal: AbortSignal;
  observer?: RunObserver;
  /** Fail-fast rules for the arm (runner/fail-fast.ts). */
  watch?: ArmWatch;
}

/** Runs candidate seeds until the sequential rule settles the gate or the seeds run out. */
export async function runSequentialCandidate(input: SequentialArmInput): Promise<SequentialOutcome> {
  const rule = createRule(input);
  const decided = new AbortController();
  const cancelInFlight = (input.settings.inFlight ?? 'cancel') === 'cancel';
  let step: MetricSetStep | null = null;
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
    onRecord: (record) => {
      if (record.status !== 'ok' || decided.signal.aborted) return;
      step = rule.add(record.metrics);
      input.observer?.onEvidence?.(describeStep(step));
      if (step.done) decided.abort();
    },
  });
  const last = step as MetricSetStep | null;
  return { records, step: last, maxSeeds: input.settings.maxSeeds, stoppedBecause: stopReason(last, input.settings.maxSeeds, records) };
}

function createRule(input: SequentialArmInput) {
  const specs: Record<string, MetricSpec> = {};
  const alphas: number[] = [];
  for (const [metric, spec] of Object.entries(input.candidate.config.metrics)) {
    const stored = input.baseline.metrics[metric];
    if (!stored || stored.samples.length < 2) continue;
    specs[metric] = { baseline: stored.samples, direction: spec.direction, rope: spec.rope, gate: spec.gate };
    if (spec.gate) alphas.push(spec.alpha);
  }
  try {
    return sequentialMetricSet(specs, {
      alpha: alphas.length > 0 ? Math.min(...alphas) : undefined,
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
    return `${metric}: P(worse) ${percent(probWorse)}, P(better) ${percent(probBetter)} beyond ROPE ${formatRope(rope)}${state}`;
  });
  return `after ${step.n} runs: ${parts.join('; ')}${step.done ? ` — decided: ${step.decision}` : ''}`;
}

function stopReason(step: MetricSetStep | null, maxSeeds: number, records: RunRecord[]): string {
  if (!step) return `no candidate run finished with valid metrics (${records.length} ended)`;
  if (step.done && step.decision !== 'inconclusive') {
    const decidedMetrics = Object.entries(step.metrics)
      .filter(([, metricStep]) => metricStep.verdict !== 'continue')
      .map(([metric, metricStep]) => `${metric} ${metricStep.verdict}`);
    return `the gate was decided (${step.decision}: ${decidedMetrics.join(', ')})`;
  }
  return `all ${maxSeeds} seeds ran without a decision`;
}

function percent(probability: number): string {
  return `${(probability * 100).toFixed(1)}%`;
}
