/**
 * The schema of a suite file (`suites/<name>.yaml`): the configs a scheduled job runs together,
 * the overrides that make the suite shorter or longer, and how false alarms are controlled across
 * it. Error texts start with "expected " so src/config/issues.ts quotes them as the expected side.
 */
import * as z from 'zod';
import { MAX_SEEDS, NotifySchema } from '../config/schema.js';

const KEY_PATH = /^[^.=\s]+(\.[^.=\s]+)*$/;

const SuiteEntrySchema = z
  .strictObject({
    config: z
      .string({ error: 'expected the path of a config file, relative to the suite file' })
      .min(1, { error: 'expected the path of a config file, relative to the suite file' })
      .describe('Path of the config file, relative to the suite file.'),
    set: z
      .record(z.string().regex(KEY_PATH, { error: 'expected a dotted key path such as params.steps' }), z.unknown())
      .default({})
      .describe("Overrides for this config only, as `key.path: value`, applied after the suite's `overrides`."),
    seeds: z
      .number()
      .int({ error: 'expected a whole number of seeds' })
      .positive({ error: 'expected a positive number of seeds' })
      .max(MAX_SEEDS, { error: `expected at most ${MAX_SEEDS} seeds` })
      .optional()
      .describe("Run seeds 0..N-1 of this config (as `run --seeds N`). Default: the config's seeds after the overrides."),
    expect_improvement: z.boolean().default(false).describe('A far-out better result of this config is an expected improvement, not suspicious (as `run --expect-improvement`).'),
  })
  .describe('One config of the suite.');

export const SuiteSchema = z
  .strictObject({
    description: z.string().optional().describe('One line on what the suite is for.'),
    configs: z
      .array(SuiteEntrySchema, { error: 'expected a list of entries such as { config: ../configs/head.yaml }' })
      .min(1, { error: 'expected at least one config' })
      .describe("The configs to run, in order. A config's baseline recorded by an earlier entry is used by later ones."),
    overrides: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('A config map merged on top of every config (e.g. `params: { steps: 200 }`, `seeds: 6`), as a child config would.'),
    correction: z
      .enum(['holm', 'bh'])
      .default('holm')
      .describe('How false alarms are controlled across all config × metric tests: `holm` (family-wise error) or `bh` (false discovery rate).'),
    notify: NotifySchema.describe("Who hears about the suite's result (one message per suite run)."),
  })
  .describe('A suite: configs run together, with overrides, decided as one family of tests.');

export type SuiteSpec = z.output<typeof SuiteSchema>;
export type SuiteEntry = z.output<typeof SuiteEntrySchema>;
