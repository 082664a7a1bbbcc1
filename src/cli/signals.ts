/**
 * Ctrl-C and SIGTERM: the first stops launching and cancels the running trainers (their process
 * trees), so finished runs are saved and `--resume` can continue; a second one exits at once,
 * after the forced-exit tasks (the Slurm launcher cancels its job arrays), and the command
 * adapter SIGKILLs the trainers' process groups on the way out.
 */
import { interruptExitCode } from '../errors.js';
import { runForcedExitTasks } from '../runner/forced-exit.js';

/** Aborts the returned signal (with the signal's name as reason) on the first SIGINT or SIGTERM. */
export function abortOnSignals(onFirst?: (signal: NodeJS.Signals) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      runForcedExitTasks();
      process.exit(interruptExitCode(controller.signal.reason));
    }
    onFirst?.(signal);
    controller.abort(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
