import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentOwner, ownerState, type InvocationOwner } from '../../src/runner/owner.js';

/** Field 22 of /proc/<pid>/stat: the process's start time. */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

describe('the owner of an invocation', () => {
  it('is this process, on this host, with its start time', () => {
    const owner = currentOwner();
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), processStart: startOf(process.pid) });
    expect(Number.isNaN(Date.parse(owner.since))).toBe(false);
  });

  it('is alive while its process runs, and gone once it exits or when its pid belongs to a later process', async () => {
    const child = spawn('sleep', ['30']);
    await new Promise((resolve) => child.once('spawn', resolve));
    const owner: InvocationOwner = { pid: child.pid!, host: hostname(), since: new Date().toISOString(), processStart: startOf(child.pid!) };
    try {
      expect(ownerState(owner)).toBe('alive');
      // Same pid, another start time: the pid was reused by another program.
      expect(ownerState({ ...owner, processStart: String(Number(owner.processStart) - 1) })).toBe('gone');
      // Recorded by an older mlreg, without a start time: the pid alone decides.
      expect(ownerState({ pid: owner.pid, host: owner.host, since: owner.since })).toBe('alive');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(ownerState(owner)).toBe('gone');
  });

  it('cannot be checked from another host', () => {
    expect(ownerState({ pid: process.pid, host: `${hostname()}-elsewhere`, since: new Date().toISOString() })).toBe('unknown');
  });
});
