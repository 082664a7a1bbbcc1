/**
 * `mlreg config show`: the resolved config with, for each value, the file (or `--set`, or
 * `default`) that set it. Formatting only; the CLI prints the result.
 */
import { stringify } from 'yaml';
import { displayPath } from './errors.js';
import type { LoadedConfig } from './load.js';
import { redactSecrets } from './redact.js';
import { isMap, joinPath } from './tree.js';

/** Where a value came from, as a reader wants it: a path relative to `cwd`, `--set` or `default`. */
function sourceLabel(source: string | undefined, cwd: string): string {
  return source === undefined ? 'default' : displayPath(source, cwd);
}

/** One scalar or list as YAML flow text. */
function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (isMap(value)) return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

interface Line {
  text: string;
  source?: string;
}

function renderTree(node: Record<string, unknown>, keyPath: string[], provenance: LoadedConfig['provenance'], cwd: string): Line[] {
  const lines: Line[] = [];
  const indent = '  '.repeat(keyPath.length);
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    const childPath = [...keyPath, key];
    if (isMap(value) && Object.keys(value).length > 0) {
      lines.push({ text: `${indent}${key}:` });
      lines.push(...renderTree(value, childPath, provenance, cwd));
    } else {
      lines.push({ text: `${indent}${key}: ${renderValue(value)}`, source: sourceLabel(provenance[joinPath(childPath)], cwd) });
    }
  }
  return lines;
}

/**
 * The resolved config as YAML-like lines, each value followed by `# <source>`, under a header
 * naming the chain and the fingerprint.
 */
export function formatConfigShow(loaded: LoadedConfig, options: { cwd?: string } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const chain = loaded.chain.map((link) => displayPath(link.file, cwd)).join(' → ');
  const header = [
    `# config: ${displayPath(loaded.file, cwd)} (name ${loaded.name}, group ${loaded.group})`,
    `# extends: ${chain}`,
    `# fingerprint: ${loaded.shortFingerprint} (sha256 ${loaded.fingerprint})`,
  ];
  const lines = renderTree(redactSecrets(loaded.config), [], loaded.provenance, cwd);
  const width = Math.min(60, Math.max(...lines.filter((line) => line.source).map((line) => line.text.length)));
  const body = lines.map((line) => (line.source === undefined ? line.text : `${line.text.padEnd(width)}  # ${line.source}`));
  return [...header, ...body].join('\n');
}

/** The JSON shape of `mlreg config show --json`: `sources` maps each leaf key path to its source. */
export interface ConfigShowJson {
  file: string;
  name: string;
  group: string;
  chain: string[];
  fingerprint: string;
  config: LoadedConfig['config'];
  sources: Record<string, string>;
}

/** `mlreg config show --json`: paths relative to `cwd`, secrets redacted. */
export function configShowJson(loaded: LoadedConfig, options: { cwd?: string } = {}): ConfigShowJson {
  const cwd = options.cwd ?? process.cwd();
  const sources = Object.fromEntries(Object.entries(loaded.provenance).map(([key, source]) => [key, sourceLabel(source, cwd)]));
  return {
    file: displayPath(loaded.file, cwd),
    name: loaded.name,
    group: loaded.group,
    chain: loaded.chain.map((link) => displayPath(link.file, cwd)),
    fingerprint: loaded.fingerprint,
    config: redactSecrets(loaded.config),
    sources,
  };
}
