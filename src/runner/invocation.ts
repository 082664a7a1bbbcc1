/**
 * An invocation's directory: `.mlreg/runs/<config>/<id>/` holds `invocation.json` and one folder
 * per arm. `--resume` finds the newest unfinished invocation of the same config and fingerprint.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
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

/** Where invocations of a config live. */
export function invocationsDir(stateDir: string, configName: string): string {
  return join(stateDir, 'runs', configName);
}

/** Creates a new invocation directory for a config. */
export async function createInvocation(
  stateDir: string,
  configName: string,
  fingerprint: string,
  seeds: Record<string, number[]>,
): Promise<InvocationInfo> {
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
 * Returns the owner that could not be checked (another host), if any, so the caller can say so.
 */
export async function claimInvocation(info: InvocationInfo): Promise<{ info: InvocationInfo; unchecked?: InvocationOwner }> {
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
