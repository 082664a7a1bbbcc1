/** The `builtin` trainer's entry in the registry: no settings besides `timeout`; its params are checked up front. */
import { builtinTrainerDeclaration } from '../../plugins/trainers.js';
import { defineTrainer } from '../types.js';
import { validateBuiltinParams } from './params.js';

export const builtinTrainer = defineTrainer({
  ...builtinTrainerDeclaration,
  async create() {
    const { runBuiltin } = await import('./adapter.js');
    return { name: 'builtin', run: runBuiltin, validateParams: validateBuiltinParams };
  },
});
