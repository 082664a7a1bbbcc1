/**
 * What git says about the working tree, for a baseline's provenance.
 *
 * Node's `execFile`, not execa: this is one short command, and loading execa at start-up
 * cost ~60 ms and ~16 MB of memory that every trainer spawned afterwards had to fork along
 * (`npm run bench:runner` shows the start-up with two runs).
 */
import { execFile } from 'node:child_process';

/** The commit checked out in `cwd` (with `-dirty` when there are uncommitted changes), or null outside git. */
export async function currentCommit(cwd: string): Promise<string | null> {
  // One process answers both: the header `# branch.oid <sha>` ("(initial)" before the first
  // commit), then one line per changed tracked file.
  const status = await git(cwd, ['status', '--porcelain=v2', '--branch', '--untracked-files=no']);
  if (status === null) return null;
  const lines = status.split('\n').filter((line) => line !== '');
  const head = lines.find((line) => line.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
  if (!head || !/^[0-9a-f]{7,}$/.test(head)) return null;
  const dirty = lines.some((line) => !line.startsWith('#'));
  return `${head}${dirty ? '-dirty' : ''}`;
}

/** git's stdout, or null when git is missing or exits non-zero. */
function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
  });
}
