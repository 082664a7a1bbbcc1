/** Findings of a comparison: data only, reporters turn them into text. */

export type Direction = 'lower' | 'higher';

export type MetricVerdict = 'regression' | 'improvement' | 'suspicious' | 'equivalent' | 'inconclusive';

export type VarianceVerdict = 'increased' | 'reduced' | 'unchanged';

/** The half-width of the region of practical equivalence, and where it came from (`default`: ½ baseline sd). */
export interface RopeUsed {
  halfWidth: number;
  source: 'absolute' | 'relative' | 'default';
}

export interface Describe {
  n: number;
  mean: number;
  sd: number;
  median: number;
  min: number;
  max: number;
}

export interface MetricComparison {
  metric: string;
  direction: Direction;
  verdict: MetricVerdict;
  baseline: Describe;
  candidate: Describe;
  tests: {
    welch: { statistic: number; df: number; pValue: number };
    mannWhitney: { statistic: number; pValue: number; method: 'exact' | 'asymptotic' };
    brownForsythe: { statistic: number; pValue: number };
    ks: { statistic: number; pValue: number };
    /**
     * Posterior probabilities under independent Jeffreys priors. `probBetter` / `probWorse`: the
     * candidate mean is better / worse by more than the ROPE; `probEquivalent`: within it. `rope` says
     * which half-width they use (absent in documents of older versions).
     */
    bayes: { probCandidateMeanLower: number; probBetter: number; probWorse: number; probEquivalent: number; rope?: RopeUsed };
  };
  effect: { hedgesG: number; cliffsDelta: number };
  variance: { verdict: VarianceVerdict };
  /**
   * Difference of means (candidate − baseline) with its seeded BCa bootstrap confidence interval;
   * absent when the bootstrap is disabled.
   */
  difference?: { estimate: number; ci: [number, number]; level: number };
}

export interface CompareOptions {
  direction: Direction;
  /** Family-wise significance level for this metric's verdict. Default 0.05. */
  alpha?: number;
  /** Region of practical equivalence: an absolute half-width, or `{ relative: 0.02 }` of the baseline mean. */
  rope?: number | { relative: number };
  /** The candidate is expected to be better: a far-out good result is an improvement, not suspicious. */
  expectImprovement?: boolean;
  /**
   * The seed of each value, per arm: runs with the same seed are compared as pairs (see
   * verdict/pairing.ts), and the result says `paired: true`.
   */
  seeds?: { baseline: readonly number[]; candidate: readonly number[] };
}
