/**
 * Expands `{seed}`, `{run_dir}`, `{metrics_file}` and `{params.a.b}` in a trainer argument.
 * `{{` and `}}` stand for literal braces, so a shell wrapper can say `${{HOME}}` for `${HOME}`.
 */
import type { ParamProblem } from '../types.js';

export interface PlaceholderValues {
  seed: number;
  runDir: string;
  metricsFile: string;
  params: Record<string, unknown>;
}

/** An escaped brace, or a placeholder; scanned left to right, so `{{seed}}` is the literal `{seed}`. */
const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z0-9_.-]+)\}/g;

/** Replaces every placeholder in `arg`; an unknown one is an error naming it. */
export function expandPlaceholders(arg: string, values: PlaceholderValues): string {
  return arg.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0]!;
    if (name === 'seed') return String(values.seed);
    if (name === 'run_dir') return values.runDir;
    if (name === 'metrics_file') return values.metricsFile;
    if (name.startsWith('params.')) {
      const value = lookup(values.params, name.slice('params.'.length).split('.'));
      if (value === undefined) {
        throw new Error(`trainer.command: placeholder ${whole} names no param (params has no key "${name.slice(7)}")`);
      }
      return typeof value === 'string' ? value : JSON.stringify(value);
    }
    throw new Error(
      `trainer.command: unknown placeholder ${whole}; expected {seed}, {run_dir}, {metrics_file} or {params.<key>} ` +
        `(write {{ and }} for literal braces, e.g. \${{${name}}} for the shell's \${${name}})`,
    );
  });
}

function lookup(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Checks every argument of `trainer.command` before anything runs: an unknown placeholder or a
 * `{params.x}` that names no param is a config error, not N failed runs.
 */
export function placeholderProblems(command: unknown, params: Record<string, unknown>): ParamProblem[] {
  if (!Array.isArray(command)) return [];
  const problems: ParamProblem[] = [];
  command.forEach((arg, index) => {
    if (typeof arg !== 'string') return;
    try {
      expandPlaceholders(arg, { seed: 0, runDir: '', metricsFile: '', params });
    } catch (error) {
      problems.push({
        path: `trainer.command.${index}`,
        expected: 'placeholders {seed}, {run_dir}, {metrics_file} or {params.<key>} of an existing param, and {{ }} for literal braces',
        received: `${JSON.stringify(arg)} (${(error as Error).message.replace(/^trainer\.command: /, '')})`,
      });
    }
  });
  return problems;
}
