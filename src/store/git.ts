/** What git says about the working tree, for a baseline's provenance. */
import { execa } from 'execa';

/** The commit checked out in `cwd` (with `-dirty` when there are uncommitted changes), or null outside git. */
export async function currentCommit(cwd: string): Promise<string | null> {
  const head = await execa('git', ['rev-parse', 'HEAD'], { cwd, reject: false });
  if (head.exitCode !== 0) return null;
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, reject: false });
  const dirty = status.exitCode === 0 && status.stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '-dirty' : ''}`;
}
