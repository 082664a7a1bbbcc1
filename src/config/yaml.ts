/**
 * Reading YAML files with clean errors (missing file, syntax error with line and column) and the
 * `!delete` tag that removes an inherited key. Suites reuse loadYamlFile.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type ScalarTag } from 'yaml';
import { ConfigError, makeIssue } from './errors.js';

/** The value of a `!delete` tag: merging it removes the key it is set on. */
export const DELETE: unique symbol = Symbol('mlreg.delete');

const deleteTag: ScalarTag = {
  tag: '!delete',
  identify: (value) => value === DELETE,
  resolve: () => DELETE,
  stringify: () => '',
};

/** Tags mlreg understands beyond YAML's core schema. */
const customTags = [deleteTag];

export interface YamlFile {
  /** Absolute path of the file. */
  file: string;
  /** The parsed value; an empty file is `null`. */
  value: unknown;
  /** The 1-based line where the key at `keyPath` is written, when it is in this file. */
  lineOf(keyPath: readonly string[]): number | undefined;
}

/**
 * Reads and parses one YAML file. Throws a ConfigError naming the file when it cannot be read or
 * has syntax errors (every error, each with its line and column). `what` names the file's role in
 * messages ("config", "suite").
 */
export function readYamlFile(file: string, what: string, cwd = process.cwd()): YamlFile {
  const text = readText(file, what, cwd);
  const lineCounter = new LineCounter();
  // The parser's own duplicate-key check compares each key with every earlier one (a 40,000-key
  // map took 22 s); `duplicateKeyProblems` finds the same duplicates in one pass with a set.
  const doc = parseDocument(text, { customTags, lineCounter, prettyErrors: false, uniqueKeys: false });
  const problems: Array<{ pos: [number, number]; message: string }> = [...doc.errors, ...duplicateKeyProblems(doc), ...doc.warnings];
  if (problems.length > 0) {
    const issues = problems.map((problem) => {
      const { line, col } = lineCounter.linePos(problem.pos[0]);
      return makeIssue({
        file,
        path: '',
        expected: `valid YAML in the ${what} file`,
        received: firstLine(problem.message),
        message: `YAML syntax error: ${firstLine(problem.message)}`,
        line,
        column: col,
      });
    });
    throw new ConfigError(file, issues, { cause: problems[0], cwd, what });
  }
  return { file, value: toPlainValue(doc, file, what, cwd), lineOf: (keyPath) => lineOfKey(doc, lineCounter, keyPath) };
}

/**
 * Alias expansions allowed per document, counted as yaml counts them (each alias times the
 * aliases inside what it points to). A config uses a handful; a "billion laughs" document, where
 * every level aliases the one before it ten times, would expand to gigabytes.
 */
const MAX_ALIAS_COUNT = 100;

/** The document as plain values; an alias bomb is a ConfigError naming the file, not an out-of-memory crash. */
function toPlainValue(doc: Document, file: string, what: string, cwd: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const issue = makeIssue({
      file,
      path: '',
      expected: `a ${what} file whose aliases (*name) expand at most ${MAX_ALIAS_COUNT} times`,
      received: `aliases that expand without bound (${error.message})`,
    });
    throw new ConfigError(file, [issue], { cause: error, cwd, what });
  }
}

/** Reads and parses one YAML file into plain values; errors as in readYamlFile. */
export function loadYamlFile(file: string, what: string, cwd = process.cwd()): unknown {
  return readYamlFile(file, what, cwd).value;
}

/** Parses a YAML snippet (a `--set` value) with mlreg's tags; throws the parser's first error. */
export function parseYamlValue(text: string): unknown {
  const doc = parseDocument(text, { customTags, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw problem;
  return doc.toJS();
}

function readText(file: string, what: string, cwd: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const received = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an unreadable file (${code ?? String(error)})`;
    throw new ConfigError(file, [makeIssue({ file, path: '', expected: `a readable ${what} file`, received })], { cause: error, cwd, what });
  }
}

/** Every key written twice in one map (YAML requires unique keys), each at its second occurrence. */
function duplicateKeyProblems(doc: Document): Array<{ pos: [number, number]; message: string }> {
  const problems: Array<{ pos: [number, number]; message: string }> = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        // Scalars compare by value (as the parser does); other keys (rare) by their JSON form.
        const key = isScalar(pair.key) ? pair.key.value : JSON.stringify(pair.key);
        if (seen.has(key)) {
          const range = (pair.key as { range?: [number, number, number] } | null)?.range;
          problems.push({ pos: [range?.[0] ?? 0, range?.[1] ?? 0], message: 'Map keys must be unique' });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Finds the line of a key: the key itself when it is a map entry, else the node's start. */
function lineOfKey(doc: Document, lineCounter: LineCounter, keyPath: readonly string[]): number | undefined {
  if (keyPath.length === 0) return undefined;
  const parent = keyPath.length === 1 ? doc.contents : doc.getIn(keyPath.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = keyPath[keyPath.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}
