/** Checks, before anything runs or is written, that the config's launcher can place its runs. */
import { relative } from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { resolveGpus } from '../runner/gpus.js';

/** Throws an InputError (exit 2) naming the config file when `runner.gpus` cannot be used. */
export function validateLauncher(loaded: LoadedConfig): void {
  const { runner, launcher } = loaded.config;
  if (runner.gpus === undefined) return;
  // The file that set runner.gpus (an ancestor, or --set), which is the one to change.
  const source = loaded.provenance['runner.gpus'] ?? loaded.file;
  const file = source.startsWith('/') ? relative(process.cwd(), source) || source : source;
  if (launcher.type !== 'local') {
    throw new InputError(
      `${file}: runner.gpus: expected GPU slots only with launcher.type local, received launcher.type ${launcher.type}; ` +
        'on Slurm ask for GPUs with launcher.slurm.gres (e.g. "gpu:1"), and Slurm confines each task to its own',
    );
  }
  try {
    resolveGpus(runner.gpus);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}
