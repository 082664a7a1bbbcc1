/** The `builtin` trainer's entry in the registry: no settings besides `timeout`; its params are checked up front. */
import * as z from 'zod';
import { defineTrainer } from '../types.js';
import { validateBuiltinParams } from './params.js';

export const builtinTrainer = defineTrainer({
  name: 'builtin',
  description: 'The embedded example trainer: a small model trained in TypeScript.',
  settingsSchema: z.strictObject({}),
  async create() {
    const { runBuiltin } = await import('./adapter.js');
    return { name: 'builtin', run: runBuiltin, validateParams: validateBuiltinParams };
  },
});
