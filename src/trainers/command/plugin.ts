/** The `command` trainer's entry in the registry; the adapter loads when first created. */
import { commandTrainerDeclaration } from '../../plugins/trainers.js';
import { defineTrainer } from '../types.js';
import { placeholderProblems } from './placeholders.js';

export type { CommandTrainerSettings } from '../../plugins/trainers.js';

export const commandTrainer = defineTrainer({
  ...commandTrainerDeclaration,
  async create(settings) {
    const { runCommand } = await import('./index.js');
    return {
      name: 'command',
      run: (ctx) => runCommand(settings, ctx),
      validateParams: (params) => placeholderProblems(settings.command, params),
    };
  },
});
