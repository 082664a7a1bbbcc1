/** The sequential decision rule: verdicts from as few candidate runs as the evidence allows. */

export { sequentialComparison } from './comparison.js';
export { sequentialMetricSet } from './metric-set.js';
export { decideFromStream, type SequentialRule } from './stream.js';
export type { MetricSpec, MetricSetOptions, MetricSetStep, GateDecision, SequentialMetricSet } from './metric-set.js';
export type { SpendingFunction } from './spending.js';
export type {
  SequentialComparison,
  SequentialEvidence,
  SequentialOptions,
  SequentialStep,
  SequentialVerdict,
} from './types.js';
