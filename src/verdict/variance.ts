import { brownForsytheSzrTest } from '../stats/brown-forsythe-szr.js';
import { brownForsytheTest } from '../stats/brown-forsythe.js';
import { probVarianceLower } from '../stats/variance-posterior.js';
import type { DetailedComparison } from '../model/comparison.js';
import type { VarianceVerdict } from '../model/comparison.js';

/** Fewer runs than this in an arm say nothing about its spread (two runs give one deviation). */
const MIN_RUNS_FOR_VARIANCE_VERDICT = 3;

/**
 * The variance verdict: a change needs both the Brown–Forsythe test with structural zeros removed
 * (robust to non-normality, and not conservative at few seeds: see brown-forsythe-szr.ts) at alpha
 * and the Jeffreys posterior P(σ²c < σ²b) beyond 1 − alpha/2 (reduced) or below alpha/2 (increased).
 * Against the plain Brown–Forsythe test this keeps the A/A rate at or below alpha on normal,
 * skewed, heavy-tailed and discrete data and gains power at every N (docs/calibration.md).
 * With fewer than 3 runs in an arm it stays `unchanged` (no significant change).
 * `known` passes values the caller has already computed.
 */
export function assessVariance(
  baseline: readonly number[],
  candidate: readonly number[],
  known: { alpha: number; probCandidateVarianceLower?: number; brownForsythePValue?: number },
): DetailedComparison['variance'] {
  const probCandidateVarianceLower = known.probCandidateVarianceLower ?? probVarianceLower(baseline, candidate);
  const brownForsythePValue = known.brownForsythePValue ?? brownForsytheTest(baseline, candidate).pValue;
  if (baseline.length < MIN_RUNS_FOR_VARIANCE_VERDICT || candidate.length < MIN_RUNS_FOR_VARIANCE_VERDICT) {
    return { verdict: 'unchanged', probCandidateVarianceLower, brownForsythePValue, spreadTestPValue: 1 };
  }
  const spreadTestPValue = brownForsytheSzrTest(baseline, candidate).pValue;
  return { verdict: varianceVerdict(spreadTestPValue, probCandidateVarianceLower, known.alpha), probCandidateVarianceLower, brownForsythePValue, spreadTestPValue };
}

function varianceVerdict(spreadTestP: number, probLower: number, alpha: number): VarianceVerdict {
  if (!(spreadTestP <= alpha)) return 'unchanged';
  if (probLower >= 1 - alpha / 2) return 'reduced';
  if (probLower <= alpha / 2) return 'increased';
  return 'unchanged';
}
