/** mlreg's comparison verdicts: evidence → decisions, as data. */
export { compareSamples, evidenceOf, finishComparison } from './compare-samples.js';
export { compareMetrics, adjustSuite, type MetricInput } from './compare-metrics.js';
export { gatherEvidence, DEFAULT_ALPHA, type CompareSamplesOptions } from './evidence.js';
export { decide, EQUIVALENCE_PROBABILITY, type DecisionInput } from './decide.js';
export { runPrimaryTest, smallestPrimaryPValue, SHAPE_THRESHOLDS } from './primary-test.js';
export { assessGatePower, PLANNED_POWER, type GatePowerInput } from './gate-power.js';
export { assessSuspicion, isSuspicious, SUSPICIOUS_LEVEL, SUSPICIOUS_PREDICTIVE_TAIL } from './suspicion.js';
export { assessVariance, MIN_RUNS_FOR_VARIANCE_VERDICT } from './variance.js';
export { resolveRope, DEFAULT_ROPE_SD_FRACTION } from './rope.js';
export { estimateSeedsToDecide } from './seeds-to-decide.js';
export type { CompareOptions } from './types.js';
