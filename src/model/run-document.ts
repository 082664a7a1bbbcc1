/**
 * The document a `run` produces: what `run --json` prints, what the history stores and what every
 * reporter (console, markdown, junit, html, slack) renders. Data only.
 */
import type { DetailedComparison, MetricVerdict } from './comparison.js';
import type { Direction } from './direction.js';
import type { GatePower } from './gate-power.js';
import type { RunReason } from './reasons.js';
import type { RunRecord } from './run-record.js';

export type OverallVerdict = 'pass' | 'fail' | 'error';

/** Why a sequential run stopped launching seeds. */
export type SequentialStop =
  /** No candidate run finished with valid metrics; `ended` runs ended. */
  | { code: 'no-valid-run'; ended: number }
  /** The final values decided the gate: `fail` or `pass`, with the verdict of each metric that decided. */
  | { code: 'decided'; decision: 'fail' | 'pass'; metrics: Array<{ metric: string; verdict: MetricVerdict }> }
  /** Every seed up to the maximum ran without a decision. */
  | { code: 'max-seeds'; maxSeeds: number }
  /**
   * The learning-curve rule decided a regression: `metric` at `step` of `finalStep` was worse than the
   * baseline's once `runs` candidate runs reached it (rank sum at or above the boundary, one-sided `alpha` for the checkpoint).
   */
  | { code: 'curve-regression'; metric: string; step: number; finalStep: number; runs: number; rankSum: number; boundary: number | null; alpha: number };

export interface ArmSummary {
  /** Config name, e.g. `head` or `wider`. */
  name: string;
  configFile: string;
  fingerprint: string;
  /** Where the samples came from: a stored baseline file, or runs of this invocation. */
  source: 'baseline-file' | 'runs';
  baselineFile?: string;
  /** Provenance of a stored baseline. */
  recordedAt?: string;
  gitCommit?: string | null;
  mlregVersion?: string;
  runs: number;
  failedRuns: number;
  /** Per-metric samples used in the comparison. */
  samples: Record<string, number[]>;
  /** Per-metric learning curves (one series per run) when the trainer streamed them. */
  curves?: Record<string, Array<Array<{ step: number; value: number }>>>;
  /** Earlier runs of the baseline's config from the history that joined `samples` (`baseline_pool.from: history`). */
  pool?: BaselinePool;
}

/** Where a pooled baseline's samples came from: `samples[metric]` holds the file's first, then the history's. */
export interface BaselinePool {
  from: 'history';
  /** Samples per metric from the baseline file. */
  fileSamples: Record<string, number>;
  /** Samples per metric from earlier runs in the history. */
  historySamples: Record<string, number>;
  /** Runs pooled, and the invocations they came from (oldest first: firstAt … lastAt). */
  runs: number;
  invocations: number;
  firstAt?: string;
  lastAt?: string;
  /**
   * The pooled runs' seeds, in the order of their samples. They repeat across invocations and
   * overlap the file's, so a baseline that pooled runs is compared as independent samples, not by seed.
   */
  seeds: number[];
  /** The newest change point of the config's series: runs before it are not pooled. */
  changePointAt?: string;
  /** Why nothing was pooled: the series changed after the baseline was recorded, or no earlier run qualifies. */
  skipped?: 'changed-after-baseline' | 'no-runs';
}

export interface FailureRateFinding {
  baselineFailed: number;
  baselineTotal: number;
  candidateFailed: number;
  candidateTotal: number;
  pValue: number;
  verdict: 'regression' | 'unchanged';
}

export interface RunDocument {
  mlregVersion: string;
  createdAt: string;
  config: {
    name: string;
    file: string;
    fingerprint: string;
    tags: string[];
    /** Params that differ from the baseline's config: key path → [baseline, candidate]. */
    diff: Record<string, [unknown, unknown]>;
    /** `recorded`: the diff is against the config the baseline file stores; absent: against the baseline's config as it is now. */
    diffAgainst?: 'recorded';
    metrics: Record<
      string,
      {
        direction: Direction;
        /** Absolute half-width of the region of practical equivalence used for this metric, when one was set. */
        rope?: number;
      }
    >;
  };
  baseline: ArmSummary;
  candidate: ArmSummary;
  /** The candidate arm's runs (the baseline's too when it ran in this invocation). */
  runs: Array<RunRecord & { arm: string }>;
  comparisons: DetailedComparison[];
  failureRate?: FailureRateFinding;
  verdict: OverallVerdict;
  exitCode: 0 | 1 | 2 | 3;
  /** Why the verdict is what it is, one entry per cause, as data. */
  reasons: RunReason[];
  links: Array<{ label: string; url: string }>;
  sequential?: {
    seedsUsed: number;
    maxSeeds: number;
    /** Why the arm stopped launching seeds (the JSON report words it beside, as `stoppedBecause`). */
    stop: SequentialStop;
    /** Steps the candidate's runs trained, finished or stopped (the last step each streamed); absent without curves. */
    stepsTrained?: number;
    /** With `sequential.curves`: the learning-curve rule. */
    curves?: SequentialCurvesFinding;
  };
  /** Earlier results of this config (and fingerprint) from the history store, per metric, oldest first. */
  history?: Record<string, HistoryPoint[]>;
  /** Present when the baseline was recorded for other values of its config than the current ones. */
  baselineMismatch?: BaselineMismatch;
  /** What the gate could detect, computed before the runs; present when there was a baseline to compare with. */
  power?: GatePower;
  /** Set when the config ran with another fingerprint before: its history series starts afresh. */
  fingerprintChange?: FingerprintChange;
}

/** One metric at one checkpoint of the learning-curve rule. */
interface CurveCheckpoint {
  metric: string;
  /** The step compared, and the baseline's last step. */
  step: number;
  finalStep: number;
  /** Candidate runs that reached the step. */
  runs: number;
  /** Mann–Whitney U of their values against the baseline's at the step (larger is worse), and the boundary at this look (null: cannot decide yet). */
  rankSum: number;
  boundary: number | null;
  /** One-sided budget of this checkpoint. */
  alpha: number;
}

/** The learning-curve rule of `run --sequential`: its budget, checkpoints, and the regression that stopped the runs. */
export interface SequentialCurvesFinding {
  /** One-sided budget of the whole curve rule (the final values had the rest of the gate's alpha). */
  alpha: number;
  checkpoints: CurveCheckpoint[];
  /** Where the runs were stopped: the metric decided worse, at which step, after how many runs (and their seeds). */
  stoppedAt?: CurveCheckpoint & { seeds: number[] };
}

/** The baseline file was recorded from a config whose values differ from that config as resolved now. */
export interface BaselineMismatch {
  /** The baseline file, as reports show it. */
  baselineFile: string;
  /** The config the baseline belongs to (its name and file), as resolved now. */
  config: { name: string; file: string };
  recordedFingerprint: string;
  currentFingerprint: string;
  /** Key path → [recorded value, current value]; absent for a file that predates stored configs. */
  differences?: Record<string, [unknown, unknown]>;
  /** `fail` stops before training (exit 2); a document only ever carries `warn`. */
  policy: 'warn' | 'fail';
}

/** The config's fingerprint changed: the history series of `current` began at `at`, after results of `previous`. */
export interface FingerprintChange {
  previous: string;
  current: string;
  /** Time of the first recorded run with the current fingerprint. */
  at: string;
  /** Recorded invocations with the current fingerprint (1: this is the first). */
  runsSince: number;
}

/** One earlier result of a config's metric, as the history chart shows it. */
export interface HistoryPoint {
  createdAt: string;
  /** The candidate arm's mean of the metric in that invocation. */
  value: number;
  /** That invocation's verdict for the metric was a failure (regression or suspicious). */
  failed: boolean;
  /** Change-point detection places a shift at this point (the first point of a new segment). */
  changePoint?: boolean;
}
