/**
 * What must still happen when mlreg exits at once, on a second Ctrl-C: work that would otherwise
 * outlive it and keep spending resources (a cluster's job arrays). Each task is synchronous and
 * short; the process exits right after them. An ordinary exit (an error, exit 3) runs none of
 * them: arrays left running then are picked up by `--resume`.
 */

const tasks = new Set<() => void>();

/** Registers a task for a forced exit; returns the function that removes it. */
export function onForcedExit(task: () => void): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered task, each once; one that throws does not stop the others. */
export function runForcedExitTasks(): void {
  const pending = [...tasks];
  tasks.clear();
  for (const task of pending) {
    try {
      task();
    } catch {
      // Exiting anyway: nothing better to do with the error.
    }
  }
}
