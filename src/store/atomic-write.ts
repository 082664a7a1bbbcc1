/**
 * Writes that are all-or-nothing: a reader (or a `--resume` after `kill -9`) sees the old file
 * or the new one, never half of one. Write to a temporary sibling, then rename over the file.
 *
 * By default the content is fsynced before the rename, so the file also survives a power loss or
 * a kernel crash. Per-run records opt out (`durable: false`): a `kill -9` of mlreg cannot lose
 * data the kernel already holds (the page cache outlives the process), so the rename alone keeps
 * them whole; only a crash of the machine could lose a record written in its last seconds, and a
 * lost record is just a seed that `--resume` runs again. The fsync was a sizeable share of the
 * runner's per-run cost; baselines, invocation state and documents keep it.
 *
 * The synchronous variant is for the runner's hot path: a run record is a few kilobytes in the
 * run's own directory, and four system calls in a row block the event loop for microseconds,
 * less than the round trips through libuv's thread pool that the asynchronous calls take.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** fsync before the rename, so the write survives a machine crash too (default true). */
  durable?: boolean;
  /** Create the file's directory first when it may be missing (default true). */
  createDirectory?: boolean;
}

let counter = 0;

/** Replaces `file` with `content` atomically, creating its directory if needed. */
export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  if (options.createDirectory !== false) await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${counter++}.tmp`;
  try {
    if (options.durable === false) await writeFile(temporary, content, 'utf8');
    else await writeDurably(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a value as pretty JSON with a trailing newline, atomically. */
export function writeJsonAtomic(file: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** `writeFileAtomic`, synchronously: for small files written once per run. */
export function writeFileAtomicSync(file: string, content: string, options: AtomicWriteOptions = {}): void {
  if (options.createDirectory !== false) mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${counter++}.tmp`;
  try {
    if (options.durable === false) {
      writeFileSync(temporary, content, 'utf8');
    } else {
      const fd = openSync(temporary, 'w');
      try {
        writeFileSync(fd, content, 'utf8');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** `writeJsonAtomic`, synchronously. */
export function writeJsonAtomicSync(file: string, value: unknown, options: AtomicWriteOptions = {}): void {
  writeFileAtomicSync(file, `${JSON.stringify(value, null, 2)}\n`, options);
}
