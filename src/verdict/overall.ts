/**
 * The verdict of a whole run from its per-metric findings and its failure rates, as data:
 * `fail` (exit 1) on a gating regression or suspicious result or more crashes than the baseline,
 * `error` (exit 3) when too few runs finished to decide, `pass` (exit 0) otherwise.
 */
import { fisherExactGreater } from '../stats/fisher-exact.js';
import type { RunReason } from '../model/reasons.js';
import type { FailureRateFinding, OverallVerdict } from '../model/run-document.js';
import type { MetricComparison } from '../model/comparison.js';
import { FAILURE_RATE_ALPHA } from '../model/defaults.js';

/** Fewer successful runs than this in an arm cannot support a comparison. */
export const MIN_SUCCESSFUL_RUNS = 2;

export interface OverallInput {
  comparisons: MetricComparison[];
  gating: Record<string, boolean>;
  baseline: { ok: number; total: number };
  candidate: { ok: number; total: number };
}

export interface OverallFinding {
  verdict: OverallVerdict;
  exitCode: 0 | 1 | 3;
  failureRate: FailureRateFinding;
  reasons: RunReason[];
}

/** Compares failure rates with a one-sided Fisher exact test. */
function compareFailureRates(baseline: { ok: number; total: number }, candidate: { ok: number; total: number }): FailureRateFinding {
  const baselineFailed = baseline.total - baseline.ok;
  const candidateFailed = candidate.total - candidate.ok;
  const pValue = fisherExactGreater(candidateFailed, candidate.total, baselineFailed, baseline.total);
  return {
    baselineFailed,
    baselineTotal: baseline.total,
    candidateFailed,
    candidateTotal: candidate.total,
    pValue,
    verdict: pValue < FAILURE_RATE_ALPHA ? 'regression' : 'unchanged',
  };
}

/** Decides the run's verdict and lists why. */
export function decideOverall(input: OverallInput): OverallFinding {
  const failureRate = compareFailureRates(input.baseline, input.candidate);
  const reasons: RunReason[] = [];
  if (failureRate.verdict === 'regression') {
    const { candidateFailed, candidateTotal, baselineFailed, baselineTotal, pValue } = failureRate;
    reasons.push({ code: 'failure-rate', candidateFailed, candidateTotal, baselineFailed, baselineTotal, pValue });
  }
  for (const comparison of input.comparisons) {
    if (!input.gating[comparison.metric]) continue;
    if (comparison.verdict === 'regression') {
      // Decided on the learning curves (run --sequential): the reason says where, not only that.
      reasons.push({ code: 'regression', metric: comparison.metric, ...(comparison.checkpoint ? { checkpoint: comparison.checkpoint } : {}) });
    }
    if (comparison.verdict === 'suspicious') reasons.push({ code: 'suspicious', metric: comparison.metric });
  }
  if (reasons.length > 0) return { verdict: 'fail', exitCode: 1, failureRate, reasons };

  const tooFew = (['candidate', 'baseline'] as const).filter((arm) => input[arm].ok < MIN_SUCCESSFUL_RUNS);
  if (tooFew.length > 0 || input.comparisons.length === 0) {
    for (const arm of tooFew) reasons.push({ code: 'too-few-runs', arm, ok: input[arm].ok, total: input[arm].total, minimum: MIN_SUCCESSFUL_RUNS });
    if (tooFew.length === 0) reasons.push({ code: 'nothing-compared' });
    return { verdict: 'error', exitCode: 3, failureRate, reasons };
  }
  return { verdict: 'pass', exitCode: 0, failureRate, reasons };
}
