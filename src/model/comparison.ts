/**
 * Findings of a comparison of one metric: data only, reporters turn them into text.
 * `MetricComparison` is the per-metric object of PRODUCT.md; `DetailedComparison` is what mlreg
 * makes and stores: the same object with the evidence and reasons behind its verdicts.
 */
import type { Direction } from './direction.js';
import type {
  BootstrapDifferences,
  MeanComparisonProbabilities,
  PairedPermutationResult,
  PairedTResult,
  Pairing,
  PermutationResult,
  PrimaryTest,
  Suspicion,
  WilcoxonSignedRankResult,
} from './evidence.js';
import type { Describe } from './summary.js';

export type MetricVerdict = 'regression' | 'improvement' | 'suspicious' | 'equivalent' | 'inconclusive';

export type VarianceVerdict = 'increased' | 'reduced' | 'unchanged';

/** The half-width of the region of practical equivalence, and where it came from (`default`: ½ baseline sd). */
export interface RopeUsed {
  halfWidth: number;
  source: 'absolute' | 'relative' | 'default';
}

/** How the p-values of a family of tests are adjusted: Holm, Benjamini–Hochberg, or not at all. */
export type Correction = 'holm' | 'bh' | 'none';

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
  /**
   * The verdict came from the learning curves (`run --sequential` with `sequential.curves`): the
   * candidate was decided worse at `step` of `finalStep` after `runs` runs reached it. Without
   * two finished runs, the statistics above are of the values at that step.
   */
  checkpoint?: { step: number; finalStep: number; runs: number };
}

/** Why a metric's verdict was reached: a code and the numbers behind it (reporters turn these into text). */
export type Reason =
  | { code: 'significant-shift'; side: 'worse' | 'better'; test: PrimaryTest['test']; pValue: number; alpha: number }
  | { code: 'shift-within-rope'; difference: number; rope: number }
  | { code: 'far-out-on-good-side'; predictiveTail: number; level: number; advice: ['record-new-baseline-via-pr', 'check-metric-code'] }
  | { code: 'improvement-expected'; predictiveTail: number }
  | { code: 'practically-equivalent'; probEquivalent: number; rope: number; threshold: number }
  | { code: 'not-significant'; pValue: number; alpha: number }
  | { code: 'too-few-seeds-for-permutation'; baselineN: number; candidateN: number }
  /** An arm repeats one value: with splits too few for a permutation test, no verdict can rest on its zero spread. */
  | { code: 'no-spread-in-an-arm'; arms: Array<'baseline' | 'candidate'> }
  /** Every seed gave the same value in both arms: the change does not alter training (or, against itself, training is deterministic). */
  | { code: 'identical-on-all-seeds'; pairs: number }
  /** Both arms hold the same values: no change at all. */
  | { code: 'identical-samples'; n: number }
  /** Seeds were given but too few matched to compare by seed. */
  | { code: 'too-few-pairs'; pairs: number; minimum: number }
  /** Seeds matched, but too many runs of an arm had no partner to leave them out of a paired test. */
  | { code: 'too-many-unpaired'; pairs: number; unpairedBaseline: number; unpairedCandidate: number; maxShare: number };

/** The paired tests of the differences candidate − baseline, one per matched seed. */
export interface PairedTests {
  /** Mean of the per-seed differences, candidate − baseline. */
  meanDifference: number;
  /** Sign-flip permutation test of the mean difference: the primary test of a paired comparison. */
  permutation: PairedPermutationResult;
  wilcoxon: WilcoxonSignedRankResult;
  t: PairedTResult;
  /** Jeffreys posterior of the mean difference, with the same ROPE as the unpaired posterior. */
  bayes: MeanComparisonProbabilities & { rope: RopeUsed };
}

/** How many seeds per arm would likely turn an inconclusive verdict into a decision. */
export interface SeedsToDecide {
  seedsPerArm: number;
  /** Beyond what the candidate already has. */
  additionalCandidateSeeds: number;
  /** `detect`: power 0.8 for the observed difference; `equivalence`: to bring the difference inside the ROPE. */
  basis: 'detect' | 'equivalence';
  capped: boolean;
}

/** Everything a decision is made from, and how. */
export interface Decision {
  primary: PrimaryTest;
  alpha: number;
  /** The primary p-value after the multiplicity correction (equal to the raw one for `none`). */
  adjustedPValue: number;
  correction: Correction;
  rope: RopeUsed;
  suspicion: Suspicion;
  /** Tail level of the suspicious rule (0.001, divided among the metrics of a family). */
  suspiciousLevel: number;
  expectImprovement: boolean;
  /** Both arms hold the same values (as multisets): present, and true, only then. */
  identicalSamples?: true;
  reasons: Reason[];
  seedsToDecide?: SeedsToDecide;
}

/** The per-metric comparison of PRODUCT.md, with the evidence and reasons behind its verdicts. */
export interface DetailedComparison extends MetricComparison {
  tests: MetricComparison['tests'] & { permutation: PermutationResult; paired?: PairedTests };
  /** Present when seeds were given: true when the runs were compared by seed. */
  paired?: boolean;
  /** How the seeds matched; present when seeds were given. */
  pairing?: Pairing;
  variance: {
    verdict: VarianceVerdict;
    probCandidateVarianceLower: number;
    /** The plain Brown–Forsythe p (as SciPy's levene, center='median'), also under `tests.brownForsythe`. */
    brownForsythePValue: number;
    /** The p that decides the verdict: Brown–Forsythe with structural zeros removed (1 with fewer than 3 runs in an arm). */
    spreadTestPValue: number;
  };
  /** BCa 95% intervals of the mean and median differences (candidate − baseline); absent when disabled. */
  bootstrap?: BootstrapDifferences;
  decision: Decision;
}
