/**
 * Which mlreg process owns an invocation, so that `--resume` does not take over one that is
 * still running (both would train the same seeds, and the second would end the first's
 * trainers). A pid alone is not enough: after a reboot, or enough processes, another program
 * gets the same pid. So the owner is recorded with its host and, on Linux, its start time in
 * clock ticks since boot (field 22 of /proc/<pid>/stat), which a reused pid does not share.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface InvocationOwner {
  pid: number;
  host: string;
  /** When the owner started this invocation (ISO 8601), for people. */
  since: string;
  /** The process's start time in clock ticks since boot, where /proc has it. */
  processStart?: string;
}

/** This process as an invocation's owner. */
export function currentOwner(): InvocationOwner {
  const processStart = procStat(process.pid)?.start;
  return { pid: process.pid, host: hostname(), since: new Date().toISOString(), ...(processStart === undefined ? {} : { processStart }) };
}

/**
 * Whether the recorded owner is still running: `alive` (same host, pid running, same start time
 * where known), `gone`, or `unknown` (another host: its processes cannot be seen from here).
 */
export function ownerState(owner: InvocationOwner): 'alive' | 'gone' | 'unknown' {
  if (owner.host !== hostname()) return 'unknown';
  if (owner.pid === process.pid) return 'gone'; // this process is resuming it: the owner was an earlier process
  if (!pidExists(owner.pid)) return 'gone';
  const stat = procStat(owner.pid);
  if (stat?.state === 'Z') return 'gone'; // exited, not yet reaped by its parent
  if (owner.processStart !== undefined && stat !== undefined && stat.start !== owner.processStart) return 'gone';
  return 'alive';
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** State (field 3) and start time (field 22) of /proc/<pid>/stat, or undefined without /proc. */
function procStat(pid: number): { state: string; start: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}
