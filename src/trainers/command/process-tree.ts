/**
 * Ending a trainer and everything it started. Trainers fork (data loaders, torchrun, shells);
 * killing only the direct child leaves grandchildren holding GPUs and pipes open, so the child
 * runs in its own process group and the whole group is signalled.
 */

/** Sends SIGTERM to the process group, then SIGKILL after `graceMs` if it is still alive. */
export function killProcessTree(pid: number, graceMs: number): void {
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  timer.unref();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
