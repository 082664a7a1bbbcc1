/** mlreg's comparison verdicts: evidence → decisions, as data. */
export { compareSamples } from './compare-samples.js';
export { compareMetrics, adjustSuite, type MetricInput } from './compare-metrics.js';
export { smallestPrimaryPValue } from './primary-test.js';
export { assessGatePower } from './gate-power.js';
export { assessSuspicion, isSuspicious } from './suspicion.js';
