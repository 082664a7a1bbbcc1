/**
 * Writes that are all-or-nothing: a reader (or a `--resume` after `kill -9`) sees the old file
 * or the new one, never half of one. Write to a temporary sibling, fsync it, then rename it over
 * the file, so the write also survives a power loss or a kernel crash.
 *
 * For baselines, invocation state, documents and cluster workers' records: files written a few
 * times per invocation. The runner's per-run records go to an append-only journal instead
 * (src/runner/record-journal.ts).
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

let counter = 0;

/** Replaces `file` with `content` atomically, creating its directory if needed. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${counter++}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes a value as pretty JSON with a trailing newline, atomically. */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
