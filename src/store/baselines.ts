/** Finding the baseline a config is compared with, and turning an arm's runs into a baseline file. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../config/index.js';
import { InputError } from '../errors.js';
import type { RunRecord } from '../model/run-record.js';
import { redactSecrets } from '../config/redact.js';
import { BASELINE_SCHEMA, readBaselineFile, storedCurvesOf, type BaselineFile, type StoredConfig } from './baseline-file.js';
import { MLREG_VERSION } from '../version.js';
import type { ProjectPaths } from '../config/project.js';

export type BaselineSource =
  /** A stored baseline file. `config` is the ancestor it belongs to, when it is one. */
  | { kind: 'file'; file: string; baseline: BaselineFile; config?: LoadedConfig }
  /** No baseline yet: run this ancestor (HEAD) in the same invocation and record its baseline. */
  | { kind: 'run'; config: LoadedConfig }
  /** The config is its own root and has no baseline: record it, nothing to compare. */
  | { kind: 'record-only' };

/** The path of the baseline file named `name`. */
export function baselinePath(paths: ProjectPaths, name: string): string {
  return join(paths.baselinesDir, `${name}.json`);
}

/**
 * Picks the baseline: `--baseline NAME|FILE`, else the config's `baseline` key, else the
 * nearest config in the `extends` chain (itself first) that has `baselines/<name>.json`,
 * else the chain's root, to be run now.
 */
export async function resolveBaseline(
  candidate: LoadedConfig,
  paths: ProjectPaths,
  options: { explicit?: string | undefined; sets?: string[] | undefined; overrides?: LoadOptions['overrides'] },
): Promise<BaselineSource> {
  const named = options.explicit ?? candidate.config.baseline;
  if (named) {
    const from = options.explicit ? '--baseline' : `${candidate.file}: baseline`;
    const file = explicitBaselineFile(named, paths, options.explicit ? process.cwd() : undefined);
    if (!existsSync(file)) {
      throw new InputError(`${from}: expected a baseline name (baselines/<name>.json) or a file, received "${named}" (no file ${file})`);
    }
    const baseline = await readBaselineFile(file);
    // The config of the chain the baseline was recorded for, if any: its current version is what the baseline must match.
    const owner = [candidate, ...(await loadAncestors(candidate, options))].find((config) => config.config.name === baseline.name);
    return { kind: 'file', file, baseline, ...(owner ? { config: owner } : {}) };
  }
  const ancestors = await loadAncestors(candidate, { sets: options.sets, overrides: options.overrides });
  for (const config of [candidate, ...ancestors]) {
    const file = baselinePath(paths, config.config.name);
    if (existsSync(file)) return { kind: 'file', file, baseline: await readBaselineFile(file), config };
  }
  const root = ancestors.at(-1);
  return root ? { kind: 'run', config: root } : { kind: 'record-only' };
}

/** The file a baseline name or path names: `baselines/<name>.json` for a name, the path (relative to `cwd`, else the project) otherwise. */
export function explicitBaselineFile(named: string, paths: ProjectPaths, cwd: string | undefined): string {
  const looksLikePath = named.endsWith('.json') || named.includes('/');
  if (!looksLikePath) return baselinePath(paths, named);
  return isAbsolute(named) ? named : resolve(cwd ?? paths.root, named);
}

/** The configs this one extends, nearest first, loaded with the same overrides. */
async function loadAncestors(candidate: LoadedConfig, overrides: Pick<LoadOptions, 'sets' | 'overrides'>): Promise<LoadedConfig[]> {
  const ancestors: LoadedConfig[] = [];
  for (const link of candidate.chain.slice(1)) ancestors.push(loadConfig(link.file, overrides));
  return ancestors;
}

/** A baseline file from an arm's runs. */
export function baselineFromRuns(loaded: LoadedConfig, records: RunRecord[], provenance: { gitCommit: string | null; root: string }): BaselineFile {
  const ok = records.filter((record) => record.status === 'ok');
  const metrics: BaselineFile['metrics'] = {};
  for (const [metric, spec] of Object.entries(loaded.config.metrics)) {
    metrics[metric] = { direction: spec.direction, samples: ok.map((record) => record.metrics[metric]!) };
  }
  return {
    schema: BASELINE_SCHEMA,
    name: loaded.config.name,
    configFile: relative(provenance.root, loaded.file),
    fingerprint: loaded.fingerprint,
    recordedAt: new Date().toISOString(),
    gitCommit: provenance.gitCommit,
    mlregVersion: MLREG_VERSION,
    seeds: records.map((record) => record.seed),
    metrics,
    runs: records.map(baselineRunOf),
    config: storedConfigOf(
      loaded,
      records.map((record) => record.seed),
    ),
  };
}

/** What a baseline file keeps of one run: its seed, status, final metrics and thinned curves. */
export function baselineRunOf(record: RunRecord): BaselineFile['runs'][number] {
  const { seed, status, reason, metrics } = record;
  const curves = storedCurvesOf(record.curves);
  return { seed, status, ...(reason ? { reason } : {}), metrics, ...(curves ? { curves } : {}) };
}

/** What a baseline file keeps of the config its runs were made with. */
export function storedConfigOf(loaded: LoadedConfig, seeds: number[]): StoredConfig {
  const { trainer, params } = redactSecrets({ trainer: loaded.config.trainer, params: loaded.config.params });
  return { trainer: trainer as Record<string, unknown>, params, seeds, fingerprint: loaded.fingerprint };
}
