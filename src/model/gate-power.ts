/** What a gate can see before it runs, per metric: whether it can fail, and what it would detect. */
import type { Correction } from './comparison.js';
import type { Direction } from './direction.js';

/** The tests decided together: a run's metrics (Holm), or a suite's configs × metrics. */
export interface TestFamily {
  size: number;
  correction: Correction;
}

export interface MetricPower {
  metric: string;
  direction: Direction;
  alpha: number;
  baselineRuns: number;
  candidateRuns: number;
  /** The tests decided together (a run's metrics, a suite's configs × metrics) and how. */
  family: TestFamily;
  /** The smallest unadjusted p-value the primary test can give for these arm sizes, whatever the data. */
  smallestPValue: number;
  /**
   * The smallest p-value after the family adjustment: Holm multiplies the smallest p by the family
   * size; Benjamini–Hochberg leaves it when every test of the family is as significant.
   */
  smallestAdjustedPValue: number;
  /** False when no result can be significant: the gate cannot fail on this metric. */
  canFail: boolean;
  /**
   * When the gate cannot fail: the fewest candidate seeds with which it can (and the baseline runs
   * then: more too when the baseline is run with the candidate's seeds), if any up to 1,000.
   */
  seedsToCanFail?: { baseline: number; candidate: number };
  /**
   * The smallest true difference of means found with 80% power when it is the only effect in the
   * family (two-sample t-test at level alpha / family size), in the metric's units and in baseline sds.
   * Absent when the gate cannot fail or the baseline's spread is not known yet.
   */
  detectable?: { difference: number; sds: number; sdUsed: number; sdObserved: number; level: number; power: number };
}

/** The gate's power, per metric, and whether the run was allowed to go on although a metric cannot fail. */
export interface GatePower {
  metrics: MetricPower[];
  /** `--allow-underpowered` was given (only then does a document with a metric that cannot fail exist). */
  allowUnderpowered: boolean;
}
