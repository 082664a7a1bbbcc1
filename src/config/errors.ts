/**
 * Config problems as data (ConfigIssue) and the one error that carries all of them (ConfigError).
 * The CLI prints `ConfigError.message` and exits 2.
 */
import path from 'node:path';
import { InputError } from '../errors.js';

/** Where a value came from: a config file's absolute path, `--set`, another named override, or `default`. */
export type Source = string;

export interface ConfigIssue {
  /** Absolute path of the file that set the offending key (or `--set`). */
  file: Source;
  /** Dotted key path, e.g. `trainer.adapter`; empty for the whole file. */
  path: string;
  expected: string;
  received: string;
  /** A one-line summary, e.g. `expected a number, received "abc"`. */
  message: string;
  /** A hint such as "did you mean `seeds`?". */
  hint?: string;
  /** 1-based line of the key in `file`, when known. */
  line?: number;
  /** 1-based column, for syntax errors. */
  column?: number;
}

/** Builds an issue, composing its message from the expected and received sides. */
export function makeIssue(fields: Omit<ConfigIssue, 'message'> & { message?: string }): ConfigIssue {
  const message = fields.message ?? `expected ${fields.expected}, received ${fields.received}`;
  const issue: ConfigIssue = { file: fields.file, path: fields.path, expected: fields.expected, received: fields.received, message };
  if (fields.hint !== undefined) issue.hint = fields.hint;
  if (fields.line !== undefined) issue.line = fields.line;
  if (fields.column !== undefined) issue.column = fields.column;
  return issue;
}

/** A file path as a reader wants it: relative to `cwd` when inside it, otherwise absolute. */
export function displayPath(file: Source, cwd = process.cwd()): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  // `...yaml` lies inside cwd: only `..` itself or `../…` leaves it.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative && !outside && !path.isAbsolute(relative) ? relative : file;
}

/** One line per issue: `<file>: <key.path>: expected X, received Y (line N); hint`. */
function formatIssue(issue: ConfigIssue, cwd = process.cwd()): string {
  const where = issue.path ? `${displayPath(issue.file, cwd)}: ${issue.path}` : displayPath(issue.file, cwd);
  const column = issue.column !== undefined ? `, column ${issue.column}` : '';
  const line = issue.line !== undefined ? ` (line ${issue.line}${column})` : '';
  const hint = issue.hint ? `; ${issue.hint}` : '';
  return `${where}: ${issue.message}${line}${hint}`;
}

/** Every problem found while loading one config; nothing was run (exit 2, as all bad input). */
export class ConfigError extends InputError {
  readonly issues: ConfigIssue[];
  /** The config file that was being loaded. */
  readonly file: string;
  override name = 'ConfigError';

  /**
   * `cwd` is where file paths in the message are relative to (default: process.cwd()); `what` names
   * the file's role in the heading (default: config).
   */
  constructor(file: string, issues: ConfigIssue[], options: { cause?: unknown; cwd?: string; what?: string } = {}) {
    const message = formatConfigErrorMessage(file, issues, options.cwd ?? process.cwd(), options.what ?? 'config');
    super(message, 'cause' in options ? { cause: options.cause } : {});
    this.file = file;
    this.issues = issues;
  }
}

function formatConfigErrorMessage(file: string, issues: ConfigIssue[], cwd: string, what: string): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${formatIssue(issue, cwd)}`);
  return [`invalid ${what} ${displayPath(file, cwd)} (${count}):`, ...lines].join('\n');
}

/** Sensitive values are described by their type only, never quoted. */
const SENSITIVE_PATH = /^(trainer\.env\.|notify\.)/;

/** How a received value reads in an error: short, quoted for strings, redacted where secret. */
export function describeReceived(value: unknown, keyPath = ''): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  const sensitive = SENSITIVE_PATH.test(keyPath);
  if (typeof value === 'string') return sensitive ? 'a string (value hidden)' : `"${truncate(value, 60)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return sensitive ? `a ${typeof value}` : String(value);
  if (Array.isArray(value)) {
    if (sensitive) return `a list of ${value.length}`;
    const json = safeJson(value);
    return json.length <= 60 ? `a list ${json}` : `a list of ${value.length} items`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty map' : `a map with keys ${truncate(keys.join(', '), 60)}`;
  }
  return typeof value;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
