/**
 * Loading a suite: find its file (`suites/<name>.yaml` or a path), validate it with the schema
 * collecting every problem, and load each of its configs with the suite's overrides, so that a
 * suite with a bad entry fails before anything runs.
 */
import path from 'node:path';
import { ConfigError, deepMerge, displayPath, readYamlFile, loadConfig, type ConfigIssue, type LoadedConfig, type LoadOptions } from '../config/index.js';
import { makeIssue } from '../config/errors.js';
import { toConfigIssues } from '../config/issues.js';
import type { ConfigMap } from '../config/tree.js';
import { SuiteSchema, type SuiteEntry, type SuiteSpec } from './schema.js';

const SUITE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** One config of a loaded suite. */
export interface LoadedSuiteEntry {
  index: number;
  entry: SuiteEntry;
  /** The config with the suite's overrides and the entry's `set` applied. */
  loaded: LoadedConfig;
  /** What runRegression passes to loadConfig for this config. */
  overrides: NonNullable<LoadOptions['overrides']>;
}

export interface LoadedSuite {
  /** The suite's name: its file name without the extension. */
  name: string;
  /** Absolute path of the suite file. */
  file: string;
  spec: SuiteSpec;
  entries: LoadedSuiteEntry[];
}

/** True when a suite argument is a file's path (it has a slash or a YAML extension) rather than a name. */
export function isSuitePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || /\.ya?ml$/i.test(nameOrPath);
}

/** The suite file for `nameOrPath`: a path when `isSuitePath`, else `<root>/suites/<name>.yaml`. */
export function suiteFileOf(nameOrPath: string, root = process.cwd()): string {
  return isSuitePath(nameOrPath) ? path.resolve(root, nameOrPath) : path.join(path.resolve(root), 'suites', `${nameOrPath}.yaml`);
}

/**
 * Reads, validates and resolves a suite. Throws a ConfigError (exit 2) naming the suite file and
 * the key of every problem, including problems of the configs it lists.
 */
export function loadSuite(nameOrPath: string, options: { cwd?: string } = {}): LoadedSuite {
  const cwd = options.cwd ?? process.cwd();
  const file = suiteFileOf(nameOrPath, cwd);
  const yaml = readYamlFile(file, 'suite', cwd);
  const issueAt = (keyPath: string[], fields: { expected: string; received: string; hint?: string }): ConfigIssue => {
    const line = yaml.lineOf(keyPath);
    return makeIssue({ file, path: keyPath.join('.'), ...fields, ...(line !== undefined ? { line } : {}) });
  };
  const name = path.basename(file).replace(/\.ya?ml$/i, '');
  if (!SUITE_NAME.test(name)) {
    throw new ConfigError(file, [issueAt([], { expected: 'a file name of letters, digits, ".", "_" and "-" (it names the suite)', received: `"${name}"` })], {
      cwd,
      what: 'suite',
    });
  }
  const parsed = SuiteSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    const issues = toConfigIssues(parsed.error.issues, {
      schema: SuiteSchema,
      input: yaml.value,
      blame: () => file,
      lineOf: (_source, keyPath) => yaml.lineOf(keyPath),
    });
    throw new ConfigError(file, issues, { cause: parsed.error, cwd, what: 'suite' });
  }
  const spec = parsed.data;
  const entries: LoadedSuiteEntry[] = [];
  const problems: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  spec.configs.forEach((entry, index) => {
    const configFile = path.resolve(path.dirname(file), entry.config);
    const overrides = entryOverrides(file, spec, entry);
    let loaded: LoadedConfig;
    try {
      loaded = loadConfig(configFile, { overrides, cwd });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(
        issueAt(['configs', String(index), 'config'], {
          expected: "a valid config (with the suite's overrides)",
          received: `${displayPath(configFile, cwd)} with ${error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`}`,
        }),
        ...error.issues,
      );
      return;
    }
    const earlier = seen.get(loaded.name);
    if (earlier !== undefined) {
      problems.push(
        issueAt(['configs', String(index), 'config'], {
          expected: 'a config not already in the suite (its runs, baseline and history are keyed by name)',
          received: `"${loaded.name}" again (also configs.${earlier})`,
        }),
      );
      return;
    }
    seen.set(loaded.name, index);
    entries.push({ index, entry, loaded, overrides });
  });
  if (problems.length > 0) throw new ConfigError(file, problems, { cwd, what: 'suite' });
  return { name, file, spec, entries };
}

/** The suite's `overrides`, then the entry's `set` (dotted key paths), as loadConfig layers blamed on the suite file. */
function entryOverrides(file: string, spec: Pick<SuiteSpec, 'overrides'>, entry: Pick<SuiteEntry, 'set'>): NonNullable<LoadOptions['overrides']> {
  const layers: NonNullable<LoadOptions['overrides']> = [];
  if (Object.keys(spec.overrides).length > 0) layers.push({ source: file, value: spec.overrides });
  const set = Object.entries(entry.set).reduce<ConfigMap>((tree, [keyPath, value]) => deepMerge(tree, nest(keyPath.split('.'), value)), {});
  if (Object.keys(set).length > 0) layers.push({ source: file, value: set });
  return layers;
}

function nest(keyPath: string[], value: unknown): ConfigMap {
  return keyPath.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as ConfigMap;
}
