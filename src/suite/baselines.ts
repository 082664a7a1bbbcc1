/**
 * Which baselines a suite's config is compared with. A suite that changes what a run computes
 * (its overrides change the fingerprint of the config or of an ancestor: fewer steps, say) must not
 * be compared with baselines recorded at full length, so it keeps its own in `baselines/<suite>/`,
 * found and recorded exactly as `mlreg run` does in `baselines/`. A suite whose overrides leave
 * every fingerprint unchanged (only seeds, metrics or limits) shares `baselines/` with `mlreg run`.
 */
import { join } from 'node:path';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../config/index.js';
import type { ProjectPaths } from '../config/project.js';

/** Whether the overrides (a suite's, and `--set`) change the fingerprint of the config or of any config it extends. */
export function changesFingerprint(loaded: LoadedConfig, overrides: Pick<LoadOptions, 'overrides' | 'sets'>): boolean {
  if (!overrides.overrides?.length && !overrides.sets?.length) return false;
  return loaded.chain.some((link) => loadConfig(link.file).fingerprint !== loadConfig(link.file, overrides).fingerprint);
}

/** The directory of the suite's baselines for this config: `baselines/` or `baselines/<suite>/`. */
export function suiteBaselinesDir(paths: ProjectPaths, suite: string, variant: boolean): string {
  return variant ? join(paths.baselinesDir, suite) : paths.baselinesDir;
}

/** The project paths with the baselines directory a suite's config uses. */
export function suitePaths(paths: ProjectPaths, suite: string, variant: boolean): ProjectPaths {
  return { ...paths, baselinesDir: suiteBaselinesDir(paths, suite, variant) };
}
