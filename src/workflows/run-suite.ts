/**
 * `mlreg suite run`: run every config of a suite with the suite's overrides, then decide the whole
 * suite as one family of tests (Holm or Benjamini–Hochberg across configs × metrics), so a suite
 * of ten configs is not ten chances of a false alarm. Each config's verdict is recomputed from
 * its adjusted comparisons and recorded in the history under the suite and this suite run.
 */
import { InterruptedError, isInputError } from '../errors.js';
import { protectNotifierSecrets } from '../plugins/notifiers.js';
import { scrubSecretsDeep } from '../secrets/index.js';
import { relative, resolve } from 'node:path';
import type { RunDocument } from '../model/run-document.js';
import type { SuiteAdjustment, SuiteDocument } from '../model/suite-document.js';
import { openHistory, prepareHistory } from '../store/open-history.js';
import { changesFingerprint, isSuitePath, loadSuite, suitePaths, type LoadedSuite, type LoadedSuiteEntry } from '../suite/index.js';
import { DEFAULT_ALPHA } from '../model/defaults.js';
import { adjustSuite } from '../verdict/index.js';
import type { DetailedComparison } from '../model/comparison.js';
import { decideOverall } from '../verdict/overall.js';
import { MLREG_VERSION } from '../version.js';
import { projectPaths, type ProjectPaths } from '../config/project.js';
import { documentHistory } from '../store/history-series.js';
import type { RunObserver } from '../runner/observer.js';
import { loadConfig } from '../config/index.js';
import { resolveBaseline } from '../store/baselines.js';
import { comparedMetrics, enforceBaselinePolicy, enforcePower, findBaselineMismatch, planGatePower } from './steps/gate-checks.js';
import type { TestFamily } from '../model/gate-power.js';
import { runRegression } from './run-regression.js';
import { publish, type PublishOptions, type Published } from './steps/publish.js';
import { planSeeds } from '../config/seeds.js';

export interface RunSuiteOptions {
  /** A suite name (`suites/<name>.yaml`) or a path. */
  suite: string;
  /** `--set key.path=value` applied to every config after the suite's overrides. */
  sets?: string[] | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  observer?: RunObserver | undefined;
  paths?: ProjectPaths | undefined;
  /** A baseline recorded for other values of its config is bad input (exit 2 before training). */
  strictBaseline?: boolean | undefined;
  /** Run even when a config × metric cannot fail with these seeds (and say so in the reports). */
  allowUnderpowered?: boolean | undefined;
}

interface SuiteRun {
  doc: SuiteDocument;
  suite: LoadedSuite;
  /** Groups this run's configs in the history. */
  suiteRun: string;
}

/** Reasons decideOverall writes; the rest of a document's reasons (stale baseline …) are kept when it is re-decided. */
const OVERALL_CODES = new Set(['failure-rate', 'regression', 'suspicious', 'too-few-runs', 'nothing-compared']);

/** `mlreg suite run` from start to end: the suite, then its document published with the suite's `notify` settings. */
export async function runAndPublishSuite(options: RunSuiteOptions & PublishOptions): Promise<Published<SuiteDocument>> {
  const { doc, suite } = await runSuite(options);
  return publish(doc, suite.spec.notify, options);
}

/** Runs the suite's configs in order and returns its document; every config is validated before the first runs. */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteRun> {
  const paths = options.paths ?? projectPaths();
  // A name is looked up in the project's suites/, a path is the user's, relative to where they are.
  const suite = loadSuite(isSuitePath(options.suite) ? resolve(options.suite) : options.suite, { cwd: paths.root });
  // The suite's webhook is a notification secret: no trainer of any of its configs sees it.
  protectNotifierSecrets(suite.spec.notify);
  // Before the first config trains: an unusable history store fails now, not after every run.
  await prepareHistory(paths.historyFile);
  const started = new Date();
  const suiteRun = `${suite.name}-${started.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}`;
  const family = await checkBeforeRunning(suite, paths, options);
  const errors: SuiteDocument['reasons'] = [];
  const runOne = async (entry: LoadedSuiteEntry, observer: RunObserver | undefined): Promise<RunDocument | undefined> => {
    options.observer?.onNotice?.(`suite ${suite.name}: ${entry.loaded.name} (${entry.index + 1} of ${suite.entries.length})`);
    try {
      return await runEntry(suite, entry, paths, { ...options, observer }, family);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      // A config mistake found after the suite started (a metric typo, a broken baseline) is bad
      // input like any other; a fault of the machinery is infrastructure.
      const code = isInputError(error) ? 'config-input-error' : 'config-error';
      errors.push({ code, config: entry.loaded.name, message: (error as Error).message });
      options.observer?.onNotice?.(`suite ${suite.name}: ${entry.loaded.name} could not be tested: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };
  const docs: RunDocument[] = [];
  if (allOnCluster(suite, options.sets)) {
    // Every config's arrays go to the queue at once: the suite takes about as long as its slowest array.
    const settled = await Promise.allSettled(suite.entries.map((entry) => runOne(entry, configObserver(options.observer, entry.loaded.name))));
    const interrupted = settled.find((result) => result.status === 'rejected');
    if (interrupted) throw interrupted.reason;
    for (const result of settled) if (result.status === 'fulfilled' && result.value) docs.push(result.value);
  } else {
    for (const entry of suite.entries) {
      const doc = await runOne(entry, options.observer);
      if (doc) docs.push(doc);
    }
  }
  const { adjusted, adjustment } = adjustAcrossSuite(suite, docs);
  await recordSuite(paths.historyFile, adjusted, suite.name, suiteRun, options.sets);
  for (const doc of adjusted) Object.assign(doc, await documentHistory(doc, paths.historyFile, suite.name));
  return { doc: scrubSecretsDeep(suiteDocument(suite, relative(paths.root, suite.file), started, adjusted, adjustment, errors)), suite, suiteRun };
}

/**
 * Before any training: every config's baseline against its current values, and whether each
 * config × metric can fail when the whole suite is one family of tests. Returns the family.
 * A config that cannot even be loaded here is left to its own run, which reports it.
 */
async function checkBeforeRunning(suite: LoadedSuite, paths: ProjectPaths, options: RunSuiteOptions): Promise<TestFamily> {
  const planned = [];
  for (const entry of suite.entries) {
    try {
      const loaded = loadConfig(entry.loaded.file, { overrides: entry.overrides, sets: options.sets });
      const entryPaths = suitePaths(paths, suite.name, changesFingerprint(entry.loaded, { overrides: entry.overrides, sets: options.sets }));
      const source = await resolveBaseline(loaded, entryPaths, { sets: options.sets, overrides: entry.overrides });
      planned.push({ entry, loaded, source });
    } catch {}
  }
  for (const { loaded, source } of planned) enforceBaselinePolicy(findBaselineMismatch(source, loaded, paths.root, options.strictBaseline === true));
  const family: TestFamily = { size: planned.reduce((sum, { loaded, source }) => sum + comparedMetrics(loaded, source).length, 0), correction: suite.spec.correction };
  const power: Record<string, ReturnType<typeof planGatePower>> = {};
  for (const { entry, loaded, source } of planned) {
    if (source.kind === 'record-only') continue;
    const seeds = entry.entry.seeds;
    power[loaded.name] = planGatePower(
      loaded,
      source,
      {
        candidate: planSeeds(loaded, seeds).length,
        ...(source.kind === 'run' ? { baseline: planSeeds(source.config, seeds).length } : {}),
      },
      family,
    );
  }
  enforcePower(power, options.allowUnderpowered === true);
  const metrics = Object.values(power).flat();
  const cannotFail = metrics.filter((m) => !m.canFail).length;
  options.observer?.onNotice?.(
    `suite ${suite.name}: ${family.size} config × metric tests decided together (${family.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg'}); ` +
      (cannotFail > 0 ? `${cannotFail} cannot fail with these seeds (--allow-underpowered)` : 'each can fail'),
  );
  return family;
}

/** Whether every config of the suite, with its overrides, runs on a cluster launcher (not this machine). */
function allOnCluster(suite: LoadedSuite, sets: string[] | undefined): boolean {
  return suite.entries.every((entry) => {
    try {
      return loadConfig(entry.loaded.file, { overrides: entry.overrides, sets }).config.launcher.type !== 'local';
    } catch {
      return false; // its own run reports the problem
    }
  });
}

/** An observer for one of several configs running at once: its arms are named `<config>/<arm>`. */
function configObserver(observer: RunObserver | undefined, config: string): RunObserver | undefined {
  if (!observer) return undefined;
  const name = (arm: string) => `${config}/${arm}`;
  return {
    onEvidence: (summary) => observer.onEvidence?.(summary),
    onNotice: (message) => observer.onNotice?.(message),
    onArmStart: (arm, configName, seeds) => observer.onArmStart?.(name(arm), configName, seeds),
    onRunStart: (arm, seed) => observer.onRunStart?.(name(arm), seed),
    onRunProgress: (arm, seed, point) => observer.onRunProgress?.(name(arm), seed, point),
    onRunEnd: (arm, record, resumed) => observer.onRunEnd?.(name(arm), record, resumed),
    onArmEnd: (arm, records) => observer.onArmEnd?.(name(arm), records),
  };
}

async function runEntry(suite: LoadedSuite, entry: LoadedSuiteEntry, paths: ProjectPaths, options: RunSuiteOptions, family: TestFamily): Promise<RunDocument> {
  const variant = changesFingerprint(entry.loaded, { overrides: entry.overrides, sets: options.sets });
  return runRegression({
    family,
    strictBaseline: options.strictBaseline,
    allowUnderpowered: options.allowUnderpowered,
    configFile: entry.loaded.file,
    overrides: entry.overrides,
    sets: options.sets,
    seeds: entry.entry.seeds,
    expectImprovement: entry.entry.expect_improvement,
    concurrency: options.concurrency,
    signal: options.signal,
    observer: options.observer,
    paths: suitePaths(paths, suite.name, variant),
    // Recorded after the suite-wide adjustment, with the verdicts the suite reports.
    history: false,
    historySuite: suite.name,
  });
}

/** Re-decides every comparison of the suite as one family and recomputes each config's verdict. */
export function adjustAcrossSuite(suite: LoadedSuite, docs: readonly RunDocument[]): { adjusted: RunDocument[]; adjustment: SuiteAdjustment } {
  const owners: Array<{ doc: number; comparison: DetailedComparison }> = [];
  docs.forEach((doc, index) => {
    for (const comparison of doc.comparisons) owners.push({ doc: index, comparison });
  });
  const method = suite.spec.correction;
  const decided = adjustSuite(
    owners.map((owner) => owner.comparison),
    { correction: method },
  );
  const adjusted = docs.map((doc, index) => {
    const comparisons = decided.filter((_, i) => owners[i]!.doc === index);
    return comparisons.length > 0 ? redecide(doc, comparisons, gatingOf(suite, doc.config.name)) : { ...doc };
  });
  const tests = decided.map((comparison, i) => ({
    config: docs[owners[i]!.doc]!.config.name,
    metric: comparison.metric,
    pValue: comparison.decision.primary.pValue,
    adjustedPValue: comparison.decision.adjustedPValue,
    rejected: comparison.decision.adjustedPValue <= comparison.decision.alpha,
  }));
  const alphas = new Set(decided.map((comparison) => comparison.decision.alpha));
  const alpha = alphas.size === 1 ? [...alphas][0]! : alphas.size === 0 ? DEFAULT_ALPHA : Math.min(...alphas);
  return { adjusted, adjustment: { method, alpha, family: decided.length, tests } };
}

function redecide(doc: RunDocument, comparisons: DetailedComparison[], gating: Record<string, boolean>): RunDocument {
  const overall = decideOverall({
    comparisons,
    gating,
    baseline: { ok: doc.baseline.runs - doc.baseline.failedRuns, total: doc.baseline.runs },
    candidate: { ok: doc.candidate.runs - doc.candidate.failedRuns, total: doc.candidate.runs },
  });
  const kept = doc.reasons.filter((reason) => !OVERALL_CODES.has(reason.code));
  return { ...doc, comparisons, failureRate: overall.failureRate, verdict: overall.verdict, exitCode: overall.exitCode, reasons: [...overall.reasons, ...kept] };
}

function gatingOf(suite: LoadedSuite, config: string): Record<string, boolean> {
  const entry = suite.entries.find((candidate) => candidate.loaded.name === config);
  return Object.fromEntries(Object.entries(entry?.loaded.config.metrics ?? {}).map(([metric, spec]) => [metric, spec.gate]));
}

async function recordSuite(historyFile: string, docs: readonly RunDocument[], suite: string, suiteRun: string, sets: readonly string[] | undefined): Promise<void> {
  const history = await openHistory(historyFile);
  try {
    for (const doc of docs) await history.record(doc, { kind: 'suite', suite, suiteRun, sets });
  } finally {
    await history.close();
  }
}

/** The suite's verdict: fail when a config failed, error when one errored (and none failed), pass otherwise. */
function suiteDocument(suite: LoadedSuite, file: string, started: Date, configs: RunDocument[], adjustment: SuiteAdjustment, errors: SuiteDocument['reasons']): SuiteDocument {
  const reasons: SuiteDocument['reasons'] = [];
  for (const doc of configs) {
    if (doc.verdict === 'pass') continue;
    for (const reason of doc.reasons) reasons.push({ ...reason, config: doc.config.name });
  }
  reasons.push(...errors);
  const failed = configs.some((doc) => doc.verdict === 'fail');
  const errored = errors.length > 0 || configs.some((doc) => doc.verdict === 'error');
  const badInput = errors.some((error) => error.code === 'config-input-error');
  const verdict = failed ? 'fail' : errored ? 'error' : 'pass';
  return {
    kind: 'suite',
    mlregVersion: MLREG_VERSION,
    createdAt: started.toISOString(),
    suite: { name: suite.name, file },
    configs,
    adjustment,
    verdict,
    exitCode: failed ? 1 : badInput ? 2 : errored ? 3 : 0,
    reasons,
    links: configs.flatMap((doc) => doc.links.map((link) => ({ ...link, label: `${doc.config.name}: ${link.label}` }))),
  };
}
