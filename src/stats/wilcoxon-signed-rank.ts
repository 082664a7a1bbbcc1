import { normalSf } from './distributions/normal.js';
import { pairedDifferences } from './paired-differences.js';
import { rankWithTies } from './ranks.js';
import type { WilcoxonSignedRankResult } from '../model/evidence.js';

/** Up to this many non-zero pairs without ties the null distribution is enumerated (as SciPy's `method='auto'`). */
const WILCOXON_EXACT_MAX_PAIRS = 50;

/**
 * Wilcoxon signed-rank test of candidate − baseline differences, two-sided (Wilcoxon 1945,
 * Biometrics Bulletin 1:80–83). Zero differences are dropped (`zero_method='wilcox'`). Exact for
 * up to 50 pairs without zero differences and without ties (the distribution of R+ by dynamic programming over the
 * ranks); otherwise the normal approximation with the tie correction and without continuity
 * correction. Matches `scipy.stats.wilcoxon(c, b)` (SciPy 1.10: method 'auto', 'wilcox' zeros,
 * no correction) except with tied |d| and no zeros, where SciPy 1.10 truncates mid-ranks into the
 * exact table and later versions switch to the approximation, as this does (`method='approx'`).
 * With every difference 0 SciPy raises; this returns p = 1.
 */
export function wilcoxonSignedRankTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): WilcoxonSignedRankResult {
  const all = pairedDifferences(baseline, candidate, 'wilcoxonSignedRankTest');
  const differences = Array.from(all).filter((d) => d !== 0);
  const n = differences.length;
  const hasZeros = n < all.length;
  if (n === 0) return { statistic: 0, rankSumPositive: 0, pValue: 1, method: 'exact', nonZeroPairs: 0 };
  const ranking = rankWithTies(differences.map(Math.abs));
  let rankSumPositive = 0;
  for (let i = 0; i < n; i++) if (differences[i]! > 0) rankSumPositive += ranking.ranks[i]!;
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(rankSumPositive, total - rankSumPositive);
  if (n <= WILCOXON_EXACT_MAX_PAIRS && !ranking.hasTies && !hasZeros) {
    return { statistic, rankSumPositive, pValue: exactTwoSided(n, rankSumPositive), method: 'exact', nonZeroPairs: n };
  }
  const mean = total / 2;
  const variance = (n * (n + 1) * (2 * n + 1) - ranking.tieTerm / 2) / 24;
  const z = (statistic - mean) / Math.sqrt(variance);
  return { statistic, rankSumPositive, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), method: 'asymptotic', nonZeroPairs: n };
}

/** 2·min(P(R+ ≤ r), P(R+ ≥ r)) under the null, from the counts of subsets of {1..n} with each rank sum. */
function exactTwoSided(n: number, rankSumPositive: number): number {
  const total = (n * (n + 1)) / 2;
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let sum = total; sum >= rank; sum--) counts[sum]! += counts[sum - rank]!;
  }
  const all = 2 ** n;
  const r = Math.round(rankSumPositive);
  if (2 * r === total) return 1;
  let lower = 0;
  for (let sum = 0; sum <= r; sum++) lower += counts[sum]!;
  let upper = 0;
  for (let sum = r; sum <= total; sum++) upper += counts[sum]!;
  return Math.min(1, (2 * Math.min(lower, upper)) / all);
}
