/**
 * The results of the tests a decision rests on, as a detailed comparison carries them: the
 * primary test, the permutation and paired tests, the bootstrap intervals, the suspicion evidence
 * and how the seeds paired the runs.
 */

/** A two-sample permutation test's result. */
export interface PermutationResult {
  statistic: number;
  /** Two-sided: 2·min(P(T* ≤ t), P(T* ≥ t)), capped at 1 (SciPy's definition). */
  pValue: number;
  /**
   * `exact`: every split; `monte-carlo`: seeded resamples (more of them when the observed tail is
   * barely visited and the arms are small); `asymptotic`: the resamples left the observed tail
   * unresolved (fewer than 10 beyond it) and the arms are large, so the p-value is the
   * permutation distribution's normal limit rather than a resolution floor.
   */
  method: 'exact' | 'monte-carlo' | 'asymptotic';
  /** Number of splits enumerated or resampled. */
  resamples: number;
}

export interface ConfidenceInterval {
  /** The statistic on the observed samples. */
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

export interface BootstrapDifferences {
  /** BCa interval of mean(candidate) − mean(baseline). */
  mean: ConfidenceInterval;
  /** BCa interval of median(candidate) − median(baseline). */
  median: ConfidenceInterval;
  resamples: number;
}

/** The test whose p-value decides regression/improvement for one metric. */
export interface PrimaryTest {
  test: 'studentized-permutation' | 'permutation' | 'mann-whitney' | 'welch' | 'paired-permutation';
  /** Two-sided p-value before any multiplicity adjustment. */
  pValue: number;
  /** Sign of the candidate-minus-baseline shift the test saw: −1, 0 or 1. */
  sign: number;
  /**
   * Why this test was chosen. `too-few-splits`: no permutation p can reach alpha, so Welch's t;
   * `too-few-splits-no-spread`: the same, but an arm has no spread, which Welch's t would take for
   * infinite precision, so the exact permutation test (which cannot reach alpha) is reported.
   * `paired`: the runs were matched by seed and the sign-flip permutation test of the differences decides.
   */
  basis: 'light-tails' | 'skewed-or-heavy-tails' | 'too-few-splits' | 'too-few-splits-no-spread' | 'paired';
  /** Skewness and excess kurtosis of the pooled sample that drove the choice. */
  pooledShape: { skewness: number; excessKurtosis: number };
}

/** Evidence that the candidate lies far outside the baseline on the good side. */
export interface Suspicion {
  /** One-sided Mann–Whitney p that the candidate is better (exact without ties and with a small arm). */
  rankPValue: number;
  /** The smallest one-sided rank p these arm sizes can reach (1/C(nb + nc, nc)). */
  rankPValueFloor: number;
  /** Every candidate run is strictly better than every baseline run (ties within an arm allowed). */
  separated: boolean;
  /**
   * The gap between the arms (best baseline run to worst candidate run, on the good side) in units
   * of the pooled within-arm sd; 0 when the arms overlap or touch, or when neither arm has spread.
   */
  gapInPooledSd: number;
  /** One-sided Welch p that the candidate mean is better; 1 when neither arm has spread. */
  welchPValue: number;
  /**
   * Posterior-predictive tail of one future baseline run beyond the candidate median on the good
   * side, the smallest over baselines with one run left out (3+ baseline runs): one wild baseline
   * run cannot hide an extreme candidate.
   */
  predictiveTail: number;
}

/** Posterior probabilities of the difference of means under independent Jeffreys priors. */
export interface MeanComparisonProbabilities {
  probCandidateMeanLower: number;
  probBetter: number;
  probWorse: number;
  probEquivalent: number;
}

/** A paired sign-flip permutation test's result. */
export interface PairedPermutationResult {
  /** Mean of the differences, candidate − baseline. */
  statistic: number;
  /** Two-sided: 2·min(P(T* ≤ t), P(T* ≥ t)), capped at 1 (SciPy's definition). */
  pValue: number;
  method: 'exact' | 'monte-carlo';
  /** Sign assignments enumerated or resampled. */
  resamples: number;
}

/** A paired t-test's result. */
export interface PairedTResult {
  /** t of the mean difference, candidate − baseline. */
  statistic: number;
  df: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** A Wilcoxon signed-rank test's result. */
export interface WilcoxonSignedRankResult {
  /** min(R+, R−), SciPy's two-sided statistic; 0 when every difference is 0. */
  statistic: number;
  /** Sum of the ranks of the positive differences (candidate above baseline). */
  rankSumPositive: number;
  /** Two-sided p-value; 1 when every difference is 0. */
  pValue: number;
  method: 'exact' | 'asymptotic';
  /** Pairs with a non-zero difference, which the test ranks (zero differences are dropped). */
  nonZeroPairs: number;
}

/** How a comparison used the seeds: paired, or independent and why. */
export interface Pairing {
  paired: boolean;
  /** Matched pairs, and runs left without a partner. */
  pairs: number;
  unpairedBaseline: number;
  unpairedCandidate: number;
  /** Every matched pair has the same value in both arms (on at least MIN_PAIRS pairs). */
  identical: boolean;
  /** Why the arms were compared as independent samples despite the seeds. */
  reason?: 'too-few-pairs' | 'too-many-unpaired';
  /** With `too-few-pairs`: the pairs the paired test would need to be able to fail the gate. */
  minimumPairs?: number;
}
