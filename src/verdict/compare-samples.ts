import type { DetailedComparison } from '../model/comparison.js';
import { decide, type DecisionInput } from './decide.js';
import { gatherEvidence, type CompareSamplesOptions } from './evidence.js';

/**
 * Compares a candidate sample of one metric with its baseline sample: descriptive statistics,
 * Welch, Mann–Whitney, Brown–Forsythe, Kolmogorov–Smirnov, permutation and Bayesian results,
 * effect sizes, bootstrap intervals, and the verdicts (see `decide` for the rules).
 * Returns PRODUCT.md's per-metric object with extra evidence fields. Deterministic for a given `seed`.
 */
export function compareSamples(baseline: readonly number[], candidate: readonly number[], options: CompareSamplesOptions): DetailedComparison {
  return finishComparison(gatherEvidence(baseline, candidate, options));
}

/** Applies the decision rules to gathered evidence. */
export function finishComparison(input: DecisionInput): DetailedComparison {
  const { verdict, reasons, seedsToDecide } = decide(input);
  const decision = seedsToDecide ? { ...input.decision, reasons, seedsToDecide } : { ...input.decision, reasons };
  const { metric, direction, ...rest } = input;
  return { metric, direction, verdict, ...rest, decision };
}

/** Strips a finished comparison back to its evidence, so it can be decided again (e.g. after a suite-wide correction). */
export function evidenceOf(comparison: DetailedComparison): DecisionInput {
  const { verdict: _verdict, decision, ...rest } = comparison;
  const { reasons: _reasons, seedsToDecide: _seeds, ...inputs } = decision;
  return { ...rest, decision: inputs };
}
