/**
 * Loading a config: read the `extends` chain, merge it (root first), apply overrides, validate
 * with the schema collecting every problem, then normalise (name, absolute paths) and fingerprint.
 */
import path from 'node:path';
import { readChain, type ChainFile } from './chain.js';
import { ConfigError, makeIssue, type ConfigIssue, type Source } from './errors.js';
import { configFingerprint, shortFingerprint } from './fingerprint.js';
import { toConfigIssues } from './issues.js';
import { deepMerge } from './merge.js';
import { applySet, parseSet, setLayerValue, SET_SOURCE } from './overrides.js';
import { isBaselinePath, resolveConfigPaths, baseDirOf } from './paths.js';
import { blameSource, buildProvenance, DEFAULT_SOURCE, type Layer, type Provenance } from './provenance.js';
import { CONFIG_NAME, CONFIG_NAME_EXPECTED, ConfigSchema, type ResolvedConfig } from './schema.js';
import type { ConfigMap } from './tree.js';

/** Keys that describe one file and are not inherited by configs that extend it. */
const OWN_KEYS = ['name', 'description'] as const;

export interface LoadOptions {
  /** `key.path=value` overrides (value in YAML), applied in order after the chain. */
  sets?: string[] | undefined;
  /** Maps merged on top of the chain before `sets` (a suite's overrides), each with its source for provenance. */
  overrides?: Array<{ source: Source; value: ConfigMap }> | undefined;
  /** Directory for `--set` relative paths and for display. Default: process.cwd(). */
  cwd?: string | undefined;
}

/** One config of the `extends` chain, as the runner needs it to find baselines. */
interface ConfigLink {
  /** Absolute path. */
  file: string;
  /** Its name (explicit or from the file name). */
  name: string;
  /** The `baseline` this file itself sets, if any (absolute when it is a path). */
  baseline?: string;
}

export interface LoadedConfig {
  /** Absolute path of the loaded (leaf) config. */
  file: string;
  /** The config's name. */
  name: string;
  /** The root ancestor's name, e.g. for W&B run groups. */
  group: string;
  /** Validated, normalised config with absolute paths. */
  config: ResolvedConfig;
  /** Dotted key path of every leaf of `config` → the file that set it, `--set`, or `default`. */
  provenance: Provenance;
  /** The `extends` chain, leaf first: `chain[0]` is this config, the last entry its root ancestor. */
  chain: ConfigLink[];
  /** SHA-256 hex of what affects training (see configFingerprint). */
  fingerprint: string;
  /** Its first 12 hex digits. */
  shortFingerprint: string;
}

/**
 * Loads, merges, overrides and validates the config at `file`. Throws a ConfigError that lists
 * every problem, each with the file that set the key, the key path, and what was expected.
 */
export function loadConfig(file: string, options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const leafFile = path.resolve(cwd, file);
  const chain = readChain(leafFile, cwd);
  const layers = chainLayers(chain);
  let merged: ConfigMap = layers.reduce<ConfigMap>((tree, layer) => deepMerge(tree, layer.value), {});
  for (const override of options.overrides ?? []) {
    layers.push({ source: override.source, value: override.value });
    merged = deepMerge(merged, override.value);
  }
  const problems: ConfigIssue[] = [];
  for (const text of options.sets ?? []) {
    const parsed = parseSet(text);
    const applied = parsed.ok ? applySet(merged, parsed.value) : parsed;
    if (!applied.ok) {
      problems.push(applied.issue);
      continue;
    }
    merged = applied.value;
    if (parsed.ok) layers.push({ source: SET_SOURCE, value: setLayerValue(parsed.value), replaces: parsed.value.path });
  }

  const result = ConfigSchema.safeParse(merged);
  const blame = (keyPath: string[]) => blameSource(layers, merged, keyPath, leafFile);
  if (!result.success) {
    const byFile = new Map(chain.map((link) => [link.file, link]));
    problems.push(
      ...toConfigIssues(result.error.issues, {
        schema: ConfigSchema,
        input: merged,
        blame,
        lineOf: (source, keyPath) => byFile.get(source)?.yaml.lineOf(keyPath),
      }),
    );
  }
  if (problems.length > 0 || !result.success) {
    throw new ConfigError(leafFile, problems, result.success ? { cwd } : { cause: result.error, cwd });
  }

  const { extends: _extends, name: explicitName, ...rest } = result.data;
  const name = explicitName ?? chain[0]!.name;
  if (explicitName === undefined && !CONFIG_NAME.test(name)) throw derivedNameError(leafFile, name, cwd);
  const validated: ResolvedConfig = { name, ...rest };
  const fingerprint = configFingerprint(validated);
  const sourceAt = (keyPath: string) => blame(keyPath.split('.'));
  const config = resolveConfigPaths(validated, sourceAt, cwd);
  const provenance = buildProvenance(layers, merged, config);
  if (provenance.name === DEFAULT_SOURCE) provenance.name = leafFile;
  return {
    file: leafFile,
    name,
    group: chain[chain.length - 1]!.name,
    config,
    provenance,
    chain: chain.map((link) => chainLink(link)),
    fingerprint,
    shortFingerprint: shortFingerprint(fingerprint),
  };
}

/** A name taken from the file name is a name like any other: it names baselines/<name>.json and run directories. */
function derivedNameError(file: string, name: string, cwd: string): ConfigError {
  const issue = makeIssue({
    file,
    path: 'name',
    expected: `${CONFIG_NAME_EXPECTED} (the default name is the file name without its extension)`,
    received: `${JSON.stringify(name)} from the file name ${JSON.stringify(path.basename(file))}`,
    hint: 'set `name:` in the file, or rename it',
  });
  return new ConfigError(file, [issue], { cwd });
}

/** The chain as merge layers, root first; only the leaf keeps its own `name` and `description`. */
function chainLayers(chain: readonly ChainFile[]): Layer[] {
  return [...chain].reverse().map((link, index, rootFirst) => {
    const isLeaf = index === rootFirst.length - 1;
    const value: ConfigMap = { ...link.value };
    if (!isLeaf) for (const key of OWN_KEYS) delete value[key];
    return { source: link.file, value };
  });
}

function chainLink(link: ChainFile): ConfigLink {
  const own = link.value.baseline;
  const result: ConfigLink = { file: link.file, name: link.name };
  if (typeof own === 'string' && own !== '') {
    result.baseline = isBaselinePath(own) ? path.resolve(baseDirOf(link.file, path.dirname(link.file)), own) : own;
  }
  return result;
}
