/**
 * `mlreg run`: run a config N times, compare it with its baseline, decide. The baseline is a
 * stored file, or the root ancestor run in the same invocation (and then recorded).
 */
import { writeJsonAtomic } from '../store/atomic-write.js';
import { loadConfig, configDiff, type LoadedConfig, type LoadOptions } from '../config/index.js';
import { InputError } from '../errors.js';
import type { ArmSummary, RunDocument } from '../report/document.js';
import type { RunRecord } from '../runner/types.js';
import { completeInvocation, createInvocation, findResumable, type InvocationInfo } from '../runner/invocation.js';
import type { BaselineFile } from '../store/baseline-file.js';
import { currentCommit } from '../store/git.js';
import { History } from '../store/history.js';
import { compareMetrics, type MetricInput } from '../verdict/index.js';
import { decideOverall } from '../verdict/overall.js';
import type { Direction, MetricComparison } from '../verdict/types.js';
import { MLREG_VERSION } from '../version.js';
import { executeArm } from './arms.js';
import { baselineFromRuns, baselinePath, resolveBaseline, type BaselineSource } from './baselines.js';
import { projectPaths, type ProjectPaths } from './context.js';
import type { RunObserver } from './observer.js';
import { InterruptedError } from './interrupted.js';
import { planSeeds } from './seeds.js';
import { validateTrainerParams } from './validate-trainer.js';
import { runSequentialCandidate, type SequentialOutcome } from './sequential-arm.js';

export interface RunRegressionOptions {
  configFile: string;
  sets?: string[];
  /** Maps merged on top of the config (and of the ancestors it is compared with) before `sets`: a suite's overrides. */
  overrides?: LoadOptions['overrides'];
  /** `--seeds N`: run seeds 0..N-1 instead of the config's. */
  seeds?: number;
  /** `--baseline NAME|FILE`. */
  baseline?: string;
  concurrency?: number;
  resume?: boolean;
  expectImprovement?: boolean;
  signal?: AbortSignal;
  observer?: RunObserver;
  paths?: ProjectPaths;
  /** Decide with as few candidate seeds as the evidence allows (`--sequential`). */
  sequential?: { minSeeds?: number; maxSeeds?: number; inFlight?: 'cancel' | 'finish' };
  /** Append the result to the SQLite history (default true). */
  history?: boolean | { suite: string; suiteRun: string };
}

export const CANDIDATE_ARM = 'candidate';
export const BASELINE_ARM = 'baseline';

/** Runs the regression test of one config and returns its document. */
export async function runRegression(options: RunRegressionOptions): Promise<RunDocument> {
  const paths = options.paths ?? projectPaths();
  const signal = options.signal ?? new AbortController().signal;
  const candidate = await loadConfig(options.configFile, { sets: options.sets, overrides: options.overrides });
  const source = await resolveBaseline(candidate, paths, { explicit: options.baseline, sets: options.sets, overrides: options.overrides });
  const baselineConfig = source.kind === 'run' ? source.config : source.kind === 'record-only' ? candidate : undefined;
  await validateTrainerParams(candidate);
  if (baselineConfig && baselineConfig !== candidate) await validateTrainerParams(baselineConfig);

  const seeds: Record<string, number[]> = {};
  if (source.kind !== 'record-only') {
    seeds[CANDIDATE_ARM] = planSeeds(candidate, options.sequential?.maxSeeds ?? options.seeds);
  }
  if (baselineConfig) seeds[BASELINE_ARM] = planSeeds(baselineConfig, options.seeds);
  const invocation = await openInvocation(paths, candidate, seeds, options.resume === true, options.observer);
  const gitCommit = await currentCommit(paths.root);

  // The baseline arm, when it has to be run now.
  let baseline: BaselineFile;
  let baselineFile: string;
  let baselineRecords: RunRecord[] = [];
  if (source.kind === 'file') {
    baseline = source.baseline;
    baselineFile = source.file;
  } else {
    baselineRecords = await executeArm({
      arm: BASELINE_ARM, loaded: baselineConfig!, seeds: invocation.seeds[BASELINE_ARM]!, invocationDir: invocation.dir,
      concurrency: options.concurrency, signal, observer: options.observer,
    });
    if (signal.aborted) throw new InterruptedError(invocation.dir);
    baseline = baselineFromRuns(baselineConfig!, baselineRecords, { gitCommit, root: paths.root });
    baselineFile = baselinePath(paths, baseline.name);
    const ok = baselineRecords.filter((record) => record.status === 'ok').length;
    if (ok >= 2) {
      await writeJsonAtomic(baselineFile, baseline);
      options.observer?.onNotice?.(`recorded baseline ${baselineFile} from ${ok} runs of ${baseline.name}`);
    }
  }
  if (source.kind === 'record-only') {
    await completeInvocation(invocation);
    return recordOnlyDocument(candidate, baselineFile, baselineRecords);
  }

  const candidateSeeds = invocation.seeds[CANDIDATE_ARM]!;
  let candidateRecords: RunRecord[];
  let sequential: SequentialOutcome | undefined;
  if (options.sequential) {
    sequential = await runSequentialCandidate({
      candidate, baseline, seeds: candidateSeeds, invocationDir: invocation.dir,
      settings: { ...options.sequential, maxSeeds: candidateSeeds.length },
      expectImprovement: options.expectImprovement === true,
      concurrency: options.concurrency, signal, observer: options.observer,
    });
    candidateRecords = sequential.records;
  } else {
    candidateRecords = await executeArm({
      arm: CANDIDATE_ARM, loaded: candidate, seeds: candidateSeeds, invocationDir: invocation.dir,
      concurrency: options.concurrency, signal, observer: options.observer,
    });
  }
  if (signal.aborted) throw new InterruptedError(invocation.dir);

  const doc = buildDocument({
    candidate, candidateRecords, baseline, baselineFile, baselineRecords, source,
    expectImprovement: options.expectImprovement === true, gitCommit, sequential,
  });
  await writeJsonAtomic(`${invocation.dir}/document.json`, doc);
  await completeInvocation(invocation);
  if (options.history !== false) {
    const history = new History(paths.historyFile);
    try {
      const suite = typeof options.history === 'object' ? options.history : undefined;
      history.record(doc, { kind: suite ? 'suite' : 'run', suite: suite?.suite, suiteRun: suite?.suiteRun });
    } finally {
      history.close();
    }
  }
  return doc;
}

async function openInvocation(
  paths: ProjectPaths,
  candidate: LoadedConfig,
  seeds: Record<string, number[]>,
  resume: boolean,
  observer: RunObserver | undefined,
): Promise<InvocationInfo> {
  if (resume) {
    const earlier = await findResumable(paths.stateDir, candidate.config.name, candidate.fingerprint);
    if (earlier) {
      observer?.onNotice?.(`resuming ${earlier.dir}`);
      return earlier;
    }
    observer?.onNotice?.(`nothing to resume for ${candidate.config.name} (fingerprint ${candidate.fingerprint.slice(0, 12)}); starting afresh`);
  }
  return createInvocation(paths.stateDir, candidate.config.name, candidate.fingerprint, seeds);
}

interface DocumentInput {
  candidate: LoadedConfig;
  candidateRecords: RunRecord[];
  baseline: BaselineFile;
  baselineFile: string;
  baselineRecords: RunRecord[];
  source: BaselineSource;
  expectImprovement: boolean;
  gitCommit: string | null;
  sequential?: SequentialOutcome;
}

function buildDocument(input: DocumentInput): RunDocument {
  const { candidate, baseline } = input;
  const candidateSamples = samplesOf(input.candidateRecords, Object.keys(candidate.config.metrics));
  const reasons: RunDocument['reasons'] = [];
  const entries: MetricInput[] = [];
  for (const [metric, spec] of Object.entries(candidate.config.metrics)) {
    const stored = baseline.metrics[metric];
    if (!stored) {
      reasons.push({ code: 'metric-not-in-baseline', metric, detail: `${metric} is not in ${input.baselineFile}; record the baseline again to compare it` });
      continue;
    }
    if (stored.direction !== spec.direction) {
      throw new InputError(
        `${candidate.file}: metrics.${metric}.direction: expected "${stored.direction}" as in ${input.baselineFile}, received "${spec.direction}"`,
      );
    }
    const candidateValues = candidateSamples[metric] ?? [];
    if (stored.samples.length < 2 || candidateValues.length < 2) continue;
    entries.push({
      metric,
      baseline: stored.samples,
      candidate: candidateValues,
      direction: spec.direction,
      alpha: spec.alpha,
      rope: spec.rope,
      expectImprovement: input.expectImprovement,
    });
  }
  const comparisons: MetricComparison[] = withSequentialVerdicts(compareMetrics(entries), input.sequential);
  const baselineOk = baseline.runs.filter((run) => run.status === 'ok').length;
  const candidateOk = input.candidateRecords.filter((record) => record.status === 'ok').length;
  // Runs cancelled because the verdict was already decided did not fail.
  const candidateEnded = input.candidateRecords.filter((record) => record.status !== 'cancelled').length;
  const overall = decideOverall({
    comparisons,
    gating: Object.fromEntries(Object.entries(candidate.config.metrics).map(([metric, spec]) => [metric, spec.gate])),
    baseline: { ok: baselineOk, total: baseline.runs.length },
    candidate: { ok: candidateOk, total: candidateEnded },
  });
  if (input.source.kind === 'file' && input.source.config && input.source.config.fingerprint !== baseline.fingerprint) {
    reasons.push({
      code: 'stale-baseline',
      detail: `${input.baselineFile} was recorded for a different ${baseline.name} config (fingerprint ${baseline.fingerprint.slice(0, 12)}, now ${input.source.config.fingerprint.slice(0, 12)}); record it again`,
    });
  }
  const baselineConfig = input.source.kind === 'file' ? input.source.config : input.source.kind === 'run' ? input.source.config : undefined;
  const links = input.candidateRecords.flatMap((record) => (record.links ?? []).map((url) => ({ label: `seed ${record.seed}`, url })));
  return {
    mlregVersion: MLREG_VERSION,
    createdAt: new Date().toISOString(),
    config: {
      name: candidate.config.name,
      file: candidate.file,
      fingerprint: candidate.fingerprint,
      tags: candidate.config.tags,
      diff: baselineConfig && baselineConfig !== candidate ? configDiff(baselineConfig.config, candidate.config) : {},
      metrics: Object.fromEntries(Object.entries(candidate.config.metrics).map(([metric, spec]) => [metric, { direction: spec.direction as Direction }])),
    },
    baseline: baselineSummary(input),
    candidate: {
      ...armSummary(candidate.config.name, candidate.file, candidate.fingerprint, input.candidateRecords, Object.keys(candidate.config.metrics)),
      gitCommit: input.gitCommit,
    },
    runs: [
      ...input.baselineRecords.map((record) => ({ ...record, arm: BASELINE_ARM })),
      ...input.candidateRecords.map((record) => ({ ...record, arm: CANDIDATE_ARM })),
    ],
    comparisons,
    failureRate: overall.failureRate,
    verdict: overall.verdict,
    exitCode: overall.exitCode,
    reasons: [...overall.reasons, ...reasons],
    links,
    ...(input.sequential
      ? {
          sequential: {
            seedsUsed: input.sequential.step?.n ?? 0,
            maxSeeds: input.sequential.maxSeeds,
            stoppedBecause: input.sequential.stoppedBecause,
          },
        }
      : {}),
  };
}

/**
 * With --sequential the per-metric verdicts are the sequential rule's: a fixed-N test on data
 * gathered until it looked decided would not keep its error rates.
 */
function withSequentialVerdicts(comparisons: MetricComparison[], sequential: SequentialOutcome | undefined): MetricComparison[] {
  if (!sequential?.step) return comparisons;
  const steps = sequential.step.metrics;
  return comparisons.map((comparison) => {
    const verdict = steps[comparison.metric]?.verdict;
    if (!verdict) return comparison;
    return { ...comparison, verdict: verdict === 'continue' ? 'inconclusive' : verdict };
  });
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
    ...(ran ? { curves: curvesOf(input.baselineRecords) } : {}),
  };
}

function armSummary(name: string, file: string, fingerprint: string, records: RunRecord[], metrics: string[]): ArmSummary {
  return {
    name,
    configFile: file,
    fingerprint,
    source: 'runs',
    runs: records.length,
    failedRuns: records.filter((record) => record.status !== 'ok' && record.status !== 'cancelled').length,
    samples: samplesOf(records, metrics),
    curves: curvesOf(records),
  };
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

function recordOnlyDocument(candidate: LoadedConfig, baselineFile: string, records: RunRecord[]): RunDocument {
  const ok = records.filter((record) => record.status === 'ok').length;
  const recorded = ok >= 2;
  const summary: ArmSummary = {
    ...armSummary(candidate.config.name, candidate.file, candidate.fingerprint, records, Object.keys(candidate.config.metrics)),
    baselineFile,
  };
  return {
    mlregVersion: MLREG_VERSION,
    createdAt: new Date().toISOString(),
    config: {
      name: candidate.config.name,
      file: candidate.file,
      fingerprint: candidate.fingerprint,
      tags: candidate.config.tags,
      diff: {},
      metrics: Object.fromEntries(Object.entries(candidate.config.metrics).map(([metric, spec]) => [metric, { direction: spec.direction as Direction }])),
    },
    baseline: summary,
    candidate: summary,
    runs: records.map((record) => ({ ...record, arm: BASELINE_ARM })),
    comparisons: [],
    verdict: recorded ? 'pass' : 'error',
    exitCode: recorded ? 0 : 3,
    reasons: [
      recorded
        ? { code: 'baseline-recorded', detail: `${candidate.config.name} had no baseline: recorded ${baselineFile} from ${ok} runs; nothing to compare yet` }
        : { code: 'too-few-runs', detail: `only ${ok} of ${records.length} runs finished; no baseline recorded` },
    ],
    links: [],
  };
}
