/** The `module` trainer's settings and its entry in the registry; the adapter loads when first created. */
import * as z from 'zod';
import { defineTrainer } from '../types.js';

export const moduleSettingsSchema = z.strictObject({
  module: z.string().min(1, { error: 'expected a module path' }).describe('Path of the module, relative to the config file that sets it.'),
  export: z.string().min(1, { error: 'expected an export name' }).default('train').describe('Name of the exported train function.'),
});

export type ModuleTrainerSettings = z.output<typeof moduleSettingsSchema>;

export const moduleTrainer = defineTrainer({
  name: 'module',
  description: 'A JavaScript/TypeScript module that exports a train function.',
  settingsSchema: moduleSettingsSchema,
  async create(settings) {
    const { runModule } = await import('./index.js');
    return { name: 'module', run: (ctx) => runModule(settings, ctx) };
  },
});
