/**
 * The run document of `mlreg run` from an invocation's records and its baseline: the per-metric
 * comparisons, the overall verdict and why, as data for the reporters.
 */
import { scrubSecretsDeep } from '../../secrets/index.js';
import { configDiff, type LoadedConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { ArmSummary, BaselineMismatch, BaselinePool, RunDocument, SequentialCurvesFinding } from '../../model/run-document.js';
import type { GatePower } from '../../model/gate-power.js';
import type { RunRecord } from '../../model/run-record.js';
import { baselineCurves, sampleSeeds, type BaselineFile } from '../../store/baseline-file.js';
import { compareMetrics, type MetricInput } from '../../verdict/index.js';
import { decideOverall } from '../../verdict/overall.js';
import type { DetailedComparison } from '../../model/comparison.js';
import { MLREG_VERSION } from '../../version.js';
import type { BaselineSource } from '../../store/baselines.js';
import { decidedSequentially, type SequentialOutcome } from './sequential-arm.js';
import type { CheckpointState } from '../../sequential/curve-rule.js';
import { lastStep } from '../../curves/index.js';
import { curveChecks } from './curve-checks.js';
import { projectRelative } from '../../config/project.js';
import { BASELINE_ARM, CANDIDATE_ARM } from '../../runner/arm-names.js';
import { cancelledFromOutside, unfinishedRunsReason } from '../../runner/unfinished-runs.js';

export interface DocumentInput {
  candidate: LoadedConfig;
  candidateRecords: RunRecord[];
  baseline: BaselineFile;
  /** As reports show it: relative to the project when inside it. */
  baselineFile: string;
  /** The project directory, for the paths reports show. */
  root: string;
  baselineRecords: RunRecord[];
  source: BaselineSource;
  expectImprovement: boolean;
  gitCommit: string | null;
  sequential?: SequentialOutcome | undefined;
  /** The baseline was recorded for other values of its config (found before the runs). */
  baselineMismatch?: BaselineMismatch | undefined;
  /** What the gate could detect (computed before the runs). */
  power?: GatePower | undefined;
  /** Where the pooled baseline's samples came from (`baseline_pool.from: history`); `baseline` already holds them. */
  pool?: BaselinePool | undefined;
}

/** The document of a run that compared a candidate arm with a baseline, free of secrets (it goes to reports, history and notifications). */
export function buildDocument(input: DocumentInput): RunDocument {
  return scrubSecretsDeep(assembleDocument(input));
}

function assembleDocument(input: DocumentInput): RunDocument {
  const { candidate, baseline } = input;
  const candidateSamples = samplesOf(input.candidateRecords, Object.keys(candidate.config.metrics));
  const reasons: RunDocument['reasons'] = [];
  const entries: MetricInput[] = [];
  for (const [metric, spec] of Object.entries(candidate.config.metrics)) {
    const stored = baseline.metrics[metric];
    if (!stored) {
      reasons.push({ code: 'metric-not-in-baseline', metric, baselineFile: input.baselineFile });
      continue;
    }
    if (stored.direction !== spec.direction) {
      throw new InputError(
        `${projectRelative(input.root, candidate.file)}: metrics.${metric}.direction: expected "${stored.direction}" as in ${input.baselineFile}, received "${spec.direction}"`,
      );
    }
    const candidateValues = candidateSamples[metric] ?? [];
    if (stored.samples.length < 2 || candidateValues.length < 2) continue;
    const baselineSeeds = candidate.config.pair_by_seed ? sampleSeeds(baseline, metric) : undefined;
    const familySize = input.power?.metrics.find((power) => power.metric === metric)?.family.size;
    entries.push({
      ...(familySize === undefined ? {} : { familySize }),
      // Runs of the same seed are compared as pairs when the baseline knows its samples' seeds.
      ...(baselineSeeds ? { seeds: { baseline: baselineSeeds, candidate: seedsOf(input.candidateRecords) } } : {}),
      metric,
      baseline: stored.samples,
      candidate: candidateValues,
      direction: spec.direction,
      alpha: spec.alpha,
      rope: spec.rope,
      expectImprovement: input.expectImprovement,
    });
  }
  // Curve-level checks join the family like any metric; under --sequential they are reported, not gated (the sequential rules do not cover them).
  const checks = curveChecks(
    candidate,
    (metric) => baselineCurvesFor(input, metric),
    (metric) => curvesOf(input.candidateRecords)[metric] ?? [],
  );
  for (const check of checks) {
    if (check.baseline.length < 2 || check.candidate.length < 2) {
      reasons.push({
        code: 'curve-check-skipped',
        metric: check.metric,
        baselineRuns: check.baseline.length,
        candidateRuns: check.candidate.length,
      });
      continue;
    }
    entries.push({
      metric: check.metric,
      baseline: check.baseline,
      candidate: check.candidate,
      direction: check.direction,
      alpha: check.alpha,
      rope: check.rope,
      expectImprovement: input.expectImprovement,
    });
  }
  const gatingChecks = Object.fromEntries(checks.map((check) => [check.metric, check.gate && input.sequential === undefined]));
  const comparisons = withCurveRegression(withSequentialVerdicts(compareMetrics(entries), input.sequential), input).map((comparison) => {
    if (input.sequential === undefined || !Object.hasOwn(gatingChecks, comparison.metric)) return comparison;
    reasons.push({
      code: 'curve-check-not-sequential',
      metric: comparison.metric,
    });
    return { ...comparison, verdict: 'inconclusive' as const };
  });
  const baselineOk = baseline.runs.filter((run) => run.status === 'ok').length;
  const candidateOk = input.candidateRecords.filter((record) => record.status === 'ok').length;
  // Runs cancelled because the verdict was already decided did not fail; runs cancelled from outside
  // are not the model's crashes either (they count as not-ok in the arm's failed runs, not here).
  const withdrawn = input.sequential !== undefined && decidedSequentially(input.sequential);
  const unfinished = unfinishedRunsReason({
    [BASELINE_ARM]: cancelledFromOutside(input.baselineRecords),
    [CANDIDATE_ARM]: cancelledFromOutside(input.candidateRecords, withdrawn),
  });
  if (unfinished) reasons.push(unfinished);
  const candidateEnded = input.candidateRecords.filter((record) => record.status !== 'cancelled').length;
  const overall = decideOverall({
    comparisons,
    gating: { ...gatingChecks, ...Object.fromEntries(Object.entries(candidate.config.metrics).map(([metric, spec]) => [metric, spec.gate])) },
    baseline: { ok: baselineOk, total: baseline.runs.length },
    candidate: { ok: candidateOk, total: candidateEnded },
  });
  const baselineConfig = input.source.kind === 'file' ? input.source.config : input.source.kind === 'run' ? input.source.config : undefined;
  // What changed: against the config the baseline's runs were made with when the file stores it,
  // so an edited ancestor, `--set` and a suite's overrides all show; else against the ancestor as it is now.
  const reference = baseline.config ?? (baselineConfig && baselineConfig !== candidate ? baselineConfig.config : undefined);
  const links = input.candidateRecords.flatMap((record) => (record.links ?? []).map((url) => ({ label: `seed ${record.seed}`, url })));
  return {
    mlregVersion: MLREG_VERSION,
    createdAt: new Date().toISOString(),
    config: {
      ...documentConfig(candidate, input.root, reference ? configDiff(reference, candidate.config) : {}, comparisons),
      ...(baseline.config ? { diffAgainst: 'recorded' as const } : {}),
    },
    baseline: baselineSummary(input),
    candidate: {
      ...armSummary(
        candidate.config.name,
        projectRelative(input.root, candidate.file),
        candidate.fingerprint,
        input.candidateRecords,
        Object.keys(candidate.config.metrics),
        withdrawn,
      ),
      gitCommit: input.gitCommit,
    },
    runs: [...input.baselineRecords.map((record) => ({ ...record, arm: BASELINE_ARM })), ...input.candidateRecords.map((record) => ({ ...record, arm: CANDIDATE_ARM }))],
    comparisons,
    failureRate: overall.failureRate,
    verdict: overall.verdict,
    exitCode: overall.exitCode,
    reasons: [...overall.reasons, ...reasons],
    links,
    ...(input.baselineMismatch ? { baselineMismatch: input.baselineMismatch } : {}),
    ...(input.power ? { power: input.power } : {}),
    ...(input.sequential
      ? {
          sequential: {
            seedsUsed: input.sequential.curves?.regression?.runs ?? input.sequential.step?.n ?? 0,
            maxSeeds: input.sequential.maxSeeds,
            stop: input.sequential.stop,
            ...stepsTrainedEntry(input.candidateRecords),
            ...(input.sequential.curves ? { curves: curvesFinding(input.sequential.curves) } : {}),
          },
        }
      : {}),
  };
}

/**
 * With --sequential the per-metric verdicts are the sequential rule's: a fixed-N test on data
 * gathered until it looked decided would not keep its error rates.
 */
function withSequentialVerdicts(comparisons: DetailedComparison[], sequential: SequentialOutcome | undefined): DetailedComparison[] {
  if (!sequential?.step) return comparisons;
  const steps = sequential.step.metrics;
  return comparisons.map((comparison) => {
    const step = steps[comparison.metric];
    if (!step) return comparison;
    const verdict = step.verdict === 'continue' ? 'inconclusive' : step.verdict;
    const paired = step.evidence.paired;
    if (!paired) return { ...comparison, verdict };
    // The sequential rule paired the runs by seed: the document says so, with its pairs (baseline seeds not yet run are not a mismatch).
    const pairing = { paired: true, pairs: paired.pairs, unpairedBaseline: 0, unpairedCandidate: paired.unpairedCandidate, identical: paired.identical };
    return { ...comparison, verdict, paired: true, pairing };
  });
}

/**
 * A metric the learning-curve rule decided worse is a regression, whatever its final values (if
 * any run finished) say; without two finished runs its comparison is made of the values at the
 * checkpoint that decided it, and says so (`checkpoint`).
 */
function withCurveRegression(comparisons: DetailedComparison[], input: DocumentInput): DetailedComparison[] {
  const regression = input.sequential?.curves?.regression;
  if (!regression) return comparisons;
  const checkpoint = { step: regression.step, finalStep: regression.finalStep, runs: regression.runs };
  const existing = comparisons.find((comparison) => comparison.metric === regression.metric);
  if (existing) return comparisons.map((comparison) => (comparison === existing ? { ...comparison, verdict: 'regression', checkpoint } : comparison));
  const spec = input.candidate.config.metrics[regression.metric]!;
  const [atCheckpoint] = compareMetrics([
    {
      metric: regression.metric,
      baseline: regression.baseline,
      candidate: regression.candidate,
      direction: spec.direction,
      alpha: spec.alpha,
      rope: spec.rope,
      expectImprovement: input.expectImprovement,
    },
  ]);
  return [...comparisons, { ...atCheckpoint!, verdict: 'regression', checkpoint }];
}

/** The baseline's curves of `metric`: its runs' in this invocation, else the ones its file stores. */
function baselineCurvesFor(input: DocumentInput, metric: string): Array<Array<{ step: number; value: number }>> {
  return input.source.kind === 'run' ? (curvesOf(input.baselineRecords)[metric] ?? []) : baselineCurves(input.baseline, metric);
}

/** Steps the candidate's runs trained, finished or stopped: the last step each streamed (absent when none streamed a curve). */
function stepsTrainedEntry(records: RunRecord[]): { stepsTrained?: number } {
  const steps = records.map((record) => Math.max(0, ...Object.values(record.curves ?? {}).map(lastStep)));
  return steps.some((step) => step > 0) ? { stepsTrained: steps.reduce((sum, step) => sum + step, 0) } : {};
}

/** The learning-curve rule as the document keeps it: its budget, its checkpoints and where it stopped. */
function curvesFinding(curves: NonNullable<SequentialOutcome['curves']>): SequentialCurvesFinding {
  const cell = (state: CheckpointState) => ({
    metric: state.metric,
    step: state.step,
    finalStep: state.finalStep,
    runs: state.candidate.length,
    rankSum: state.rankSum,
    boundary: state.boundary,
    alpha: state.alpha,
  });
  return {
    alpha: curves.alpha,
    checkpoints: curves.checkpoints.map(cell),
    ...(curves.regression ? { stoppedAt: { ...cell(curves.regression), runs: curves.regression.runs, seeds: curves.regression.seeds } } : {}),
  };
}

function baselineSummary(input: DocumentInput): ArmSummary {
  const { baseline } = input;
  const samples = Object.fromEntries(Object.entries(baseline.metrics).map(([metric, entry]) => [metric, entry.samples]));
  const ran = input.source.kind === 'run';
  return {
    name: baseline.name,
    configFile: baseline.configFile,
    fingerprint: baseline.fingerprint,
    source: ran ? 'runs' : 'baseline-file',
    baselineFile: input.baselineFile,
    recordedAt: baseline.recordedAt,
    gitCommit: baseline.gitCommit,
    mlregVersion: baseline.mlregVersion,
    runs: baseline.runs.length,
    failedRuns: baseline.runs.filter((run) => run.status !== 'ok').length,
    samples,
    ...curvesEntry(ran ? curvesOf(input.baselineRecords) : storedCurvesOfBaseline(baseline)),
    ...(input.pool ? { pool: input.pool } : {}),
  };
}

/** `{ curves }` when there is at least one curve, else nothing (a document without curves keeps its shape). */
function curvesEntry(curves: NonNullable<ArmSummary['curves']>): Pick<ArmSummary, 'curves'> {
  return Object.keys(curves).length > 0 ? { curves } : {};
}

/** The curves a baseline file stores, per metric (one series per successful run that has one). */
function storedCurvesOfBaseline(baseline: BaselineFile): NonNullable<ArmSummary['curves']> {
  const metrics = new Set(baseline.runs.flatMap((run) => Object.keys(run.curves ?? {})));
  return Object.fromEntries([...metrics].map((metric) => [metric, baselineCurves(baseline, metric)]));
}

/** An arm's summary; its cancelled runs count as failed unless mlreg withdrew them (`withdrawn`: a decided sequential test). */
function armSummary(name: string, file: string, fingerprint: string, records: RunRecord[], metrics: string[], withdrawn = false): ArmSummary {
  return {
    name,
    configFile: file,
    fingerprint,
    source: 'runs',
    runs: records.length,
    failedRuns: records.filter((record) => record.status !== 'ok' && !(withdrawn && record.status === 'cancelled')).length,
    samples: samplesOf(records, metrics),
    curves: curvesOf(records),
  };
}

/** The seeds of the successful runs, in the order of samplesOf's values. */
function seedsOf(records: RunRecord[]): number[] {
  return records.filter((record) => record.status === 'ok').map((record) => record.seed);
}

function samplesOf(records: RunRecord[], metrics: string[]): Record<string, number[]> {
  const ok = records.filter((record) => record.status === 'ok');
  return Object.fromEntries(metrics.map((metric) => [metric, ok.map((record) => record.metrics[metric]!)]));
}

function curvesOf(records: RunRecord[]): NonNullable<ArmSummary['curves']> {
  const curves: NonNullable<ArmSummary['curves']> = {};
  for (const record of records) {
    if (record.status !== 'ok') continue;
    for (const [metric, points] of Object.entries(record.curves ?? {})) (curves[metric] ??= []).push(points);
  }
  return curves;
}

/** The document of a run that only recorded a root config's first baseline, free of secrets. */
export function recordOnlyDocument(candidate: LoadedConfig, baselineFile: string, records: RunRecord[], root: string): RunDocument {
  return scrubSecretsDeep(assembleRecordOnlyDocument(candidate, baselineFile, records, root));
}

function assembleRecordOnlyDocument(candidate: LoadedConfig, baselineFile: string, records: RunRecord[], root: string): RunDocument {
  const ok = records.filter((record) => record.status === 'ok').length;
  const minimum = 2;
  const recorded = ok >= minimum;
  const summary: ArmSummary = {
    ...armSummary(candidate.config.name, projectRelative(root, candidate.file), candidate.fingerprint, records, Object.keys(candidate.config.metrics)),
    baselineFile,
  };
  return {
    mlregVersion: MLREG_VERSION,
    createdAt: new Date().toISOString(),
    config: documentConfig(candidate, root, {}, []),
    baseline: summary,
    candidate: summary,
    runs: records.map((record) => ({ ...record, arm: BASELINE_ARM })),
    comparisons: [],
    verdict: recorded ? 'pass' : 'error',
    exitCode: recorded ? 0 : 3,
    reasons: [
      recorded
        ? { code: 'baseline-recorded', config: candidate.config.name, baselineFile, runs: ok }
        : { code: 'too-few-runs', arm: 'baseline', ok, total: records.length, minimum, recording: true },
      ...[unfinishedRunsReason({ [BASELINE_ARM]: cancelledFromOutside(records) })].filter((reason) => reason !== undefined),
    ],
    links: [],
  };
}

/** The document's `config` block: identity, what changed against the baseline's config, metric directions and ROPEs. */
function documentConfig(candidate: LoadedConfig, root: string, diff: RunDocument['config']['diff'], comparisons: DetailedComparison[]): RunDocument['config'] {
  const ropeOf = (metric: string) => comparisons.find((c) => c.metric === metric)?.decision.rope.halfWidth;
  return {
    name: candidate.config.name,
    file: projectRelative(root, candidate.file),
    fingerprint: candidate.fingerprint,
    tags: candidate.config.tags,
    diff,
    metrics: Object.fromEntries(
      Object.entries(candidate.config.metrics).map(([metric, spec]) => {
        const rope = ropeOf(metric);
        return [metric, { direction: spec.direction, ...(rope === undefined ? {} : { rope }) }];
      }),
    ),
  };
}
