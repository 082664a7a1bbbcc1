/**
 * The contract between the runner and a launcher: where the runs of one arm execute
 * (this machine's process pool, a Slurm job array …). The runner plans seeds, persists
 * results and decides when to stop; a launcher only executes runs and reports each as it ends.
 */
import type { RunStatus, MetricPoint } from '../trainers/types.js';

/** A finished (or abandoned) run, as stored in its run directory's `result.json`. */
export interface RunRecord {
  seed: number;
  status: RunStatus;
  reason?: string;
  /** Validated final metrics (finite numbers only). */
  metrics: Record<string, number>;
  curves?: Record<string, Array<{ step: number; value: number }>>;
  links?: string[];
  runDir: string;
  startedAt: string;
  durationMs: number;
  attempts: number;
}

/** One arm to execute: a resolved config and the seeds still to run. */
export interface ArmPlan {
  /** `baseline` or `candidate`. */
  arm: string;
  /** The resolved config (see src/config). */
  configFile: string;
  configName: string;
  fingerprint: string;
  seeds: number[];
  /** Directory of this arm in this invocation; run directories are `<armDir>/seed-<seed>`. */
  armDir: string;
}

export interface LaunchOptions {
  concurrency: number;
  /** Aborted to stop: launch nothing new, cancel what is in flight (status `cancelled`). */
  signal: AbortSignal;
  onProgress?: (seed: number, point: MetricPoint) => void;
  onStart?: (seed: number) => void;
}

export interface Launcher {
  readonly name: string;
  /** Executes the plan's seeds, yielding each run's record as soon as it ends. */
  launch(plan: ArmPlan, options: LaunchOptions): AsyncIterable<RunRecord>;
}
