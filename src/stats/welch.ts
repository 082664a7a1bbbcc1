import { meanAndVariance } from './describe.js';
import { studentTTwoSided } from './distributions/student-t.js';

export interface WelchResult {
  /** t of candidate minus baseline. */
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Welch's unequal-variance t-test, candidate minus baseline, two-sided.
 * t = (x̄c − x̄b) / √(s²c/nc + s²b/nb); ν = (s²c/nc + s²b/nb)² / Σ (s²/n)²/(n − 1).
 * Matches `scipy.stats.ttest_ind(candidate, baseline, equal_var=False)`.
 * Source: Welch (1947), Biometrika 34; Satterthwaite (1946), Biometrics Bulletin 2.
 * When both arms have zero variance the test is undefined; mlreg reports t = 0, p = 1 for equal
 * means and t = ±∞, p = 0 otherwise, with ν = nb + nc − 2.
 */
export function welchTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): WelchResult {
  if (baseline.length < 2 || candidate.length < 2) {
    throw new RangeError(`welchTest: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  const b = meanAndVariance(baseline);
  const c = meanAndVariance(candidate);
  const vb = b.variance / baseline.length;
  const vc = c.variance / candidate.length;
  const se2 = vb + vc;
  const diff = c.mean - b.mean;
  if (se2 === 0) {
    const df = baseline.length + candidate.length - 2;
    return diff === 0 ? { statistic: 0, df, pValue: 1 } : { statistic: Math.sign(diff) * Infinity, df, pValue: 0 };
  }
  const statistic = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((vb * vb) / (baseline.length - 1) + (vc * vc) / (candidate.length - 1));
  return { statistic, df, pValue: studentTTwoSided(statistic, df) };
}
