/**
 * Ending a trainer and everything it started. Trainers fork (data loaders, torchrun, shells);
 * killing only the direct child leaves grandchildren holding GPUs and pipes open, so the child
 * runs in its own process group and the whole group is signalled.
 *
 * Because that group is detached from mlreg's, it would outlive mlreg: so every group still
 * owed a kill is SIGKILLed when mlreg exits, and each run directory records its trainer's group
 * (`process.json`), so that after a `kill -9` of mlreg the next attempt of that run ends the
 * stray trainer before it starts again in the same directory.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PROCESS_RECORD_FILE = 'process.json';

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

/** Records the trainer's process group in its run directory (see the module comment). */
export async function writeProcessRecord(runDir: string, pid: number): Promise<void> {
  const record = { pid, startTime: processStartTime(pid) };
  await writeFile(join(runDir, PROCESS_RECORD_FILE), `${JSON.stringify(record)}\n`);
}

/**
 * SIGKILLs the trainer group recorded in `runDir` if that very process still runs (a stray left
 * by an mlreg that was killed). The start time guards against a reused pid; where it cannot be
 * read (no /proc), nothing is killed.
 */
export async function endStrayTrainer(runDir: string): Promise<boolean> {
  let record: { pid?: unknown; startTime?: unknown };
  try {
    record = JSON.parse(await readFile(join(runDir, PROCESS_RECORD_FILE), 'utf8')) as typeof record;
  } catch {
    return false;
  }
  if (typeof record.pid !== 'number' || typeof record.startTime !== 'string') return false;
  if (processStartTime(record.pid) !== record.startTime) return false;
  signalGroup(record.pid, 'SIGKILL');
  return true;
}

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), or undefined. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
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

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
