/** Maps errors to exit codes and messages (PRODUCT.md: 2 bad input, 3 infrastructure; 1 is a verdict's alone). */
import { MlregError } from '../errors.js';

/** The exit code an error ends mlreg with: its own (2, 3, 130/143), else 3; never 1, which only a verdict gives. */
export function exitCodeOf(error: unknown): number {
  return error instanceof MlregError && error.exitCode !== 1 ? error.exitCode : 3;
}

/**
 * The message to print. An error mlreg expects (bad input, infrastructure, interruption) is its
 * message; a system call that failed (EACCES, ENOSPC …) names itself; anything else is an internal
 * error, with the stack trace when debugging.
 */
export function describeError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return `internal error: ${String(error)}${debug ? '' : DEBUG_HINT}`;
  if (error instanceof MlregError) return error.message;
  if (debug) return `${isSystemError(error) ? '' : 'internal error: '}${error.stack ?? error.message}`;
  return isSystemError(error) ? `${error.message}${DEBUG_HINT}` : `internal error: ${error.message}${DEBUG_HINT}`;
}

const DEBUG_HINT = ' (set MLREG_DEBUG=1 for details)';

/** A failed system call (Node's errors carry `code` and `syscall`): the machine's fault, not mlreg's. */
function isSystemError(error: Error): boolean {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string';
}
