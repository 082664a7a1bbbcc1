/**
 * The verdict of a whole run from its per-metric findings and its failure rates, as data:
 * `fail` (exit 1) on a gating regression or suspicious result or more crashes than the baseline,
 * `error` (exit 3) when too few runs finished to decide, `pass` (exit 0) otherwise.
 */
import { fisherExactGreater } from '../stats/fisher-exact.js';
import type { FailureRateFinding, OverallVerdict, RunDocument } from '../model/run-document.js';
import type { MetricComparison } from '../model/comparison.js';

/** Significance of the one-sided test that the candidate crashes more often than the baseline. */
export const FAILURE_RATE_ALPHA = 0.05;
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
  reasons: RunDocument['reasons'];
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
  const reasons: RunDocument['reasons'] = [];
  if (failureRate.verdict === 'regression') {
    reasons.push({
      code: 'failure-rate',
      detail: `${failureRate.candidateFailed} of ${failureRate.candidateTotal} candidate runs failed against ${failureRate.baselineFailed} of ${failureRate.baselineTotal} in the baseline (one-sided Fisher p = ${failureRate.pValue.toPrecision(3)})`,
    });
  }
  for (const comparison of input.comparisons) {
    if (!input.gating[comparison.metric]) continue;
    if (comparison.verdict === 'regression' || comparison.verdict === 'suspicious') {
      const detail =
        comparison.verdict === 'regression'
          ? 'worse than the baseline distribution'
          : 'better than the baseline distribution allows: an unexpected improvement is most often a bug in the metric';
      reasons.push({ code: comparison.verdict, metric: comparison.metric, detail });
    }
  }
  if (reasons.length > 0) return { verdict: 'fail', exitCode: 1, failureRate, reasons };

  const tooFew = [
    ['candidate', input.candidate],
    ['baseline', input.baseline],
  ].filter(([, arm]) => (arm as { ok: number }).ok < MIN_SUCCESSFUL_RUNS) as Array<[string, { ok: number; total: number }]>;
  if (tooFew.length > 0 || input.comparisons.length === 0) {
    for (const [arm, counts] of tooFew) {
      reasons.push({
        code: 'too-few-runs',
        detail: `only ${counts.ok} of ${counts.total} ${arm} runs finished with valid metrics; at least ${MIN_SUCCESSFUL_RUNS} are needed to compare`,
      });
    }
    if (tooFew.length === 0) reasons.push({ code: 'nothing-compared', detail: 'no metric could be compared' });
    return { verdict: 'error', exitCode: 3, failureRate, reasons };
  }
  return { verdict: 'pass', exitCode: 0, failureRate, reasons };
}
