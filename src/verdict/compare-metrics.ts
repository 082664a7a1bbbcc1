import { benjaminiHochbergAdjust } from '../stats/benjamini-hochberg.js';
import { holmAdjust } from '../stats/holm.js';
import type { DetailedComparison } from '../model/comparison.js';
import { evidenceOf, finishComparison } from './compare-samples.js';
import type { DecisionInput } from './decide.js';
import { gatherEvidence, type CompareSamplesOptions } from './evidence.js';
import { SUSPICIOUS_LEVEL } from '../model/defaults.js';
import type { Correction } from '../model/comparison.js';

/** One metric of a config: its samples and its comparison options. */
export interface MetricInput extends CompareSamplesOptions {
  metric: string;
  baseline: readonly number[];
  candidate: readonly number[];
}

/**
 * Compares several metrics of one config with family-wise control: the primary p-values are
 * Holm-adjusted across the metrics (each adjusted p is compared with its metric's alpha), and the
 * suspicious level is divided among them (Bonferroni), so five metrics are not five chances of a
 * false alarm. `correction: 'none'` decides each metric on its own.
 */
export function compareMetrics(metrics: readonly MetricInput[], options: { correction?: Correction } = {}): DetailedComparison[] {
  const familySize = (options.correction ?? 'holm') === 'none' ? 1 : metrics.length;
  const evidence = metrics.map(({ baseline, candidate, ...rest }) => gatherEvidence(baseline, candidate, { familySize, ...rest }));
  return decideFamily(evidence, options.correction ?? 'holm');
}

/**
 * Re-decides a whole suite (configs × metrics) as one family: Holm (family-wise error) or
 * Benjamini–Hochberg (false discovery rate) across every primary p-value, and the suspicious level
 * divided among all comparisons. Input comparisons are not modified.
 */
export function adjustSuite(comparisons: readonly DetailedComparison[], options: { correction: Correction }): DetailedComparison[] {
  return decideFamily(comparisons.map(evidenceOf), options.correction);
}

function decideFamily(evidence: readonly DecisionInput[], correction: Correction): DetailedComparison[] {
  const raw = evidence.map((e) => e.decision.primary.pValue);
  const adjusted = correction === 'holm' ? holmAdjust(raw) : correction === 'bh' ? benjaminiHochbergAdjust(raw) : raw;
  const level = correction === 'none' ? SUSPICIOUS_LEVEL : SUSPICIOUS_LEVEL / Math.max(1, evidence.length);
  return evidence.map((e, i) => finishComparison({ ...e, decision: { ...e.decision, adjustedPValue: adjusted[i]!, correction, suspiciousLevel: level } }));
}
