/** What each verdict means and what to do about it, in words the reader of a report needs. */
import type { MetricVerdict, VarianceVerdict } from '../verdict/types.js';

const VERDICT_ADVICE: Record<MetricVerdict, string> = {
  regression: 'The candidate is worse than the baseline distribution. Look for a bug introduced by the change, or justify the trade-off in the PR.',
  suspicious:
    'The candidate is far better than the baseline distribution, and no improvement was expected. An unexpected jump is most often a bug in how the metric is computed. If the improvement is real, record new baseline runs in the PR (`mlreg baseline record`) or rerun with `--expect-improvement`.',
  improvement: 'The candidate is better than the baseline. Consider recording it as the new baseline in this PR.',
  equivalent: 'The difference lies within the region of practical equivalence.',
  inconclusive: 'The runs cannot tell the arms apart yet. More seeds (or `--sequential`) would narrow it down.',
};

const VARIANCE_ADVICE: Record<VarianceVerdict, string> = {
  increased: 'The spread across seeds grew: results are less reproducible and more runs are needed to see differences.',
  reduced: 'The spread across seeds shrank: a win on its own, since fewer runs are needed to see differences.',
  unchanged: 'The spread across seeds is unchanged.',
};

/** What a metric verdict means and the next step for the reader. */
export function explainVerdict(verdict: MetricVerdict): string {
  return VERDICT_ADVICE[verdict];
}

/** What a variance verdict means for the reader. */
export function explainVariance(verdict: VarianceVerdict): string {
  return VARIANCE_ADVICE[verdict];
}
