import { normalSf } from './distributions/normal.js';
import { rankWithTies } from './ranks.js';

export type MannWhitneyMethod = 'exact' | 'asymptotic';

export interface MannWhitneyResult {
  /** U of the candidate: the number of (candidate, baseline) pairs with candidate > baseline, ties counting ½. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  method: MannWhitneyMethod;
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum), U of the candidate; two-sided unless `alternative`
 * says `greater` (candidate stochastically larger) or `less`.
 *
 * - `exact`: the permutation distribution of U without ties, from the generating function
 *   ∏ᵢ (1 − q^{n+i}) / (1 − q^i) (Mann & Whitney 1947, Ann. Math. Statist. 18), two-sided p = 2·P(U ≥ max(U, mn − U)).
 * - `asymptotic`: normal approximation with tie-corrected variance
 *   σ² = mn/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))) and a continuity correction of ½.
 * - `auto` (default) follows SciPy 1.10's rule: exact when there are no ties and at least one
 *   arm has at most 8 values, asymptotic otherwise.
 * Matches `scipy.stats.mannwhitneyu(candidate, baseline, method=…)` of SciPy 1.10.
 */
export function mannWhitneyTest(
  baseline: ArrayLike<number>,
  candidate: ArrayLike<number>,
  options: { method?: MannWhitneyMethod | 'auto'; alternative?: 'two-sided' | 'less' | 'greater' } = {},
): MannWhitneyResult {
  const nb = baseline.length;
  const nc = candidate.length;
  if (nb < 1 || nc < 1) throw new RangeError(`mannWhitneyTest: expected non-empty arms, received ${nb} baseline and ${nc} candidate values`);
  const pooled = new Float64Array(nc + nb);
  for (let i = 0; i < nc; i++) pooled[i] = candidate[i]!;
  for (let i = 0; i < nb; i++) pooled[nc + i] = baseline[i]!;
  const { ranks, tieTerm, hasTies } = rankWithTies(pooled);
  let rankSum = 0;
  for (let i = 0; i < nc; i++) rankSum += ranks[i]!;
  const statistic = rankSum - (nc * (nc + 1)) / 2;
  const requested = options.method ?? 'auto';
  const method: MannWhitneyMethod = requested === 'auto' ? (!hasTies && (nb <= 8 || nc <= 8) ? 'exact' : 'asymptotic') : requested;
  const alternative = options.alternative ?? 'two-sided';
  // As SciPy: 'greater' tests U of the candidate, 'less' the baseline's U, two-sided the larger, doubled.
  const u = alternative === 'greater' ? statistic : alternative === 'less' ? nb * nc - statistic : Math.max(statistic, nb * nc - statistic);
  const sides = alternative === 'two-sided' ? 2 : 1;
  const pValue = sides * (method === 'exact' ? exactUpperTail(nc, nb, u) : asymptoticUpperTail(u, nc, nb, tieTerm));
  return { statistic, pValue: Math.min(1, pValue), method };
}

/**
 * The smallest two-sided p-value `mannWhitneyTest` (method `auto`) can return for arms of nb and nc
 * values: the arms completely separated (U = 0 or nb·nc), either with distinct values (the exact
 * distribution when an arm has at most 8 values) or with each arm constant, which maximises the
 * tie correction of the asymptotic variance and so the z statistic. Found by running the test on
 * those two arrangements, so it follows the test's own rules.
 */
export function smallestMannWhitneyPValue(nb: number, nc: number): number {
  if (nb < 1 || nc < 1) throw new RangeError(`smallestMannWhitneyPValue: expected non-empty arms, received ${nb} and ${nc}`);
  const distinct = mannWhitneyTest(
    Array.from({ length: nb }, (_, i) => i),
    Array.from({ length: nc }, (_, i) => nb + i),
  ).pValue;
  const constant = mannWhitneyTest(new Array<number>(nb).fill(0), new Array<number>(nc).fill(1)).pValue;
  return Math.min(distinct, constant);
}

/** P(U ≥ u) under H0 for arm sizes (m, n), summed from the exact distribution's lower tail by symmetry. */
function exactUpperTail(m: number, n: number, u: number): number {
  const limit = Math.floor(m * n - u);
  if (limit < 0) return 0;
  const counts = mannWhitneyCounts(Math.min(m, n), Math.max(m, n), limit);
  let lower = 0;
  for (let k = 0; k <= limit; k++) lower += counts[k]!;
  return Math.exp(Math.log(lower) - logChoose(m + n, m));
}

/**
 * Number of arrangements with U = 0..limit for arm sizes m ≤ n: coefficients of the Gaussian
 * binomial ∏_{i=1..m} (1 − q^{n+i}) / (1 − q^i), truncated at degree `limit` (only the lower tail is needed).
 */
function mannWhitneyCounts(m: number, n: number, limit: number): Float64Array {
  const poly = new Float64Array(limit + 1);
  poly[0] = 1;
  for (let i = 1; i <= m; i++) {
    const up = n + i;
    for (let k = limit; k >= up; k--) poly[k]! -= poly[k - up]!;
    for (let k = i; k <= limit; k++) poly[k]! += poly[k - i]!;
  }
  return poly;
}

function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log((n - k + i) / i);
  return sum;
}

/** P(U ≥ u) by the normal approximation with tie and continuity corrections (SciPy's `_get_mwu_z`). */
function asymptoticUpperTail(u: number, m: number, n: number, tieTerm: number): number {
  const total = m + n;
  const mu = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return 1;
  const z = (u - mu - 0.5) / Math.sqrt(variance);
  return normalSf(z);
}
