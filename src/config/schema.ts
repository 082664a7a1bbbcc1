/**
 * The schema of an mlreg config file. It is the documentation: every description and default
 * here reaches docs/config-reference.md and schema/mlreg.schema.json through
 * scripts/generate-config-docs.ts.
 *
 * Error texts passed to zod start with "expected " so that src/config/issues.ts can quote them
 * as the expected side of "expected X, received Y".
 */
import * as z from 'zod';
import { launcherCatalogue } from '../plugins/launchers.js';
import { notifierCatalogue } from '../plugins/notifiers.js';
import { trainerCatalogue } from '../plugins/trainers.js';
import { describePlugins, pluginNames, settingsBlocks, trainerVariants } from './plugin-schemas.js';
import { MAX_SEEDS } from '../model/defaults.js';
import { DEFAULT_ALPHA } from '../model/defaults.js';

export { MAX_SEEDS };

/** A config's name, explicit or from its file name: it names files (baselines/<name>.json) and directories. */
export const CONFIG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const CONFIG_NAME_EXPECTED = 'a name of letters, digits, ".", "_" and "-", starting with a letter or digit';
const PERCENT = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/;
/** A device id: an index, or an NVIDIA/AMD UUID or MIG id (no commas: CUDA_VISIBLE_DEVICES separates ids with them). */
const GPU_ID = /^[A-Za-z0-9][A-Za-z0-9:/_-]*$/;

const DirectionSchema = z.enum(['lower', 'higher']).describe('Which way is better for this metric: `lower` (loss, FID) or `higher` (accuracy).');

/** A ROPE written as a number (absolute) or "2%" (relative to the baseline mean). */
export const RopeSchema = z
  .union([z.number().nonnegative(), z.string().regex(PERCENT, { error: 'expected a percentage such as "2%"' })], {
    error: 'expected a non-negative number (absolute) or a percentage such as "2%" (relative)',
  })
  .transform((rope): number | { relative: number } => (typeof rope === 'number' ? rope : { relative: Number.parseFloat(rope) / 100 }))
  .describe(
    'Region of practical equivalence: differences of means smaller than this are "equivalent", and ' +
      'P(better) / P(worse) in every report are the posterior probabilities of a difference beyond it. A number ' +
      'is an absolute half-width in the metric\'s units; a string such as "2%" is relative to the baseline mean ' +
      '(normalised to `{ relative: 0.02 }`). With a configured ROPE a significant shift inside it is not a ' +
      "regression or improvement. Default: half the baseline's standard deviation (used for equivalence and " +
      'P(better) only; any significant shift then counts).',
  );

const MetricObjectSchema = z
  .strictObject({
    direction: DirectionSchema,
    rope: RopeSchema.optional(),
    alpha: z
      .number()
      .gt(0, { error: 'expected a significance level between 0 and 1 (exclusive)' })
      .lt(1, { error: 'expected a significance level between 0 and 1 (exclusive)' })
      .default(DEFAULT_ALPHA)
      .describe("Significance level of this metric's tests."),
    gate: z.boolean().default(true).describe('Whether a regression or suspicious result on this metric fails the run (exit 1). `false` reports it only.'),
    curve: z
      .strictObject({
        auc: z
          .boolean()
          .default(false)
          .describe(
            "Compare the area under each run's curve divided by the steps it spans (the mean over training), as metric `<name>.auc`, with the metric's direction and ROPE.",
          ),
        steps_to: z
          .number()
          .optional()
          .describe(
            "Compare the first step at which each run's curve reaches this value (at or better than it), as metric `<name>.steps_to`, lower is better; " +
              'a run that never reaches it counts at the evaluation after its last.',
          ),
      })
      .optional()
      .describe(
        'Curve-level checks, compared like final values (same tests, same family) on the curves as baseline files store them (thinned to 64 points, both arms alike). ' +
          'Fixed-N runs only: with `--sequential` they are reported, not gated. Default: none.',
      ),
  })
  .describe('How one metric is compared.');

export type MetricSpec = z.output<typeof MetricObjectSchema>;

const MetricSchema = z
  .union([DirectionSchema, MetricObjectSchema], {
    error: 'expected `lower`, `higher` or a map { direction, rope, alpha, gate }',
  })
  .transform((metric): MetricSpec => (typeof metric === 'string' ? MetricObjectSchema.parse({ direction: metric }) : metric))
  .describe('A metric the trainer reports: `lower` / `higher` (shorthand for `{ direction }`) or a map.');

const SeedsSchema = z
  .union(
    [
      z
        .number()
        .int({ error: 'expected a whole number of seeds' })
        .positive({ error: 'expected a positive number of seeds' })
        .max(MAX_SEEDS, { error: `expected at most ${MAX_SEEDS} seeds` }),
      z
        .array(z.number().int({ error: 'expected a whole-number seed' }).nonnegative({ error: 'expected a non-negative seed' }))
        .min(1, { error: 'expected at least one seed' })
        .max(MAX_SEEDS, { error: `expected at most ${MAX_SEEDS} seeds` })
        .refine((seeds) => new Set(seeds).size === seeds.length, { error: 'expected distinct seeds (a seed appears twice)' }),
    ],
    { error: 'expected a positive integer (the number of seeds) or a list of distinct non-negative integers' },
  )
  .transform((seeds) => (typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i) : seeds))
  .describe('How many seeded runs per config: N means seeds 0..N-1; a list names the seeds. Normalised to the list.');

const timeout = z
  .number()
  .positive({ error: 'expected a positive number of seconds' })
  .optional()
  .describe('Wall-clock limit per run, in seconds; a run that exceeds it is killed and recorded as `timeout`. Default: no limit.');

/** A trainer block without `adapter` (e.g. only a `timeout` override) means the builtin trainer, like no block at all. */
function defaultAdapter(trainer: unknown): unknown {
  if (trainer === null || typeof trainer !== 'object' || Array.isArray(trainer) || 'adapter' in trainer) return trainer;
  return { adapter: 'builtin', ...trainer };
}

const TrainerSchema = z
  .preprocess(defaultAdapter, z.discriminatedUnion('adapter', trainerVariants(trainerCatalogue, { timeout })))
  .default({ adapter: 'builtin' })
  .describe('Which adapter trains one run, and its settings. `adapter` selects the variant (default `builtin`).');

const LauncherSchema = z
  .strictObject({
    type: z
      .enum(pluginNames(launcherCatalogue))
      .default('local')
      .describe(`Where runs execute: ${describePlugins(launcherCatalogue)}. Its settings, if it has any, go in \`launcher.<type>\`.`),
    ...settingsBlocks(launcherCatalogue),
  })
  .default({ type: 'local' })
  .describe('Where the runs execute.');

const RunnerSchema = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "Runs in parallel: local processes, or on Slurm the most tasks of one arm's job array that run at once (`%K`). " +
          '`--concurrency` overrides it. Default: locally the number of CPU cores (with `gpus`, `gpus` × `runs_per_gpu`); ' +
          'on Slurm `launcher.slurm.max_parallel`, else every seed at once.',
      ),
    retries: z.number().int().nonnegative().default(0).describe('Retries of a run that failed for an infrastructure reason (never for a trainer error or bad metric).'),
    gpus: z
      .union(
        [
          z.literal('auto'),
          z
            .array(z.union([z.number().int().nonnegative(), z.string().regex(GPU_ID)]), {
              error: 'expected a list of GPU ids such as [0, 1] (indices or UUIDs)',
            })
            .min(1, { error: 'expected at least one GPU id' })
            .transform((ids) => ids.map(String))
            .refine((ids) => new Set(ids).size === ids.length, { error: 'expected distinct GPU ids (an id appears twice)' }),
        ],
        { error: 'expected `auto` or a list of GPU ids such as [0, 1]' },
      )
      .optional()
      .describe(
        'GPUs of this machine for local runs: a list of device ids (as `nvidia-smi -L` numbers them, or UUIDs), or `auto` ' +
          "(every GPU `nvidia-smi -L` lists, or the ids in mlreg's own CUDA_VISIBLE_DEVICES when it is set). Each run gets " +
          'one device in CUDA_VISIBLE_DEVICES and HIP_VISIBLE_DEVICES (and MLREG_GPU), and its record names it. ' +
          'Default: none (runs see every GPU).',
      ),
    runs_per_gpu: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('With `gpus`: how many runs share one device at a time. The runs in parallel are at most `gpus` × `runs_per_gpu`. Default: 1.'),
    log_limit_mb: z
      .number()
      .positive()
      .optional()
      .describe(
        "Most of each run's stdout.log and stderr.log kept, in MiB (command trainer): a longer log keeps its first and last " +
          'halves with a line between them saying how many bytes were cut. Default: 10.',
      ),
  })
  .default({ retries: 0 })
  .describe('How the runs of one config are scheduled.');

export const NotifySchema = z.strictObject(settingsBlocks(notifierCatalogue)).default({}).describe('Who hears about the result: one block per notifier.');

const CURVE_CHECKPOINTS_DEFAULT = [0.1, 0.25, 0.5];
const CURVE_ALPHA_SHARE_DEFAULT = 0.5;

const CurveEvidenceSchema = z
  .strictObject({
    checkpoints: z
      .array(
        z.number().gt(0, { error: 'expected a fraction of training between 0 and 1 (exclusive)' }).lt(1, { error: 'expected a fraction of training between 0 and 1 (exclusive)' }),
        { error: 'expected a list of fractions of training such as [0.1, 0.25, 0.5]' },
      )
      .min(1, { error: 'expected at least one checkpoint' })
      .default(CURVE_CHECKPOINTS_DEFAULT)
      .describe("Fractions of training (of the baseline runs' last step) at which the candidate's curves are compared with the baseline's."),
    alpha_share: z
      .number()
      .gt(0, { error: 'expected a share of alpha between 0 and 1 (exclusive)' })
      .lt(1, { error: 'expected a share of alpha between 0 and 1 (exclusive)' })
      .default(CURVE_ALPHA_SHARE_DEFAULT)
      .describe("Share of the gate's alpha spent on the curves (split evenly over metrics × checkpoints); the final values keep the rest."),
  })
  .describe('How learning curves are compared during training.');

export type CurveEvidence = z.output<typeof CurveEvidenceSchema>;

const SequentialSchema = z
  .strictObject({
    curves: z
      .union([z.boolean(), CurveEvidenceSchema], { error: 'expected true, false or a map { checkpoints, alpha_share }' })
      .transform((curves): CurveEvidence | false => (curves === false ? false : CurveEvidenceSchema.parse(curves === true ? {} : curves)))
      .default(false)
      .describe(
        "With `--sequential`: compare the candidate's streamed learning curves with the baseline runs' curves (stored in the " +
          'baseline file) at a few checkpoints while the runs train, and stop every run as soon as a gating metric is decided ' +
          'worse at a checkpoint (a regression). `true` uses the defaults. Default: false (only final values decide).',
      ),
  })
  .default({ curves: false })
  .describe('How `run --sequential` decides.');

/** Growing a stored baseline with HEAD's own earlier runs from the history. */
const BaselinePoolSchema = z
  .strictObject({
    from: z
      .enum(['none', 'history'])
      .default('none')
      .describe(
        "`history`: the candidate runs of earlier invocations of the baseline's config with the baseline's fingerprint, from the " +
          'history store (the same suite, or `mlreg run` outside suites), join the stored baseline samples, so nightly runs of HEAD ' +
          'grow the baseline. Only runs since the last change point of that series join (none when the series changed after the ' +
          'baseline was recorded); runs made with `--set`, runs of invocations whose verdict was not `pass` (a regressed candidate ' +
          "is not HEAD), baseline arms and a run's own candidate runs never do. `none`: the baseline file alone.",
      ),
    max_runs: z.number().int().positive().default(200).describe('Most runs taken from the history, newest first.'),
  })
  .prefault({})
  .describe("Pooling HEAD's earlier runs into its stored baseline (applies to stored baseline files).");

/** The merged config before defaults and normalisation, as validated. */
export const ConfigSchema = z
  .strictObject({
    extends: z
      .string()
      .min(1)
      .optional()
      .describe('Path of the parent config, relative to this file. Maps merge deeply, scalars and lists replace, `!delete` removes an inherited key.'),
    name: z
      .string()
      .regex(CONFIG_NAME, { error: `expected ${CONFIG_NAME_EXPECTED}` })
      .optional()
      .describe('Name of the config (baselines/<name>.json, W&B run names). Not inherited. Default: the file name without extension, which must then be a valid name too.'),
    description: z.string().optional().describe('One line on what this config tests. Not inherited. Default: none.'),
    tags: z.array(z.string().min(1)).default([]).describe('Free-form tags, passed to trainers as W&B tags.'),
    trainer: TrainerSchema,
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The model's hyperparameters: any nested map, passed to the trainer unchanged (MLREG_PARAMS). The adapter validates it."),
    seeds: SeedsSchema.prefault(10),
    metrics: z
      .record(z.string().min(1), MetricSchema)
      .default({})
      .describe('The metrics to compare, by name. Metrics a trainer reports but that are not listed are recorded, not compared.'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Baseline to compare against: a name (baselines/<name>.json) or a path to a baseline file (relative to the config ' +
          'that sets it). Default: the baseline of the nearest ancestor that has one.',
      ),
    baseline_mismatch: z
      .enum(['warn', 'fail'])
      .default('warn')
      .describe(
        'When the baseline was recorded for other values of its config (its fingerprint differs from the config as resolved now): ' +
          '`warn` runs and says so at the top of every report; `fail` stops with exit 2 before any training. `--strict-baseline` is `fail`.',
      ),
    baseline_pool: BaselinePoolSchema,
    pair_by_seed: z
      .boolean()
      .default(true)
      .describe(
        "Compare the runs of the same seed as pairs when the baseline knows its samples' seeds (so noise a seed fixes in both arms cancels). " +
          '`false` compares the arms as independent samples, for trainers whose seed does not fix their randomness.',
      ),
    launcher: LauncherSchema,
    runner: RunnerSchema,
    sequential: SequentialSchema,
    notify: NotifySchema,
  })
  .describe('An mlreg config: what to train, how many seeds, and which metrics to compare.');

/** A validated, normalised config with its paths resolved and its name filled in. */
export type ResolvedConfig = Omit<z.output<typeof ConfigSchema>, 'extends' | 'name'> & { name: string };
