/**
 * Errors that carry mlreg's exit-code contract (PRODUCT.md): the CLI maps them to exit codes,
 * everything below it throws them with a message that names the file, the key, what was
 * expected and what was received.
 */

/** Bad input: usage, config, data file. Exit 2; nothing was run or written. */
export class InputError extends Error {
  readonly exitCode = 2;
  override name = 'InputError';
}

/** Infrastructure: too few runs finished, an adapter or store failure. Exit 3. */
export class InfrastructureError extends Error {
  readonly exitCode = 3;
  override name = 'InfrastructureError';
}

/** The command was interrupted (SIGINT/SIGTERM): finished runs are saved, `--resume` continues. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly invocationDir: string) {
    super(`interrupted; finished runs are saved in ${invocationDir}. Run again with --resume to run only the missing seeds.`);
  }
}

/** Error names that mean bad input although their class is not InputError (config/errors.ts). */
const INPUT_ERROR_NAMES = new Set(['InputError', 'ConfigError']);

/** Whether an error is bad input (exit 2): a usage, config or data-file mistake. */
export function isInputError(error: unknown): boolean {
  return error instanceof InputError || (error instanceof Error && INPUT_ERROR_NAMES.has(error.name));
}

/** Describes a received value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
