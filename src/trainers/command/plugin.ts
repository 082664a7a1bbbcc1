/** The `command` trainer's settings and its entry in the registry; the adapter loads when first created. */
import * as z from 'zod';
import { ENV_NAME } from '../../plugins/fields.js';
import { defineTrainer } from '../types.js';
import { placeholderProblems } from './placeholders.js';

const envValue = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' }).transform((value) => String(value));

export const commandSettingsSchema = z.strictObject({
  command: z
    .array(z.string().min(1, { error: 'expected a non-empty argument' }), {
      error: 'expected a list of arguments such as [python, train.py, --seed, "{seed}"] (never a shell string)',
    })
    .min(1, { error: 'expected at least one argument (the program)' })
    .describe(
      'The program and its arguments, as a list (never a shell string). Arguments may use {seed}, {run_dir}, ' +
        '{metrics_file} and {params.some.key}; `{{` and `}}` are literal braces (`${{HOME}}` in a `bash -lc` wrapper is `${HOME}`).',
    ),
  cwd: z
    .string()
    .min(1, { error: 'expected a non-empty directory path' })
    .optional()
    .describe('Working directory of the program, relative to the config file that sets it. Default: the directory mlreg runs in.'),
  env: z
    .record(z.string().regex(ENV_NAME, { error: 'expected an environment variable name' }), envValue)
    .default({})
    .describe('Extra environment variables for the program (numbers and booleans become strings).'),
  kill_grace: z
    .number()
    .nonnegative({ error: 'expected a number of seconds, 0 or more' })
    .optional()
    .describe(
      'Seconds between SIGTERM and SIGKILL when a run is stopped; also how long processes the program leaves behind ' +
        '(a wandb service, tensorboard) may keep its output open after it exits before the run counts as ended. Default: 5.',
    ),
});

export type CommandTrainerSettings = z.output<typeof commandSettingsSchema>;

export const commandTrainer = defineTrainer({
  name: 'command',
  description: 'Any program, run once per seed (see the trainer protocol).',
  settingsSchema: commandSettingsSchema,
  async create(settings) {
    const { runCommand } = await import('./index.js');
    return {
      name: 'command',
      run: (ctx) => runCommand(settings, ctx),
      validateParams: (params) => placeholderProblems(settings.command, params),
    };
  },
});
