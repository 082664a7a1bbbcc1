/** Maps errors to exit codes and messages (PRODUCT.md: 2 bad input, 3 infrastructure). */
import { InputError, InfrastructureError } from '../errors.js';
import { interruptExitCode } from './signals.js';

const INPUT_ERROR_NAMES = new Set(['InputError', 'ConfigError']);

/** The exit code an error ends mlreg with. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof InputError) return 2;
  if (error instanceof InfrastructureError) return 3;
  if (error instanceof Error && INPUT_ERROR_NAMES.has(error.name)) return 2;
  if (error instanceof Error && error.name === 'InterruptedError') return interruptExitCode();
  return 3;
}

/** The message to print; the stack too for an unexpected error when debugging. */
export function describeError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return String(error);
  const expected = error instanceof InputError || error instanceof InfrastructureError || INPUT_ERROR_NAMES.has(error.name) || error.name === 'InterruptedError';
  if (expected || !debug) return expected ? error.message : `${error.message} (set MLREG_DEBUG=1 for details)`;
  return error.stack ?? error.message;
}
