/** mlreg's statistics: pure functions, one test or estimator per file. */
export { describe, medianOfSorted, meanAndVariance } from './describe.js';
export { welchTest, type WelchResult } from './welch.js';
export { welchEquivalenceTest, type WelchEquivalenceResult } from './welch-tost.js';
export { mannWhitneyTest, smallestMannWhitneyPValue, type MannWhitneyResult, type MannWhitneyMethod } from './mann-whitney.js';
export { brownForsytheTest, type BrownForsytheResult } from './brown-forsythe.js';
export { brownForsytheSzrTest, modifiedDeviations, type BrownForsytheSzrResult } from './brown-forsythe-szr.js';
export { kolmogorovSmirnovTest, type KsResult, type KsMethod } from './kolmogorov-smirnov.js';
export {
  permutationTest,
  permutationTests,
  permutationResolution,
  smallestPermutationPValue,
  choose,
  type PermutationOptions,
  type PermutationResult,
  type PermutationStatistic,
} from './permutation.js';
export { bootstrapDifferences, bcaInterval, type BootstrapDifferences, type BootstrapOptions, type ConfidenceInterval } from './bootstrap-bca.js';
export { hedgesG } from './hedges-g.js';
export { cliffsDelta } from './cliffs-delta.js';
export { holmAdjust } from './holm.js';
export { benjaminiHochbergAdjust } from './benjamini-hochberg.js';
export {
  compareMeansBayes,
  meanPosterior,
  probDifferenceAbove,
  probDifferenceBelow,
  type MeanComparisonProbabilities,
  type MeanPosterior,
} from './bayes-means.js';
export { probVarianceLower } from './variance-posterior.js';
export { predictiveTail } from './predictive-tail.js';
export { sampleShape } from './shape.js';
export { seedsForPower, minimumDetectableDifference, pilotUpperSd, type DetectableDifference, type PowerInput, type PowerOptions, type PowerResult } from './power.js';
export { twoSampleTPower, minimumDetectableEffectSize } from './t-test-power.js';
export { rankWithTies, type Ranking } from './ranks.js';
export { integrate } from './integrate.js';
export { createRandom, type Random } from './random.js';
export { logGamma, regularizedGammaP, regularizedGammaQ } from './distributions/gamma.js';
export { logBeta, regularizedBeta, regularizedBetaComplement } from './distributions/beta.js';
export { normalCdf, normalPdf, normalQuantile, normalSf } from './distributions/normal.js';
export { studentTCdf, studentTPdf, studentTQuantile, studentTSf, studentTTwoSided } from './distributions/student-t.js';
export { fCdf, fSf } from './distributions/f.js';
export { chiSquareCdf, chiSquareQuantile } from './distributions/chi-square.js';
export { pairedPermutationTest, smallestPairedPermutationPValue, type PairedPermutationOptions, type PairedPermutationResult } from './paired-permutation.js';
export { wilcoxonSignedRankTest, WILCOXON_EXACT_MAX_PAIRS, type WilcoxonSignedRankResult } from './wilcoxon-signed-rank.js';
export { pairedTTest, type PairedTResult } from './paired-t.js';
export { comparePairedMeansBayes } from './bayes-paired.js';
export { pairedDifferences } from './paired-differences.js';
