/**
 * The contract between the runner and a launcher: where the runs of one arm execute
 * (this machine's process pool, a Slurm job array …). The runner plans seeds, persists
 * results and decides when to stop; a launcher only executes runs and reports each as it ends.
 */
import type { MetricPoint } from '../trainers/types.js';
import type { RunRecord } from '../model/run-record.js';
import type { LaunchPreview } from '../model/run-preview.js';

/** What the runner needs of a resolved config (src/config's result satisfies it). */
export interface RunnableConfig {
  name: string;
  file: string;
  /** The root ancestor's name: runs of one config tree share it (W&B run group). */
  group: string;
  fingerprint: string;
  tags: string[];
  trainer: { adapter: string; timeout?: number | undefined; [key: string]: unknown };
  params: Record<string, unknown>;
  metrics: Record<string, { direction: 'lower' | 'higher' }>;
  runner?: { retries?: number | undefined; gpus?: readonly string[] | 'auto' | undefined; runs_per_gpu?: number | undefined; log_limit_mb?: number | undefined } | undefined;
  launcher?: { type: string; [key: string]: unknown } | undefined;
}

/** One arm to execute: a resolved config and the seeds still to run. */
export interface ArmPlan {
  /** `baseline` or `candidate`. */
  arm: string;
  config: RunnableConfig;
  seeds: number[];
  /** Directory of this arm in this invocation; run directories are `<armDir>/seed-<seed>`. */
  armDir: string;
}

export interface LaunchOptions {
  concurrency: number;
  /** Aborted to stop: launch nothing new, cancel what is in flight (status `cancelled`). */
  signal: AbortSignal;
  /** Aborted to launch nothing new but let the runs in flight finish. */
  stopLaunching?: AbortSignal | undefined;
  onProgress?: ((seed: number, point: MetricPoint) => void) | undefined;
  onStart?: ((seed: number) => void) | undefined;
}

export interface Launcher {
  readonly name: string;
  /** Executes the plan's seeds, yielding each run's record as soon as it ends. */
  launch(plan: ArmPlan, options: LaunchOptions): AsyncIterable<RunRecord>;
  /** What `launch` would do, without doing it (`mlreg run --dry-run`): commands and files, as text. */
  preview?(plan: ArmPlan, options: Pick<LaunchOptions, 'concurrency'>): LaunchPreview;
}
