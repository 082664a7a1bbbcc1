/** Where a workflow keeps its state and finds the user's baselines: the project directory. */
import { join, resolve } from 'node:path';

export interface ProjectPaths {
  /** The user's project: baselines/ and .mlreg/ live here. Default: the working directory. */
  root: string;
  baselinesDir: string;
  stateDir: string;
  historyFile: string;
}

export function projectPaths(root = process.cwd()): ProjectPaths {
  const absolute = resolve(root);
  return {
    root: absolute,
    baselinesDir: join(absolute, 'baselines'),
    stateDir: join(absolute, '.mlreg'),
    historyFile: join(absolute, '.mlreg', 'history.db'),
  };
}
