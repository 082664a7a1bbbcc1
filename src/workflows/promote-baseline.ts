/**
 * `mlreg baseline promote`: turn the candidate arm of a finished run into the config's new
 * baseline file, for the pull request that brings an expected improvement. The replaced baseline's
 * summary is kept in the new file's `previous` list (newest first), so the file tells its history.
 */
import { scrubSecretsDeep } from '../secrets/index.js';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import type { RunDocument } from '../model/run-document.js';
import { readArmRecords } from '../runner/run-arm.js';
import { invocationsDir } from '../runner/invocation.js';
import type { RunRecord } from '../model/run-record.js';
import { BASELINE_SCHEMA, readBaselineFile, writeBaselineFile, type BaselineFile } from '../store/baseline-file.js';
import { describe } from '../stats/describe.js';
import { changesFingerprint, loadSuite, suitePaths } from '../suite/index.js';
import { MIN_SUCCESSFUL_RUNS } from '../verdict/overall.js';
import { MLREG_VERSION } from '../version.js';
import { baselinePath, baselineRunOf, storedConfigOf } from '../store/baselines.js';
import { projectPaths, type ProjectPaths } from '../config/project.js';
import { CANDIDATE_ARM } from './run-regression.js';

export interface PromoteOptions {
  /** The config whose newest finished run (with the same fingerprint) is promoted. */
  configFile?: string | undefined;
  /** `--set` overrides the run was made with, so its fingerprint matches. */
  sets?: string[] | undefined;
  /** An invocation directory (`.mlreg/runs/<config>/<id>`) to promote instead of the newest. */
  from?: string | undefined;
  /** The run belongs to this suite: its overrides select the run, and the baseline goes where the suite's baselines live. */
  suite?: string | undefined;
  paths?: ProjectPaths | undefined;
}

export interface PromotedBaseline {
  file: string;
  baseline: BaselineFile;
  /** The invocation whose candidate arm became the baseline. */
  invocationDir: string;
  /** The baseline file it replaced, if there was one. */
  replaced?: BaselineFile;
}

interface Target {
  /** The config as the run must have been made. */
  loaded: LoadedConfig;
  /** Where its baseline goes. */
  paths: ProjectPaths;
}

/** Writes the candidate arm of a finished run as `baselines/<name>.json` (or the suite's), keeping the replaced one's summary. */
export async function promoteBaseline(options: PromoteOptions): Promise<PromotedBaseline> {
  const paths = options.paths ?? projectPaths();
  if (!options.configFile && !options.from) throw new InputError('baseline promote: expected --config FILE or --from DIR, received neither');
  let target = options.configFile ? resolveTarget(options, paths, { file: options.configFile }) : undefined;
  const invocationDir = options.from ? resolve(options.from) : await newestFinishedRun(paths, target!.loaded);
  const doc = await readDocument(invocationDir);
  target ??= resolveTarget(options, paths, { file: resolve(paths.root, doc.config.file), name: doc.config.name });
  if (doc.config.name !== target.loaded.name) {
    throw new InputError(`${invocationDir}: expected a run of ${target.loaded.name}, received a run of ${doc.config.name}`);
  }
  if (doc.config.fingerprint !== target.loaded.fingerprint) {
    throw new InputError(
      `${invocationDir}: expected a run of ${target.loaded.name} as configured now (fingerprint ${target.loaded.shortFingerprint}), received one made with fingerprint ${doc.config.fingerprint.slice(0, 12)}; ` +
        "pass the same --set overrides, or --suite NAME for a suite's run",
    );
  }
  const records = await readArm(join(invocationDir, CANDIDATE_ARM));
  const ok = records.filter((record) => record.status === 'ok');
  if (ok.length < MIN_SUCCESSFUL_RUNS) {
    throw new InputError(`${invocationDir}: expected at least ${MIN_SUCCESSFUL_RUNS} successful candidate runs to promote, received ${ok.length} of ${records.length}`);
  }
  const file = baselinePath(target.paths, doc.config.name);
  const replaced = existsSync(file) ? await readBaselineFile(file) : undefined;
  const baseline = baselineFromRun(doc, records, paths.root, replaced, target.loaded);
  await writeBaselineFile(file, scrubSecretsDeep(baseline));
  return { file, baseline, invocationDir, ...(replaced ? { replaced } : {}) };
}

/** The config as the run was made (with the suite's overrides and `--set`), and where its baseline goes. */
function resolveTarget(options: PromoteOptions, paths: ProjectPaths, config: { file: string; name?: string }): Target {
  if (!options.suite) return { loaded: loadConfig(config.file, { sets: options.sets }), paths };
  const suite = loadSuite(options.suite, { cwd: paths.root });
  const wanted = resolve(config.file);
  const entry = suite.entries.find((candidate) => candidate.loaded.file === wanted || candidate.loaded.name === config.name);
  if (!entry) {
    throw new InputError(`--suite ${suite.name}: expected one of its configs (${suite.entries.map((e) => e.loaded.name).join(', ')}), received ${config.name ?? config.file}`);
  }
  const loaded = loadConfig(entry.loaded.file, { overrides: entry.overrides, sets: options.sets });
  return { loaded, paths: suitePaths(paths, suite.name, changesFingerprint(entry.loaded, { overrides: entry.overrides, sets: options.sets })) };
}

/** The newest finished invocation of the config with its current fingerprint that compared a candidate arm. */
async function newestFinishedRun(paths: ProjectPaths, loaded: LoadedConfig): Promise<string> {
  const root = invocationsDir(paths.stateDir, loaded.name);
  const ids = existsSync(root) ? (await readdir(root)).sort().reverse() : [];
  let otherFingerprints = 0;
  for (const id of ids) {
    const dir = join(root, id);
    const info = await readJson<{ state?: string; fingerprint?: string }>(join(dir, 'invocation.json'));
    if (info?.state !== 'complete' || !existsSync(join(dir, 'document.json'))) continue;
    if (info.fingerprint === loaded.fingerprint) return dir;
    otherFingerprints++;
  }
  const other = otherFingerprints > 0 ? `; ${otherFingerprints} finished run(s) were made with another version of the config (different fingerprint)` : '';
  throw new InputError(
    `baseline promote: expected a finished run of ${loaded.name} with fingerprint ${loaded.shortFingerprint} in ${root}, received none${other}; run \`mlreg run --config ${relative(process.cwd(), loaded.file)}\` first`,
  );
}

async function readDocument(invocationDir: string): Promise<RunDocument> {
  const doc = await readJson<RunDocument>(join(invocationDir, 'document.json'));
  if (!doc) throw new InputError(`--from: expected a finished run directory with document.json, received ${invocationDir}`);
  return doc;
}

async function readArm(armDir: string): Promise<RunRecord[]> {
  return [...(await readArmRecords(armDir)).values()].sort((a, b) => a.seed - b.seed);
}

/** The baseline file for a run's candidate arm; `replaced` moves to the front of `previous`. */
function baselineFromRun(doc: RunDocument, records: readonly RunRecord[], root: string, replaced?: BaselineFile, loaded?: LoadedConfig): BaselineFile {
  const ok = records.filter((record) => record.status === 'ok');
  const metrics: BaselineFile['metrics'] = {};
  for (const [metric, spec] of Object.entries(doc.config.metrics)) {
    metrics[metric] = { direction: spec.direction, samples: ok.map((record) => record.metrics[metric]).filter((value): value is number => Number.isFinite(value)) };
  }
  const previous = replaced ? [summarize(replaced), ...(replaced.previous ?? [])] : undefined;
  return {
    schema: BASELINE_SCHEMA,
    name: doc.config.name,
    configFile: relative(root, resolve(root, doc.config.file)),
    fingerprint: doc.config.fingerprint,
    recordedAt: doc.createdAt,
    gitCommit: doc.candidate.gitCommit ?? null,
    mlregVersion: MLREG_VERSION,
    seeds: records.map((record) => record.seed),
    metrics,
    runs: records.map(baselineRunOf),
    ...(loaded
      ? {
          config: storedConfigOf(
            loaded,
            records.map((record) => record.seed),
          ),
        }
      : {}),
    ...(previous ? { previous } : {}),
  };
}

function summarize(baseline: BaselineFile): NonNullable<BaselineFile['previous']>[number] {
  const metrics: NonNullable<BaselineFile['previous']>[number]['metrics'] = {};
  for (const [metric, entry] of Object.entries(baseline.metrics)) {
    if (entry.samples.length < 2) continue;
    const stats = describe(entry.samples);
    metrics[metric] = { n: stats.n, mean: stats.mean, sd: stats.sd };
  }
  return { recordedAt: baseline.recordedAt, fingerprint: baseline.fingerprint, gitCommit: baseline.gitCommit, metrics };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
