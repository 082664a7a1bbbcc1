/** The seeds of an arm: the config's list, or 0..N-1 for `--seeds N`. */
import type { LoadedConfig } from './index.js';
import { MAX_SEEDS } from '../model/defaults.js';
import { InputError } from '../errors.js';

export function planSeeds(loaded: LoadedConfig, count?: number): number[] {
  if (count === undefined) return loaded.config.seeds;
  if (!Number.isInteger(count) || count < 1) throw new InputError(`--seeds: expected a positive integer, received ${count}`);
  if (count > MAX_SEEDS) throw new InputError(`--seeds: expected at most ${MAX_SEEDS} seeds (as the config key \`seeds\`), received ${count}`);
  return Array.from({ length: count }, (_, index) => index);
}
