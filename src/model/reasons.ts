/**
 * Why a run's or a suite's verdict is what it is: one entry per cause, as a code and the numbers
 * behind it. Documents carry these; the words are src/report/reasons.ts's.
 */

export type RunReason =
  /** The candidate's runs fail more often than the baseline's (one-sided Fisher exact test). */
  | { code: 'failure-rate'; candidateFailed: number; candidateTotal: number; baselineFailed: number; baselineTotal: number; pValue: number }
  /** A gating metric is worse than the baseline distribution. */
  | { code: 'regression'; metric: string; checkpoint?: { step: number; finalStep: number; runs: number } }
  /** A gating metric is better than the baseline distribution allows: most often a bug in the metric. */
  | { code: 'suspicious'; metric: string }
  /**
   * Too few of an arm's runs finished with valid metrics: fewer than `minimum` to compare, or, when
   * `recording` (a config's first run, which records its baseline), too few to record one.
   */
  | { code: 'too-few-runs'; arm: 'baseline' | 'candidate'; ok: number; total: number; minimum: number; recording?: true }
  /** No metric had samples in both arms. */
  | { code: 'nothing-compared' }
  /** The config gates a metric its baseline file lacks. */
  | { code: 'metric-not-in-baseline'; metric: string; baselineFile: string }
  /** Runs cancelled from outside mlreg (scancel, preemption): decided without them; `--resume` runs them. */
  | { code: 'runs-cancelled'; arms: Array<{ arm: string; seeds: number[] }> }
  /** The candidate arm stopped launching once its crash-rate regression was certain whatever the other seeds do. */
  | { code: 'stopped-early'; notLaunched: number; planned: number; failed: number; baselineFailed: number; baselineTotal: number; pValue: number }
  /** A curve check (`metrics.<name>.curve`) had curves from fewer than two runs of an arm. */
  | { code: 'curve-check-skipped'; metric: string; baselineRuns: number; candidateRuns: number }
  /** A curve check under `--sequential`: shown, not decided (the sequential rules do not cover it). */
  | { code: 'curve-check-not-sequential'; metric: string }
  /** A config's first run: its runs were recorded as its baseline, nothing compared. */
  | { code: 'baseline-recorded'; config: string; baselineFile: string; runs: number };

/** A suite's reasons: those of its configs that did not pass, and the configs that could not be tested. */
export type SuiteReason =
  | (RunReason & { config: string })
  /** A config could not be tested: bad input found once it ran (`config-input-error`) or a fault (`config-error`), with the error's message. */
  | { code: 'config-error' | 'config-input-error'; config: string; message: string };
