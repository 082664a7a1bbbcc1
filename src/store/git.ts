/**
 * What git says about the working tree, for a baseline's provenance.
 *
 * Node's `execFile`, not execa: these are two short commands, and loading execa at start-up
 * cost ~60 ms and ~16 MB of memory that every trainer spawned afterwards had to fork along
 * (`npm run bench:runner` shows the start-up with two runs).
 */
import { execFile } from 'node:child_process';

/** The commit checked out in `cwd` (with `-dirty` when there are uncommitted changes), or null outside git. */
export async function currentCommit(cwd: string): Promise<string | null> {
  // Both questions at once: outside a repository the status answer is simply not used.
  const [head, status] = await Promise.all([
    git(cwd, ['rev-parse', 'HEAD']),
    git(cwd, ['status', '--porcelain', '--untracked-files=no']),
  ]);
  if (head === null) return null;
  const dirty = status !== null && status.trim() !== '';
  return `${head.trim()}${dirty ? '-dirty' : ''}`;
}

/** git's stdout, or null when git is missing or exits non-zero. */
function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
  });
}
