/** mlreg's comparison verdicts: evidence → decisions, as data. */
export { compareSamples, evidenceOf, finishComparison } from './compare-samples.js';
export { compareMetrics, adjustSuite, type Correction, type MetricInput } from './compare-metrics.js';
export { gatherEvidence, DEFAULT_ALPHA, type CompareSamplesOptions } from './evidence.js';
export { decide, EQUIVALENCE_PROBABILITY, type DecisionInput } from './decide.js';
export { runPrimaryTest, smallestPrimaryPValue, SHAPE_THRESHOLDS, type PrimaryTest } from './primary-test.js';
export { assessGatePower, PLANNED_POWER, type GatePowerInput, type MetricPower } from './gate-power.js';
export { assessSuspicion, isSuspicious, SUSPICIOUS_LEVEL, SUSPICIOUS_PREDICTIVE_TAIL, type Suspicion } from './suspicion.js';
export { assessVariance, MIN_RUNS_FOR_VARIANCE_VERDICT } from './variance.js';
export { resolveRope, DEFAULT_ROPE_SD_FRACTION, type ResolvedRope } from './rope.js';
export { estimateSeedsToDecide } from './seeds-to-decide.js';
export type { Decision, DetailedComparison, Reason, SeedsToDecide } from './comparison.js';
export type { CompareOptions, RopeUsed, Describe, Direction, MetricComparison, MetricVerdict, VarianceVerdict } from './types.js';
