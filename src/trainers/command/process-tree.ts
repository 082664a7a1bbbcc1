/**
 * Ending a trainer and everything it started. Trainers fork (data loaders, torchrun, shells);
 * killing only the direct child leaves grandchildren holding GPUs and pipes open, so the child
 * runs in its own process group and the whole group is signalled.
 *
 * Because that group is detached from mlreg's, it would outlive mlreg: so every group still
 * owed a kill is SIGKILLed when mlreg exits, and after a `kill -9` of mlreg the next attempt of a
 * run ends the stray trainer before it starts again in the same directory.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Groups that may still have members: SIGKILLed if mlreg exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Notes a freshly started process group, so it cannot outlive mlreg. */
export function trackProcessGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

/** Passes a signal (a checkpoint warning such as SIGUSR1) to every trainer's process group still running. */
export function signalTrainers(signal: NodeJS.Signals): number {
  let reached = 0;
  for (const group of liveGroups) if (signalGroup(group, signal)) reached++;
  return reached;
}

/** Sends SIGTERM to the process group, then SIGKILL after `graceMs` if it is still alive. */
export function killProcessTree(pid: number, graceMs: number): void {
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  }, graceMs);
  timer.unref();
}

/** Ends a group whose leader has exited: only stragglers remain, they get SIGTERM then SIGKILL. */
export function reapProcessGroup(pid: number, graceMs: number): void {
  if (!groupExists(pid)) {
    liveGroups.delete(pid);
    return;
  }
  killProcessTree(pid, graceMs);
}

/**
 * SIGKILLs the process groups of trainers still running for `runDir`: strays left by an mlreg
 * that was killed (`kill -9`), which would otherwise train on in the directory of the seed's
 * next attempt. A trainer is recognised by its environment, `MLREG_RUN_DIR=<runDir>`, which no
 * reused pid can fake. Needs /proc (Linux); elsewhere nothing is found.
 */
export function endStrayTrainer(runDir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return false;
  }
  const marker = `\0MLREG_RUN_DIR=${runDir}\0`;
  const ownGroup = processGroupOf('self');
  let found = false;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
    } catch {
      continue; // gone, or not ours to read
    }
    if (!`\0${environ}`.includes(marker)) continue;
    const group = processGroupOf(entry);
    if (group !== undefined && group !== ownGroup) signalGroup(group, 'SIGKILL');
    else signalProcess(Number(entry), 'SIGKILL');
    found = true;
  }
  return found;
}

/** The process group of a process (field 5 of /proc/<pid>/stat), or undefined. */
function processGroupOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return Number.isInteger(group) && group > 0 ? group : undefined;
  } catch {
    return undefined;
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is already gone
  }
}
