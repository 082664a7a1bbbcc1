/**
 * `mlreg run`: run a config N times, compare it with its baseline, decide. The baseline is a
 * stored file, or the root ancestor run in the same invocation (and then recorded).
 */
import { scrubSecretsDeep } from '../secrets/index.js';
import { writeJsonAtomic } from '../store/atomic-write.js';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../config/index.js';
import type { RunReason } from '../model/reasons.js';
import type { RunDocument } from '../model/run-document.js';
import { describeReason } from '../report/reasons.js';
import type { RunRecord } from '../model/run-record.js';
import { claimInvocation, completeInvocation, createInvocation, findResumable, type InvocationInfo } from '../runner/invocation.js';
import { writeBaselineFile, type BaselineFile } from '../store/baseline-file.js';
import { currentCommit } from '../store/git.js';
import { executeArm } from './steps/execute-arm.js';
import { baselineFromRuns, baselinePath, resolveBaseline } from '../store/baselines.js';
import { projectPaths, projectRelative, type ProjectPaths } from '../config/project.js';
import type { RunObserver } from '../runner/observer.js';
import { InterruptedError } from '../errors.js';
import { comparedMetrics, enforceBaselinePolicy, enforcePower, findBaselineMismatch, gatePower, planGatePower } from './steps/gate-checks.js';
import type { TestFamily } from '../model/gate-power.js';
import { describeMetricPower } from '../report/gate-findings.js';
import { planSeeds } from '../config/seeds.js';
import { validateLauncher } from '../launchers/validate.js';
import { validateTrainerParams } from '../trainers/validate-params.js';
import { ArmWatch, type FailFastFinding } from '../runner/fail-fast.js';
import { failFastError } from '../runner/fail-fast-errors.js';
import { checkBaselineSamples, prepareHistoryFile } from './steps/preflight.js';
import { poolStoredBaseline } from './steps/baseline-pool.js';
import { resolveConcurrency } from './steps/execute-arm.js';
import { FAILURE_RATE_ALPHA } from '../model/defaults.js';
import { cancelledFromOutside } from '../runner/unfinished-runs.js';
import { BASELINE_ARM, CANDIDATE_ARM } from '../runner/arm-names.js';
import type { SequentialOutcome } from './steps/sequential-arm.js';
import type { PublishOptions, Published } from './steps/publish.js';

// The verdict, the sequential rule and the SQLite history are loaded when they are needed, after
// the runs: every module loaded before them is memory that each trainer's fork has to copy.

export interface RunRegressionOptions {
  configFile: string;
  sets?: string[] | undefined;
  /** Maps merged on top of the config (and of the ancestors it is compared with) before `sets`: a suite's overrides. */
  overrides?: LoadOptions['overrides'] | undefined;
  /** `--seeds N`: run seeds 0..N-1 instead of the config's. */
  seeds?: number | undefined;
  /** `--baseline NAME|FILE`. */
  baseline?: string | undefined;
  concurrency?: number | undefined;
  resume?: boolean | undefined;
  expectImprovement?: boolean | undefined;
  signal?: AbortSignal | undefined;
  observer?: RunObserver | undefined;
  paths?: ProjectPaths | undefined;
  /** Decide with as few candidate seeds as the evidence allows (`--sequential`). */
  sequential?: { minSeeds?: number | undefined; maxSeeds?: number | undefined; inFlight?: 'cancel' | 'finish' | undefined } | undefined;
  /** A baseline recorded for other values of its config is bad input (exit 2 before training), whatever `baseline_mismatch` says. */
  strictBaseline?: boolean | undefined;
  /** Run even when a metric cannot fail with these seeds (and say so in the reports). */
  allowUnderpowered?: boolean | undefined;
  /** The family the comparisons are decided in (a suite's); default: this config's metrics, Holm. */
  family?: TestFamily | undefined;
  /** Append the result to the history store and attach the config's history to the document (default true). */
  history?: boolean | { suite: string; suiteRun: string } | undefined;
  /** The suite this run belongs to, when the suite records it itself (`history: false`): a pooled baseline pools that suite's runs. */
  historySuite?: string | undefined;
}

export { CANDIDATE_ARM } from '../runner/arm-names.js';

/** Runs the regression test of one config and returns its document, with the config's history attached. */
export async function runRegression(options: RunRegressionOptions): Promise<RunDocument> {
  return (await regress(options)).doc;
}

/** `mlreg run` from start to end: the regression test, then its document published with the config's `notify` settings. */
export async function runAndPublishRegression(options: RunRegressionOptions & PublishOptions): Promise<Published<RunDocument>> {
  const { doc, candidate } = await regress(options);
  const { publish } = await import('./steps/publish.js');
  return publish(doc, candidate.config.notify, options);
}

/** The regression test: the document, and the candidate config it was decided for. */
async function regress(options: RunRegressionOptions): Promise<{ doc: RunDocument; candidate: LoadedConfig }> {
  const paths = options.paths ?? projectPaths();
  const signal = options.signal ?? new AbortController().signal;
  const candidate = await loadConfig(options.configFile, { sets: options.sets, overrides: options.overrides });
  const resolved = await resolveBaseline(candidate, paths, { explicit: options.baseline, sets: options.sets, overrides: options.overrides });
  const baselineConfig = resolved.kind === 'run' ? resolved.config : resolved.kind === 'record-only' ? candidate : undefined;
  await validateTrainerParams(candidate);
  validateLauncher(candidate);
  if (baselineConfig && baselineConfig !== candidate) {
    await validateTrainerParams(baselineConfig);
    validateLauncher(baselineConfig);
  }
  if (resolved.kind === 'file') checkBaselineSamples(candidate, resolved.baseline, resolved.file, paths.root);
  const historySuite = typeof options.history === 'object' ? options.history.suite : (options.historySuite ?? null);
  // Before the power plan: it, the sequential rule and the comparisons all use the grown baseline.
  const { source, pool } = await poolStoredBaseline(candidate, resolved, paths.historyFile, historySuite);

  const baselineMismatch = findBaselineMismatch(source, candidate, paths.root, options.strictBaseline === true);
  enforceBaselinePolicy(baselineMismatch);

  const seeds: Record<string, number[]> = {};
  if (source.kind !== 'record-only') {
    seeds[CANDIDATE_ARM] = planSeeds(candidate, options.sequential?.maxSeeds ?? options.seeds);
  }
  if (baselineConfig) seeds[BASELINE_ARM] = planSeeds(baselineConfig, options.seeds);
  // The sequential rule has boundaries of its own: the fixed-seed power plan does not describe it.
  const power =
    source.kind === 'record-only' || options.sequential
      ? undefined
      : planGatePower(
          candidate,
          source,
          { candidate: seeds[CANDIDATE_ARM]!.length, baseline: seeds[BASELINE_ARM]?.length },
          options.family ?? { size: comparedMetrics(candidate, source).length, correction: 'holm' },
        );
  if (power) {
    enforcePower({ [candidate.config.name]: power }, options.allowUnderpowered === true);
    if (!options.family) for (const metric of power) options.observer?.onNotice?.(`power: ${describeMetricPower(metric)}`);
  }
  // Before the first trainer: an unusable history file must not cost the training.
  if (options.history !== false && source.kind !== 'record-only') await prepareHistoryFile(paths.historyFile);
  const invocation = await openInvocation(paths, candidate, seeds, options.resume === true, options.observer);
  // Asked while the runs go on; the answer is needed only for the baseline and the document.
  const gitLookup = currentCommit(paths.root);

  // On a cluster both arms go to the queue at once, so that their queue waits overlap instead of
  // adding up; the candidate's crash-rate check, which needs the baseline's runs, waits for the verdict.
  const together = source.kind === 'run' && !options.sequential && onCluster(source.config) && onCluster(candidate);
  const early = together ? startArmEarly(candidate, invocation.seeds[CANDIDATE_ARM]!, invocation.dir, options, signal) : undefined;

  // The baseline arm, when it has to be run now.
  let baseline: BaselineFile;
  let baselineFile: string;
  let baselineRecords: RunRecord[] = [];
  if (source.kind === 'file') {
    baseline = source.baseline;
    baselineFile = source.file;
  } else {
    const baselineSeeds = invocation.seeds[BASELINE_ARM]!;
    const watch = new ArmWatch({
      metrics: Object.keys(baselineConfig!.config.metrics),
      seeds: baselineSeeds.length,
      concurrency: resolveConcurrency(baselineConfig!, options.concurrency, baselineSeeds.length),
      brokenArm: true,
    });
    try {
      baselineRecords = await executeArm({
        arm: BASELINE_ARM,
        loaded: baselineConfig!,
        seeds: baselineSeeds,
        invocationDir: invocation.dir,
        concurrency: options.concurrency,
        signal,
        observer: options.observer,
        watch,
      });
    } catch (error) {
      await early?.cancel();
      throw error;
    }
    if (signal.aborted) {
      await early?.cancel();
      throw new InterruptedError(invocation.dir, signal.reason);
    }
    if (watch.finding && watch.finding.kind !== 'crash-rate-certain') {
      await early?.cancel();
      // Its failed runs are kept as records of what happened; `--resume` starts afresh.
      await completeInvocation(invocation);
      const consequence = source.kind === 'record-only' ? 'no baseline was recorded' : `no baseline was recorded and the candidate arm (${candidate.config.name}) was not launched`;
      throw failFastError(watch.finding, { arm: BASELINE_ARM, loaded: baselineConfig!, root: paths.root, consequence });
    }
    baseline = baselineFromRuns(baselineConfig!, baselineRecords, { gitCommit: await gitLookup, root: paths.root });
    baselineFile = baselinePath(paths, baseline.name);
    const ok = baselineRecords.filter((record) => record.status === 'ok').length;
    if (ok >= 2) {
      await writeBaselineFile(baselineFile, scrubSecretsDeep(baseline));
      options.observer?.onNotice?.(`recorded baseline ${projectRelative(paths.root, baselineFile)} from ${ok} runs of ${baseline.name}`);
    }
  }
  if (source.kind === 'record-only') {
    await finishInvocation(invocation, cancelledFromOutside(baselineRecords), options.observer);
    const { recordOnlyDocument } = await import('./steps/run-document.js');
    const doc = recordOnlyDocument(candidate, projectRelative(paths.root, baselineFile), baselineRecords, paths.root);
    return { doc: await withHistory(doc, paths, options), candidate };
  }

  const candidateSeeds = invocation.seeds[CANDIDATE_ARM]!;
  const candidateWatch =
    early?.watch ??
    new ArmWatch({
      metrics: Object.keys(candidate.config.metrics),
      seeds: candidateSeeds.length,
      concurrency: resolveConcurrency(candidate, options.concurrency, candidateSeeds.length),
      crashRate: {
        baselineFailed: baseline.runs.filter((run) => run.status !== 'ok').length,
        baselineTotal: baseline.runs.length,
        alpha: FAILURE_RATE_ALPHA,
      },
    });
  let candidateRecords: RunRecord[];
  let sequential: SequentialOutcome | undefined;
  if (options.sequential) {
    const { runSequentialCandidate } = await import('./steps/sequential-arm.js');
    sequential = await runSequentialCandidate({
      candidate,
      baseline,
      seeds: candidateSeeds,
      invocationDir: invocation.dir,
      settings: { ...options.sequential, maxSeeds: candidateSeeds.length },
      expectImprovement: options.expectImprovement === true,
      concurrency: options.concurrency,
      signal,
      observer: options.observer,
      watch: candidateWatch,
    });
    candidateRecords = sequential.records;
  } else if (early) {
    candidateRecords = await early.records;
  } else {
    candidateRecords = await executeArm({
      arm: CANDIDATE_ARM,
      loaded: candidate,
      seeds: candidateSeeds,
      invocationDir: invocation.dir,
      concurrency: options.concurrency,
      signal,
      observer: options.observer,
      watch: candidateWatch,
    });
  }
  if (signal.aborted) throw new InterruptedError(invocation.dir, signal.reason);
  const stop = candidateWatch.finding;
  if (stop && stop.kind !== 'crash-rate-certain') {
    await completeInvocation(invocation);
    throw failFastError(stop, { arm: CANDIDATE_ARM, loaded: candidate, root: paths.root, consequence: 'the remaining candidate runs were not launched' });
  }
  // Seeds never launched because the crash-rate regression was already certain.
  const notLaunched = stop ? candidateSeeds.length - candidateRecords.length : 0;
  const stoppedEarly = stop && notLaunched > 0 ? stoppedEarlyReason(stop, notLaunched) : undefined;
  if (stoppedEarly) options.observer?.onNotice?.(describeReason(stoppedEarly));

  const [{ buildDocument }, gitCommit] = await Promise.all([import('./steps/run-document.js'), gitLookup]);
  const doc = buildDocument({
    candidate,
    candidateRecords,
    baseline,
    baselineFile: projectRelative(paths.root, baselineFile),
    baselineRecords,
    source,
    expectImprovement: options.expectImprovement === true,
    gitCommit,
    sequential,
    root: paths.root,
    ...(baselineMismatch ? { baselineMismatch } : {}),
    ...(power ? { power: gatePower(power, options.allowUnderpowered === true) } : {}),
    ...(pool ? { pool } : {}),
  });
  if (stoppedEarly) doc.reasons.push(stoppedEarly);
  await writeJsonAtomic(`${invocation.dir}/document.json`, doc);
  const unfinished = [
    ...cancelledFromOutside(baselineRecords),
    ...cancelledFromOutside(candidateRecords, sequential !== undefined && (sequential.step?.done === true || (sequential.curves?.regression ?? null) !== null)),
  ];
  const finished = await finishInvocation(invocation, unfinished, options.observer);
  // An unfinished invocation goes into the history once `--resume` has finished it: one point per invocation.
  if (finished && options.history !== false) {
    const { openHistory } = await import('../store/open-history.js');
    const history = await openHistory(paths.historyFile);
    try {
      const suite = typeof options.history === 'object' ? options.history : undefined;
      await history.record(doc, { kind: suite ? 'suite' : 'run', suite: suite?.suite, suiteRun: suite?.suiteRun, sets: options.sets });
    } finally {
      await history.close();
    }
  }
  return { doc: await withHistory(doc, paths, options), candidate };
}

/** The document with its config's history (the series it belongs to and their change points), unless the caller records the history itself (a suite). */
async function withHistory(doc: RunDocument, paths: ProjectPaths, options: RunRegressionOptions): Promise<RunDocument> {
  if (options.history === false) return doc;
  const { documentHistory } = await import('../store/history-series.js');
  return Object.assign(doc, await documentHistory(doc, paths.historyFile, null));
}

/**
 * Marks the invocation complete, unless some of its runs were cancelled from outside: then it
 * stays unfinished, so `--resume` runs just those seeds. Returns whether it is complete.
 */
async function finishInvocation(invocation: InvocationInfo, unfinished: RunRecord[], observer: RunObserver | undefined): Promise<boolean> {
  if (unfinished.length === 0) {
    await completeInvocation(invocation);
    return true;
  }
  const seeds = unfinished.map((record) => record.seed).join(', ');
  observer?.onNotice?.(
    `seed${unfinished.length === 1 ? '' : 's'} ${seeds} cancelled from outside mlreg: ${invocation.dir} stays unfinished; run the same command with --resume to run just those seeds`,
  );
  return false;
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
    const claim = earlier ? await claimInvocation(earlier) : undefined;
    if (claim) {
      if (claim.unchecked)
        observer?.onNotice?.(`${claim.info.dir} was started by pid ${claim.unchecked.pid} on ${claim.unchecked.host}, which cannot be checked from here: make sure it has stopped`);
      observer?.onNotice?.(`resuming ${claim.info.dir}`);
      return claim.info;
    }
    observer?.onNotice?.(`nothing to resume for ${candidate.config.name} (fingerprint ${candidate.fingerprint.slice(0, 12)}); starting afresh`);
  }
  return createInvocation(paths.stateDir, candidate.config.name, candidate.fingerprint, seeds);
}

/** Whether a config's runs go to a cluster scheduler (whose queue, not this machine, limits them). */
function onCluster(loaded: LoadedConfig): boolean {
  return loaded.config.launcher.type !== 'local';
}

/**
 * Starts the candidate arm while the baseline arm runs (cluster launchers). Its watch stops it on
 * a broken arm or bad metrics, as usual; `cancel` ends it when the baseline arm fails or stops.
 */
function startArmEarly(
  candidate: LoadedConfig,
  seeds: number[],
  invocationDir: string,
  options: RunRegressionOptions,
  signal: AbortSignal,
): { watch: ArmWatch; records: Promise<RunRecord[]>; cancel(): Promise<void> } {
  const stop = new AbortController();
  const watch = new ArmWatch({
    metrics: Object.keys(candidate.config.metrics),
    seeds: seeds.length,
    concurrency: resolveConcurrency(candidate, options.concurrency, seeds.length),
  });
  const records = executeArm({
    arm: CANDIDATE_ARM,
    loaded: candidate,
    seeds,
    invocationDir,
    concurrency: options.concurrency,
    signal: AbortSignal.any([signal, stop.signal]),
    observer: options.observer,
    watch,
  });
  // Awaited where it is used; a failure before then is not an unhandled rejection.
  records.catch(() => undefined);
  return {
    watch,
    records,
    async cancel() {
      stop.abort();
      await records.catch(() => undefined);
    },
  };
}

/** The document's reason for a candidate arm stopped because its crash-rate regression was certain; `notLaunched` seeds never ran. */
function stoppedEarlyReason(finding: Extract<FailFastFinding, { kind: 'crash-rate-certain' }>, notLaunched: number): Extract<RunReason, { code: 'stopped-early' }> {
  const { planned, failed, baselineFailed, baselineTotal, pValue } = finding;
  return { code: 'stopped-early', notLaunched, planned, failed, baselineFailed, baselineTotal, pValue };
}
