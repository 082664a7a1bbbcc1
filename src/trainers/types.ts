/**
 * The contract between the runner and a trainer adapter (builtin, command, module …).
 * An adapter trains one run of one resolved config with one seed. It reports what the trainer
 * produced; judging that output (missing, NaN or infinite metrics) is the runner's job.
 */
import type * as z from 'zod';
import type { RunStatus } from '../model/run-record.js';
import type { PluginBase, SettingsSchema } from '../plugins/types.js';

/** One streamed progress point, e.g. `MLREG_METRIC {"step": 100, "fid": 31.2}`. */
export interface MetricPoint {
  step: number;
  values: Record<string, number>;
}

export interface RunContext {
  seed: number;
  /** The config's `params`, passed to the trainer unchanged. */
  params: Record<string, unknown>;
  /** An existing, empty directory that belongs to this run alone. */
  runDir: string;
  /** Where the trainer writes its final metrics as a JSON object. */
  metricsFile: string;
  /** Name, tags and group of the config, for trainers that tag their runs (W&B). */
  config: { name: string; file: string; tags: string[]; group: string; jobType: string };
  /** The GPU slot this run holds (`runner.gpus`): the command adapter confines the trainer to it. */
  gpu?: string | undefined;
  /** This attempt continues an earlier one in the same run directory, stopped by Slurm in this state (TIMEOUT, PREEMPTED). */
  resumedAfter?: string | undefined;
  /** Wall-clock limit for this run, if any. */
  timeoutMs?: number | undefined;
  /** Most bytes kept of each log file the adapter writes (`runner.log_limit_mb`); undefined: the adapter's default. */
  logLimitBytes?: number | undefined;
  /** Aborted when the run must stop (interrupt, sequential stop). */
  signal: AbortSignal;
  /** Called for each streamed progress point. */
  onProgress?: ((point: MetricPoint) => void) | undefined;
}

/** What an adapter returns. `status` is omitted when the trainer itself finished normally. */
export interface TrainerOutcome {
  status?: Exclude<RunStatus, 'ok'>;
  reason?: string;
  /** Final metrics as reported, before validation. */
  metrics: Record<string, unknown>;
  /** Per-step learning curves, metric → points in step order. */
  curves?: Record<string, Array<{ step: number; value: number }>>;
  /** Links the trainer reported (e.g. a W&B run URL). */
  links?: string[];
  /** The last lines of the trainer's stderr, for failure reasons. */
  stderrTail?: string;
  /** The failure came from the infrastructure (node lost, launcher error), not the training: retrying may help. */
  retryable?: boolean;
}

/** A problem with a config's params, found before anything runs. */
export interface ParamProblem {
  /** Key path from the config root, e.g. `params.bugs.eval_on_train`. */
  path: string;
  expected: string;
  received: string;
  /** "did you mean `width`?", or the known keys. */
  hint?: string;
}

/** One adapter, created with its settings (the config's `trainer` block). */
export interface TrainerAdapter {
  readonly name: string;
  run(ctx: RunContext): Promise<TrainerOutcome>;
  /**
   * Checks params (against the adapter's settings too) before any run starts, so a typo is a
   * config error (exit 2), not N failed runs.
   */
  validateParams?(params: Record<string, unknown>): ParamProblem[];
}

/**
 * A trainer adapter as registered (src/trainers/registry.ts): its settings are the keys of the
 * config's `trainer` block besides `adapter` and `timeout`. `create` may load the adapter's code
 * lazily, so a command that never trains with it never loads it.
 */
export interface TrainerPlugin<Schema extends SettingsSchema = SettingsSchema> extends PluginBase<Schema> {
  create(settings: z.output<Schema>): Promise<TrainerAdapter>;
}

/** Declares a trainer plugin, inferring its settings' type from its schema. */
export function defineTrainer<const Name extends string, Schema extends SettingsSchema>(plugin: TrainerPlugin<Schema> & { name: Name }): TrainerPlugin<Schema> & { name: Name } {
  return plugin;
}
