/**
 * Trainer adapters by name. Each entry loads its adapter lazily, so a command that never trains
 * a builtin model never loads it. To add one, copy src/trainers/_template/ and add a line here.
 */
import type { TrainerAdapter } from './types.js';

const adapters: Record<string, () => Promise<TrainerAdapter>> = {
  builtin: async () => (await import('./builtin/index.js')).builtinAdapter,
  command: async () => (await import('./command/index.js')).commandAdapter,
  module: async () => (await import('./module/index.js')).moduleAdapter,
};

export const trainerNames = Object.keys(adapters);

/** The adapter called `name`; an unknown name is an error listing the known ones. */
export async function loadTrainer(name: string): Promise<TrainerAdapter> {
  const load = adapters[name];
  if (!load) throw new Error(`trainer.adapter: expected one of ${trainerNames.join(', ')}, received "${name}"`);
  return load();
}
