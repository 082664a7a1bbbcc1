import type { MeanComparisonProbabilities } from '../stats/bayes-means.js';
import type { BootstrapDifferences } from '../stats/bootstrap-bca.js';
import type { PairedPermutationResult } from '../stats/paired-permutation.js';
import type { PairedTResult } from '../stats/paired-t.js';
import type { WilcoxonSignedRankResult } from '../stats/wilcoxon-signed-rank.js';
import type { Pairing } from './pairing.js';
import type { PermutationResult } from '../stats/permutation.js';
import type { PrimaryTest } from './primary-test.js';
import type { ResolvedRope } from './rope.js';
import type { Suspicion } from './suspicion.js';
import type { MetricComparison, MetricVerdict, RopeUsed, VarianceVerdict } from './types.js';

/** Why a verdict was reached: a code and the numbers behind it (reporters turn these into text). */
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
  | { code: 'too-few-pairs'; pairs: number; minimum: number };

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
  correction: 'none' | 'holm' | 'bh';
  rope: ResolvedRope;
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

export type { MetricVerdict };
