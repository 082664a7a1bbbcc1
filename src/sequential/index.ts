/** The sequential decision rule: verdicts from as few candidate runs as the evidence allows. */

export { sequentialComparison } from './comparison.js';
export { sequentialMetricSet } from './metric-set.js';
export { decideFromStream } from './stream.js';
export type { MetricSpec, MetricSetStep, SequentialMetricSet } from './metric-set.js';
export type {
  SequentialComparison,
  SequentialOptions,
  SequentialStep,
} from './types.js';
