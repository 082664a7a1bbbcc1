/**
 * What `mlreg run` checks after loading the config and before the first trainer starts: faults
 * found here cost no training (docs/exit-codes.md).
 */
import type { LoadedConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { BaselineFile } from '../../store/baseline-file.js';
import { MIN_SUCCESSFUL_RUNS } from '../../verdict/overall.js';
import { projectRelative } from '../../config/project.js';

/**
 * A stored baseline must hold samples of the metrics the config compares: a baseline file without
 * them would be found out only after every candidate run trained. A metric missing from an
 * otherwise usable baseline is reported with the verdict (`metric-not-in-baseline`), as before.
 */
export function checkBaselineSamples(candidate: LoadedConfig, baseline: BaselineFile, file: string, root: string): void {
  const shown = projectRelative(root, file);
  const declared = Object.keys(candidate.config.metrics);
  const stored = declared.filter((metric) => baseline.metrics[metric] !== undefined);
  const record = `record it again (mlreg baseline record --config ${baseline.configFile})`;
  if (stored.length === 0) {
    const has = Object.keys(baseline.metrics);
    throw new InputError(
      `${shown}: metrics: expected samples of ${declared.join(', ')} to compare with, received ${has.length === 0 ? 'no metrics' : `only ${has.join(', ')}`}; ${record}`,
    );
  }
  for (const metric of stored) {
    const samples = baseline.metrics[metric]!.samples.length;
    if (samples < MIN_SUCCESSFUL_RUNS) {
      throw new InputError(`${shown}: metrics.${metric}.samples: expected at least ${MIN_SUCCESSFUL_RUNS} samples to compare with, received ${samples}; ${record}`);
    }
  }
}

/** Opens (creating and migrating) the run history, so an unusable history store fails before any training (exit 3, naming it). */
export async function prepareHistoryFile(file: string): Promise<void> {
  const { prepareHistory } = await import('../../store/open-history.js');
  await prepareHistory(file);
}
