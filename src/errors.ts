/**
 * Errors that carry mlreg's exit-code contract (PRODUCT.md): each one its exit code, which the CLI
 * ends with; everything below the CLI throws them with a message that names the file, the key, what was
 * expected and what was received.
 */

/** An error mlreg expects: its message is what the user reads, its exit code what the command ends with. */
export abstract class MlregError extends Error {
  abstract readonly exitCode: number;
}

/** Bad input: usage, config, data file. Exit 2; nothing was run or written. */
export class InputError extends MlregError {
  readonly exitCode: number = 2;
  override name = 'InputError';
}

/** Infrastructure: too few runs finished, an adapter or store failure. Exit 3. */
export class InfrastructureError extends MlregError {
  readonly exitCode: number = 3;
  override name = 'InfrastructureError';
}

/** Exit codes of a process ended by a signal, by shell convention (128 + signal number). */
const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** The exit code of a command interrupted by `signal` (a signal's name, as the CLI aborts with): 143 after SIGTERM, else 130. */
export function interruptExitCode(signal: unknown): number {
  return (typeof signal === 'string' ? SIGNAL_EXIT_CODES[signal] : undefined) ?? 130;
}

/** The command was interrupted (SIGINT/SIGTERM): finished runs are saved, `--resume` continues. */
export class InterruptedError extends MlregError {
  override name = 'InterruptedError';
  readonly exitCode: number;
  /** `signal` is the abort reason: the name of the signal that stopped the command. */
  constructor(
    readonly invocationDir: string,
    signal?: unknown,
  ) {
    super(`interrupted; finished runs are saved in ${invocationDir}. Run again with --resume to run only the missing seeds.`);
    this.exitCode = interruptExitCode(signal);
  }
}

/** Whether an error is bad input (exit 2): a usage, config or data-file mistake. */
export function isInputError(error: unknown): boolean {
  return error instanceof MlregError && error.exitCode === 2;
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
