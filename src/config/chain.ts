/**
 * The `extends` chain of a config: the file, its parent, its parent's parent … up to the root.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeReceived, displayPath, makeIssue } from './errors.js';
import { closestMatch } from './suggest.js';
import { isMap, type ConfigMap } from './tree.js';
import { readYamlFile, type YamlFile } from './yaml.js';

/** One file of an `extends` chain. */
export interface ChainFile {
  /** Absolute path. */
  file: string;
  /** The file's keys, without `extends`. */
  value: ConfigMap;
  /** Its `name` key, else its basename without extension. */
  name: string;
  /** The `extends` value as written, if any. */
  extends?: string;
  yaml: YamlFile;
}

/**
 * Reads `file` and every file it extends, leaf first. Throws a ConfigError for a file that cannot
 * be read, is not a map, extends a missing file (naming the file that extends it and the path
 * tried), or closes a cycle (naming the whole chain).
 */
export function readChain(file: string, cwd = process.cwd()): ChainFile[] {
  const chain: ChainFile[] = [];
  const seen = new Map<string, number>();
  let current = path.resolve(cwd, file);
  for (;;) {
    const identity = existsSync(current) ? realpathSync(current) : current;
    const repeat = seen.get(identity);
    if (repeat !== undefined) throw cycleError(file, chain, repeat, cwd);
    seen.set(identity, chain.length);
    const link = readLink(current, cwd);
    chain.push(link);
    if (link.extends === undefined) return chain;
    const target = path.resolve(path.dirname(current), link.extends);
    if (!existsSync(target)) throw missingTargetError(file, link, target, cwd);
    current = target;
  }
}

function readLink(file: string, cwd: string): ChainFile {
  const yaml = readYamlFile(file, 'config', cwd);
  const raw = yaml.value ?? {};
  if (!isMap(raw)) {
    throw new ConfigError(file, [makeIssue({ file, path: '', expected: 'a map of config keys', received: describeReceived(raw) })], { cwd });
  }
  const { extends: parent, ...value } = raw;
  if (parent !== undefined && (typeof parent !== 'string' || parent.trim() === '')) {
    const line = yaml.lineOf(['extends']);
    throw new ConfigError(
      file,
      [makeIssue({ file, path: 'extends', expected: 'a path to the parent config, relative to this file', received: describeReceived(parent), ...(line ? { line } : {}) })],
      { cwd },
    );
  }
  const name = typeof value.name === 'string' ? value.name : path.basename(file, path.extname(file));
  return { file, value, name, yaml, ...(parent !== undefined ? { extends: parent as string } : {}) };
}

function cycleError(file: string, chain: ChainFile[], repeatIndex: number, cwd: string): ConfigError {
  const closing = chain[chain.length - 1]!;
  const loop = [...chain.slice(repeatIndex), chain[repeatIndex]!].map((link) => displayPath(link.file, cwd)).join(' → ');
  const lead = chain
    .slice(0, repeatIndex)
    .map((link) => `${displayPath(link.file, cwd)} → `)
    .join('');
  const line = closing.yaml.lineOf(['extends']);
  return new ConfigError(
    file,
    [
      makeIssue({
        file: closing.file,
        path: 'extends',
        expected: 'a chain of `extends` that ends at a config without `extends`',
        received: `a cycle: ${lead}${loop}`,
        ...(line ? { line } : {}),
      }),
    ],
    { cwd },
  );
}

function missingTargetError(file: string, link: ChainFile, target: string, cwd: string): ConfigError {
  const line = link.yaml.lineOf(['extends']);
  const hint = suggestSibling(target, cwd);
  return new ConfigError(
    file,
    [
      makeIssue({
        file: link.file,
        path: 'extends',
        expected: 'an existing config file',
        received: `"${link.extends}" (tried ${displayPath(target, cwd)}: no such file)`,
        ...(line ? { line } : {}),
        ...(hint ? { hint } : {}),
      }),
    ],
    { cwd },
  );
}

/** A nearby file that the missing target probably meant: same name plus `.yaml`, or a close spelling. */
function suggestSibling(target: string, cwd: string): string | undefined {
  for (const extension of ['.yaml', '.yml']) if (existsSync(target + extension)) return `did you mean \`${displayPath(target + extension, cwd)}\`?`;
  let entries: string[];
  try {
    entries = readdirSync(path.dirname(target));
  } catch {
    return undefined;
  }
  const match = closestMatch(path.basename(target), entries);
  return match ? `did you mean \`${displayPath(path.join(path.dirname(target), match), cwd)}\`?` : undefined;
}
