import { meanAndVariance } from './describe.js';
import { studentTTwoSided } from './distributions/student-t.js';
import { normaliseArms } from './scale.js';

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
 * The arms are brought to magnitude about 1 by a power of two first (the test is invariant to
 * the scale), so neither ν's fourth powers of the spread nor t overflow or underflow anywhere in
 * the range of finite doubles.
 */
export function welchTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): WelchResult {
  if (baseline.length < 2 || candidate.length < 2) {
    throw new RangeError(`welchTest: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  const arms = normaliseArms(baseline, candidate);
  const b = meanAndVariance(arms.baseline);
  const c = meanAndVariance(arms.candidate);
  const vb = b.variance / baseline.length;
  const vc = c.variance / candidate.length;
  const se2 = vb + vc;
  const diff = c.mean - b.mean;
  if (se2 === 0) {
    const df = baseline.length + candidate.length - 2;
    return diff === 0 ? { statistic: 0, df, pValue: 1 } : { statistic: Math.sign(diff) * Infinity, df, pValue: 0 };
  }
  const statistic = diff / Math.sqrt(se2);
  const df = welchDegreesOfFreedom(vb, baseline.length, vc, candidate.length);
  return { statistic, df, pValue: studentTTwoSided(statistic, df) };
}

/**
 * The Welch–Satterthwaite ν = (vb + vc)² / (vb²/(nb − 1) + vc²/(nc − 1)) for the squared
 * standard errors vb = s²b/nb and vc = s²c/nc, written with the shares vb/(vb + vc) and
 * vc/(vb + vc) so that it neither overflows nor underflows whatever the scale of vb and vc.
 */
export function welchDegreesOfFreedom(vb: number, nb: number, vc: number, nc: number): number {
  const total = vb + vc;
  const baselineShare = vb / total;
  const candidateShare = vc / total;
  return 1 / ((baselineShare * baselineShare) / (nb - 1) + (candidateShare * candidateShare) / (nc - 1));
}
