/** Public shapes of the sequential decision rule: data only, reporters turn them into text. */

import type { Direction } from '../model/direction.js';
import type { MetricVerdict, RopeUsed } from '../model/comparison.js';
import type { SpendingFunction } from './spending.js';

/** A settled verdict, or `continue` while more runs are needed. */
export type SequentialVerdict = MetricVerdict | 'continue';

export interface SequentialOptions {
  direction: Direction;
  /** False-alarm budget (regression, improvement or suspicious) over all looks. Default 0.05. */
  alpha?: number | undefined;
  /** Region of practical equivalence: an absolute half-width, or `{ relative: r }` of |baseline mean|. Without it, `equivalent` is never reached. */
  rope?: number | { relative: number } | undefined;
  /** No decision before this many candidate runs. Default 3. */
  minRuns?: number | undefined;
  /** Stop with `inconclusive` after this many candidate runs. Default 60. */
  maxRuns?: number | undefined;
  /** The candidate is expected to be better: a far-out good result is an `improvement`, not `suspicious`. */
  expectImprovement?: boolean | undefined;
  /** How the error budget is spread over the looks. Default `{ hsd: -4 }`, close to O'Brien–Fleming. */
  spending?: SpendingFunction | undefined;
  /** How the equivalence budget is spread over the looks. Default: the same as `spending`. A false `equivalent` stays within alpha whichever is chosen. */
  equivalenceSpending?: SpendingFunction | undefined;
  /**
   * The seed of each baseline value. With them the comparison is paired: `add(value, seed)` pairs
   * each candidate run with the baseline run of the same seed and the sequential signed-rank rule
   * decides (see paired-rule.ts); at most one candidate run per baseline seed is used.
   */
  baselineSeeds?: readonly number[] | undefined;
}

/** What the rule knows after the latest look, for a live display and the run document. */
export interface SequentialEvidence {
  /** Candidate runs so far, and baseline runs. */
  n: number;
  baselineN: number;
  /** Candidate mean minus baseline mean, in the metric's units. */
  meanDifference: number;
  /**
   * Posterior probability that the candidate's mean is worse / better by more than `rope`
   * (Welch–Jeffreys approximation): the same P(better) as every report's.
   */
  probWorse: number;
  probBetter: number;
  /** The ROPE these probabilities use: the configured one, or half the baseline sd. */
  rope: RopeUsed;
  /** Posterior probability that the difference lies inside the ROPE; null without a ROPE. */
  probEquivalent: number | null;
  /** Mann–Whitney U of the candidate against the baseline, oriented so that larger is worse (0 … n·baselineN). */
  rankSum: number;
  rankSumMax: number;
  /** U at or above which this look decides `regression`; null before minRuns or with no budget left at this look. */
  regressionBoundary: number | null;
  /** U at or below which this look decides `improvement` (or `suspicious`). */
  improvementBoundary: number | null;
  /** Two-sided false-alarm budget the design allows to have been spent by this look. */
  alphaSpent: number;
  /** Information about the mean difference gathered so far, as a fraction of what maxRuns would give. */
  informationFraction: number;
  /** The two one-sided equivalence tests against the baseline shifted by ±rope; null without a ROPE. */
  equivalence: {
    rope: number;
    /** U against the baseline made worse by the rope: at or below `notWorseBoundary`, the candidate is not worse by a rope. */
    notWorseStatistic: number;
    notWorseBoundary: number | null;
    /** U against the baseline made better by the rope: at or above `notBetterBoundary`, the candidate is not better by a rope. */
    notBetterStatistic: number;
    notBetterBoundary: number | null;
  } | null;
  /** Median of the candidate runs so far, in the metric's units. */
  candidateMedian: number;
  /** A candidate median beyond this value (on the good side) makes an improvement `suspicious`; null with expectImprovement. */
  suspiciousBeyond: number | null;
  /**
   * Paired by seed: the pairs used, the candidate runs without a baseline partner (ignored), and
   * whether every pair so far is identical. `rankSum` is then the signed-rank statistic W of the
   * differences (oriented: positive is worse, −rankSumMax … rankSumMax) and the boundaries are W's.
   */
  paired?: { pairs: number; unpairedCandidate: number; identical: boolean };
}

export interface SequentialStep {
  /** True once the verdict is settled: launch no more runs. */
  done: boolean;
  verdict: SequentialVerdict;
  /** Candidate runs used by this verdict. */
  n: number;
  evidence: SequentialEvidence;
}

export interface SequentialComparison {
  /**
   * Adds one finished candidate run and looks at the evidence. After a settled verdict, returns it
   * unchanged. With `baselineSeeds` the run's seed is required; a seed the baseline lacks (or one
   * already used) is counted as unpaired and does not move the verdict.
   */
  add(value: number, seed?: number): SequentialStep;
  /** Adds a wave of finished runs and looks once, after all of them (with `baselineSeeds`, `seeds` gives each run's seed). */
  addMany(values: readonly number[], seeds?: readonly number[]): SequentialStep;
  /** The latest step; null before the first run. */
  readonly current: SequentialStep | null;
}
