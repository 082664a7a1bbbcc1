/**
 * The document a `run` produces: what `run --json` prints and what every reporter
 * (console, markdown, junit, html, slack) renders. Data only.
 */
import type { RunRecord } from '../runner/types.js';
import type { MetricComparison, Direction } from '../verdict/types.js';

export type OverallVerdict = 'pass' | 'fail' | 'error';

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
    metrics: Record<string, { direction: Direction }>;
  };
  baseline: ArmSummary;
  candidate: ArmSummary;
  /** The candidate arm's runs (the baseline's too when it ran in this invocation). */
  runs: Array<RunRecord & { arm: string }>;
  comparisons: MetricComparison[];
  failureRate?: FailureRateFinding;
  verdict: OverallVerdict;
  exitCode: 0 | 1 | 2 | 3;
  /** Why the verdict is what it is, one entry per cause, as data. */
  reasons: Array<{ code: string; metric?: string; detail: string }>;
  links: Array<{ label: string; url: string }>;
  sequential?: { seedsUsed: number; maxSeeds: number; stoppedBecause: string };
}
