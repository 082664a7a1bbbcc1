/**
 * A lock between test files that need the dev cluster's two cores to themselves (the client's
 * cluster test counts on tasks starting two at a time): a directory created atomically, with
 * the owner's pid inside so that a lock left by a killed run is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LOCK_DIR = path.join(tmpdir(), 'mlreg-slurm-cluster.lock');

/** Waits until this process holds the cluster lock; returns the function that releases it. */
export async function lockCluster(timeoutMs = 240_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (ownerIsGone()) rmSync(LOCK_DIR, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${LOCK_DIR} (another Slurm test holds the cluster)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function ownerIsGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
  } catch {
    return false; // being created right now
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
