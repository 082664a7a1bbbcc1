/**
 * The trainer adapters mlreg knows and the settings each takes: the keys of the config's `trainer`
 * block besides `adapter` and `timeout`. The config schema is built from this catalogue; each
 * adapter's plugin (src/trainers/<name>/plugin.ts) adds `create` to its entry, and
 * src/trainers/registry.ts lists exactly these. The catalogue sits below the config so the config
 * can read it without importing the adapters' code (docs/architecture.md).
 */
import * as z from 'zod';
import { ENV_NAME } from './fields.js';
import { declarePlugin } from './types.js';

const envValue = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' }).transform((value) => String(value));

const commandSettingsSchema = z.strictObject({
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

const moduleSettingsSchema = z.strictObject({
  module: z.string().min(1, { error: 'expected a module path' }).describe('Path of the module, relative to the config file that sets it.'),
  export: z.string().min(1, { error: 'expected an export name' }).default('train').describe('Name of the exported train function.'),
});

export type ModuleTrainerSettings = z.output<typeof moduleSettingsSchema>;

export const builtinTrainerDeclaration = declarePlugin({
  name: 'builtin',
  description: 'The embedded example trainer: a small model trained in TypeScript.',
  settingsSchema: z.strictObject({}),
});

export const commandTrainerDeclaration = declarePlugin({
  name: 'command',
  description: 'Any program, run once per seed (see the trainer protocol).',
  settingsSchema: commandSettingsSchema,
});

export const moduleTrainerDeclaration = declarePlugin({
  name: 'module',
  description: 'A JavaScript/TypeScript module that exports a train function.',
  settingsSchema: moduleSettingsSchema,
});

/** Every trainer adapter, in the order the config reference lists them; the first is the default. */
export const trainerCatalogue = [builtinTrainerDeclaration, commandTrainerDeclaration, moduleTrainerDeclaration] as const;
