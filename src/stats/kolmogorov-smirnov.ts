type KsMethod = 'exact' | 'asymptotic';

export interface KsResult {
  /** D = sup |F_baseline − F_candidate|. */
  statistic: number;
  /** Two-sided p-value P(D ≥ d). */
  pValue: number;
  method: KsMethod;
}

/** Above this many lattice cells (nb·nc) the exact path count is replaced by the limiting distribution. */
const EXACT_CELL_LIMIT = 4_000_000;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided.
 *
 * Exact p: the fraction of monotone lattice paths from (0, 0) to (nb, nc) that reach
 * |i/nb − j/nc| ≥ d, counted with a probability recursion that never subtracts, so small
 * p-values keep their relative precision (Hodges 1958, Ark. Mat. 3; the "outside" variant of
 * SciPy's `_compute_outer_prob_inside_method`). Matches `scipy.stats.ks_2samp(baseline, candidate,
 * method='exact')`. For nb·nc above 4e6 the asymptotic Kolmogorov distribution with Stephens'
 * (1970) small-sample correction is used instead, and `method` says so.
 */
export function kolmogorovSmirnovTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): KsResult {
  const n1 = baseline.length;
  const n2 = candidate.length;
  if (n1 < 1 || n2 < 1) throw new RangeError(`kolmogorovSmirnovTest: expected non-empty arms, received ${n1} baseline and ${n2} candidate values`);
  const h = maxScaledDistance(baseline, candidate); // in units of 1/(n1·n2)
  const statistic = h / (n1 * n2);
  if (h === 0) return { statistic: 0, pValue: 1, method: 'exact' };
  if (n1 * n2 > EXACT_CELL_LIMIT) return { statistic, pValue: asymptoticPValue(statistic, n1, n2), method: 'asymptotic' };
  return { statistic, pValue: exactPValue(n1, n2, h), method: 'exact' };
}

/** max over all x of |i·n2 − j·n1| where i, j count values ≤ x in each arm. */
function maxScaledDistance(baseline: ArrayLike<number>, candidate: ArrayLike<number>): number {
  const a = Float64Array.from(baseline).sort();
  const b = Float64Array.from(candidate).sort();
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    best = Math.max(best, Math.abs(i * n2 - j * n1));
  }
  return best;
}

/** P(D ≥ h/(n1·n2)) by the path recursion q(i, j) = P(path to (i, j) has touched the boundary). */
function exactPValue(n1: number, n2: number, h: number): number {
  let row = new Float64Array(n2 + 1);
  let next = new Float64Array(n2 + 1);
  for (let j = 0; j <= n2; j++) row[j] = j * n1 >= h ? 1 : j === 0 ? 0 : row[j - 1]!;
  for (let i = 1; i <= n1; i++) {
    for (let j = 0; j <= n2; j++) {
      if (Math.abs(i * n2 - j * n1) >= h) next[j] = 1;
      else if (j === 0) next[j] = row[0]!;
      else next[j] = (row[j]! * i + next[j - 1]! * j) / (i + j);
    }
    [row, next] = [next, row];
  }
  return row[n2]!;
}

/** Kolmogorov's limiting distribution at √(en)·D with Stephens' correction, en = n1·n2/(n1+n2). */
function asymptoticPValue(d: number, n1: number, n2: number): number {
  const en = Math.sqrt((n1 * n2) / (n1 + n2));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-16 * Math.abs(sum)) break;
  }
  return Math.min(1, Math.max(0, sum));
}
