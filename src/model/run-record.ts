/** A finished (or abandoned) training run, as the runner stores it and every document carries it. */

export type RunStatus = 'ok' | 'failed' | 'timeout' | 'invalid' | 'cancelled';

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
  /** Why each earlier attempt did not count, oldest first: a Slurm requeue, a preemption, a node failure. */
  attemptNotes?: string[];
  /** The GPU that ran it, when the local runs share GPU slots (`runner.gpus`). */
  gpu?: string;
}
