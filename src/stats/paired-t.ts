import { meanAndVariance } from './describe.js';
import { studentTTwoSided } from './distributions/student-t.js';
import { pairedDifferences } from './paired-differences.js';
import type { PairedTResult } from '../model/evidence.js';

/**
 * Paired t-test (Student 1908) of the differences candidate − baseline: t = d̄ / (s_d/√n), n − 1
 * degrees of freedom, two-sided. Matches `scipy.stats.ttest_rel(c, b)`. Differences without spread
 * leave t undefined (SciPy returns NaN): mlreg reports t = 0, p = 1 when they are all 0 (identical
 * pairs) and t = ±∞, p = 0 for a constant non-zero difference, as Welch's test does for arms without spread.
 */
export function pairedTTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): PairedTResult {
  const differences = pairedDifferences(baseline, candidate, 'pairedTTest');
  const n = differences.length;
  if (n < 2) throw new RangeError(`pairedTTest: expected at least 2 pairs, received ${n}`);
  const { mean, variance } = meanAndVariance(differences);
  const df = n - 1;
  if (variance === 0) return mean === 0 ? { statistic: 0, df, pValue: 1 } : { statistic: Math.sign(mean) * Infinity, df, pValue: 0 };
  const statistic = mean / Math.sqrt(variance / n);
  return { statistic, df, pValue: studentTTwoSided(statistic, df) };
}
