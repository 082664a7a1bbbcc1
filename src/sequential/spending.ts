/**
 * Alpha-spending functions: how much of a one-sided error budget may have been used by the
 * time a given fraction of the final information has been observed.
 */

import { normalCdf, normalQuantile } from '../stats/distributions/normal.js';

/**
 * `pocock` and `obrien-fleming` are the Lan–DeMets approximations of the classic designs;
 * `{ hsd: γ }` is the Hwang–Shih–DeCani family (γ = 1 is close to Pocock, γ = −4 to O'Brien–Fleming).
 */
export type SpendingFunction = 'pocock' | 'obrien-fleming' | { hsd: number };

/**
 * The cumulative one-sided error α(t) allowed at information fraction t ∈ [0, 1], with α(1) = alpha.
 * Lan & DeMets (1983), "Discrete sequential boundaries for clinical trials", Biometrika 70(3):659–663;
 * Hwang, Shih & DeCani (1990), "Group sequential designs using a family of type I error probability
 * spending functions", Statistics in Medicine 9:1439–1445.
 */
export function spentAlpha(spending: SpendingFunction, alpha: number, t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  if (spending === 'pocock') return alpha * Math.log(1 + (Math.E - 1) * t);
  if (spending === 'obrien-fleming') return 2 * (1 - normalCdf(normalQuantile(1 - alpha / 2) / Math.sqrt(t)));
  const gamma = spending.hsd;
  if (gamma === 0) return alpha * t;
  return (alpha * (1 - Math.exp(-gamma * t))) / (1 - Math.exp(-gamma));
}

/**
 * Fisher information about the mean difference after k candidate runs against a fixed baseline
 * of n0 runs, in units of 1/σ²: 1 / (1/k + 1/n0). It saturates at n0 because the baseline's own
 * sampling error never shrinks; the information fraction of look k is I(k) / I(maxRuns).
 */
export function informationFraction(k: number, baselineSize: number, maxRuns: number): number {
  const information = (runs: number): number => (runs * baselineSize) / (runs + baselineSize);
  return information(k) / information(maxRuns);
}

/** A stable text key for a spending function, for caches. */
export function spendingKey(spending: SpendingFunction): string {
  return typeof spending === 'string' ? spending : `hsd(${spending.hsd})`;
}
