import { fSf } from './distributions/f.js';

export interface TwoGroupAnovaResult {
  /** F = (N − 2) Σ nᵢ (z̄ᵢ − z̄)² / Σ Σ (zᵢⱼ − z̄ᵢ)². */
  statistic: number;
  /** P(F(1, N − 2) ≥ statistic). */
  pValue: number;
  /** The mean of each group, in the order given. */
  means: [number, number];
}

/**
 * One-way ANOVA of two groups: the F test the Levene-family spread tests run on their deviations.
 * Matches `scipy.stats.f_oneway(a, b)`. A zero within-group spread with a non-zero between-group
 * spread gives F = ∞, p = 0; no spread at all gives F = 0, p = 1.
 */
export function twoGroupAnova(a: readonly number[], b: readonly number[]): TwoGroupAnovaResult {
  const groups = [a, b];
  const total = a.length + b.length;
  const means = groups.map((z) => z.reduce((s, x) => s + x, 0) / z.length) as [number, number];
  const grand = groups.reduce((s, z, i) => s + z.length * means[i]!, 0) / total;
  const between = groups.reduce((s, z, i) => s + z.length * (means[i]! - grand) ** 2, 0);
  const within = groups.reduce((s, z, i) => s + z.reduce((w, x) => w + (x - means[i]!) ** 2, 0), 0);
  if (within === 0) return between === 0 ? { statistic: 0, pValue: 1, means } : { statistic: Infinity, pValue: 0, means };
  const statistic = ((total - 2) * between) / within;
  return { statistic, pValue: fSf(statistic, 1, total - 2), means };
}
