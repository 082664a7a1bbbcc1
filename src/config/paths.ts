/**
 * Relative paths inside configs resolve against the directory of the file that set them (or the
 * working directory for `--set`), so a child config can inherit a parent's `./train.js`.
 */
import path from 'node:path';
import type { Source } from './errors.js';
import type { ResolvedConfig } from './schema.js';

/** The directory a relative path set by `source` is relative to. */
export function baseDirOf(source: Source, cwd: string): string {
  return path.isAbsolute(source) ? path.dirname(source) : cwd;
}

/** Whether a `baseline` value is a path (rather than a name under baselines/). */
export function isBaselinePath(baseline: string): boolean {
  return baseline.includes('/') || baseline.includes('\\') || baseline.endsWith('.json');
}

/** A copy of `config` with trainer.cwd, trainer.module, launcher.slurm.log_dir and a path-like `baseline` made absolute. */
export function resolveConfigPaths(config: ResolvedConfig, sourceOf: (keyPath: string) => Source, cwd: string): ResolvedConfig {
  const resolveKey = (keyPath: string, value: string) => path.resolve(baseDirOf(sourceOf(keyPath), cwd), value);
  const trainer = { ...config.trainer };
  if (trainer.adapter === 'command' && trainer.cwd !== undefined) trainer.cwd = resolveKey('trainer.cwd', trainer.cwd);
  if (trainer.adapter === 'module') trainer.module = resolveKey('trainer.module', trainer.module);
  const resolved: ResolvedConfig = { ...config, trainer };
  const slurm = config.launcher.slurm;
  if (slurm?.log_dir !== undefined) {
    resolved.launcher = { ...config.launcher, slurm: { ...slurm, log_dir: resolveKey('launcher.slurm.log_dir', slurm.log_dir) } };
  }
  if (config.baseline !== undefined && isBaselinePath(config.baseline)) resolved.baseline = resolveKey('baseline', config.baseline);
  return resolved;
}
