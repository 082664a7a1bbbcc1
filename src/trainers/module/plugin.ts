/** The `module` trainer's entry in the registry; the adapter loads when first created. */
import { moduleTrainerDeclaration } from '../../plugins/trainers.js';
import { defineTrainer } from '../types.js';

export type { ModuleTrainerSettings } from '../../plugins/trainers.js';

export const moduleTrainer = defineTrainer({
  ...moduleTrainerDeclaration,
  async create(settings) {
    const { runModule } = await import('./index.js');
    return { name: 'module', run: (ctx) => runModule(settings, ctx) };
  },
});
