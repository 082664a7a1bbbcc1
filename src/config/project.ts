/**
 * The user's project: the directory that holds baselines/ and .mlreg/ (found from where mlreg
 * starts), the paths of its baselines, state and history, and paths shown relative to it.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ProjectPaths {
  /** The user's project: baselines/ and .mlreg/ live here (see `findProjectRoot`). */
  root: string;
  baselinesDir: string;
  stateDir: string;
  historyFile: string;
}

export function projectPaths(root = findProjectRoot(process.cwd())): ProjectPaths {
  const absolute = resolve(root);
  return {
    root: absolute,
    baselinesDir: join(absolute, 'baselines'),
    stateDir: join(absolute, '.mlreg'),
    historyFile: join(absolute, '.mlreg', 'history.db'),
  };
}

/**
 * The project of a command started in `cwd`: inside a git repository, the nearest directory from
 * `cwd` up to the repository's root that holds `baselines/` or `.mlreg/`, so that mlreg run from
 * a subdirectory (`cd configs/ablations && mlreg run --config wider.yaml`) finds the project's
 * baselines instead of starting new ones there. Otherwise `cwd` itself: outside a repository
 * there is no boundary to stop the search at, and a stray `.mlreg/` in some parent directory
 * must not capture unrelated work.
 */
export function findProjectRoot(cwd: string): string {
  const start = resolve(cwd);
  const repository = repositoryRoot(start);
  if (!repository) return start;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'baselines')) || existsSync(join(dir, '.mlreg'))) return dir;
    if (dir === repository) return start;
  }
}

/** The nearest directory from `start` up that holds `.git` (a directory, or a file in worktrees and submodules). */
function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `file` relative to `root` when it lies inside it, else unchanged: paths as reports show them (a PR comment must not show `/home/ci/…`). */
export function projectRelative(root: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(root, file);
  const outside = inside === '..' || inside.startsWith(`..${sep}`);
  return inside && !outside && !isAbsolute(inside) ? inside : file;
}
