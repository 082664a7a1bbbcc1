/**
 * Trainer adapters by name: the catalogue's entries (src/plugins/trainers.ts, from which the
 * config's `trainer` union is built) with their `create`. Each adapter's code loads when it is
 * first created. To add one, copy src/trainers/_template/, declare it in the catalogue and add it
 * here (docs/plugins.md); test/trainers/conformance.test.ts checks the two lists match.
 */
import { parseSettings } from '../plugins/settings.js';
import { pluginNamed } from '../plugins/types.js';
import { builtinTrainer } from './builtin/plugin.js';
import { commandTrainer } from './command/plugin.js';
import { moduleTrainer } from './module/plugin.js';
import type { TrainerAdapter, TrainerPlugin } from './types.js';

/** Every registered trainer, in the order the config reference lists them; the first is the default. */
export const trainerPlugins = [builtinTrainer, commandTrainer, moduleTrainer] as const satisfies readonly TrainerPlugin[];

/** Keys of the `trainer` block that belong to the runner, not to the adapter's settings. */
const RUNNER_KEYS = new Set(['adapter', 'timeout']);

/**
 * The adapter a config's `trainer` block asks for, created with its settings (the block without
 * `adapter` and `timeout`). An unknown adapter or bad settings are errors naming the key.
 */
export async function createTrainer(trainer: { adapter: string; [key: string]: unknown }): Promise<TrainerAdapter> {
  const plugin: TrainerPlugin = pluginNamed(trainerPlugins, trainer.adapter, 'trainer.adapter');
  const settings = Object.fromEntries(Object.entries(trainer).filter(([key]) => !RUNNER_KEYS.has(key)));
  return plugin.create(parseSettings(plugin, 'trainer', settings));
}
