/**
 * An invocation's directory: `.mlreg/runs/<config>/<id>/` holds `invocation.json` and one folder
 * per arm. `--resume` finds the newest unfinished invocation of the same config and fingerprint.
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeJsonAtomic } from '../store/atomic-write.js';
import { currentOwner, ownerState, type InvocationOwner } from './owner.js';

export interface InvocationInfo {
  id: string;
  dir: string;
  configName: string;
  fingerprint: string;
  createdAt: string;
  state: 'running' | 'complete';
  /** Seeds planned per arm, so a resumed invocation runs exactly the same plan. */
  seeds: Record<string, number[]>;
  /** The mlreg process running it (the latest, after a `--resume`); absent in invocations of older versions. */
  owner?: InvocationOwner;
}

const INFO_FILE = 'invocation.json';
/** Held while one process checks and takes over an invocation's ownership: two `--resume`s at once must not both win. */
const CLAIM_LOCK = 'claim.lock';
/** A claim lock older than this was left by a process killed while claiming. */
const STALE_CLAIM_MS = 30_000;
const CLAIM_WAIT_MS = 10_000;

/** Where invocations of a config live. */
export function invocationsDir(stateDir: string, configName: string): string {
  return join(stateDir, 'runs', configName);
}

/** Creates a new invocation directory for a config. */
export async function createInvocation(stateDir: string, configName: string, fingerprint: string, seeds: Record<string, number[]>): Promise<InvocationInfo> {
  const createdAt = new Date();
  const id = `${createdAt.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}`;
  const dir = join(invocationsDir(stateDir, configName), id);
  await mkdir(dir, { recursive: true });
  const info: InvocationInfo = { id, dir, configName, fingerprint, createdAt: createdAt.toISOString(), state: 'running', seeds, owner: currentOwner() };
  await writeJsonAtomic(join(dir, INFO_FILE), info);
  return info;
}

/** The newest unfinished invocation of this config with this fingerprint, if any. */
export async function findResumable(stateDir: string, configName: string, fingerprint: string): Promise<InvocationInfo | undefined> {
  const root = invocationsDir(stateDir, configName);
  let ids: string[];
  try {
    ids = await readdir(root);
  } catch {
    return undefined;
  }
  for (const id of ids.sort().reverse()) {
    const info = await readInvocation(join(root, id));
    if (info && info.state === 'running' && info.fingerprint === fingerprint) return { ...info, dir: join(root, id) };
  }
  return undefined;
}

/**
 * Makes this process the owner of an unfinished invocation, for `--resume`. Refused while its
 * owner is still running (exit 2): two processes would train the same seeds.
 * Returns the owner that could not be checked (another host), if any, so the caller can say so;
 * undefined when the invocation was finished meanwhile (by the `--resume` that claimed it first).
 */
export async function claimInvocation(found: InvocationInfo): Promise<{ info: InvocationInfo; unchecked?: InvocationOwner | undefined } | undefined> {
  const release = await lockClaim(found.dir);
  try {
    // Read again under the lock: another `--resume` may have taken it over since it was found.
    const info = { ...((await readInvocation(found.dir)) ?? found), dir: found.dir };
    if (info.state !== 'running') return undefined;
    const owner = info.owner;
    const state = owner ? ownerState(owner) : 'gone';
    if (owner && state === 'alive') {
      throw new InputError(
        `--resume: ${info.dir} is still being run by mlreg (pid ${owner.pid} on ${owner.host}, since ${owner.since}); ` +
          `expected an interrupted invocation. Wait for it to finish, or stop it (kill ${owner.pid}) and run --resume again.`,
      );
    }
    const claimed = { ...info, owner: currentOwner() };
    await writeJsonAtomic(join(info.dir, INFO_FILE), claimed);
    return state === 'unknown' ? { info: claimed, unchecked: owner } : { info: claimed };
  } finally {
    await release();
  }
}

/** Takes the invocation's claim lock (a directory: its creation is atomic); returns its release. */
async function lockClaim(dir: string): Promise<() => Promise<void>> {
  const lock = join(dir, CLAIM_LOCK);
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const since = await stat(lock).then(
      (entry) => entry.mtimeMs,
      () => undefined,
    );
    if (since !== undefined && Date.now() - since > STALE_CLAIM_MS) await rm(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new InputError(`--resume: another mlreg is taking over ${dir} (${lock} exists); expected no other --resume of it at the same time`);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Marks an invocation finished, so `--resume` starts a new one next time. */
export async function completeInvocation(info: InvocationInfo): Promise<void> {
  await writeJsonAtomic(join(info.dir, INFO_FILE), { ...info, state: 'complete' });
}

async function readInvocation(dir: string): Promise<InvocationInfo | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, INFO_FILE), 'utf8')) as InvocationInfo;
  } catch {
    return undefined;
  }
}
