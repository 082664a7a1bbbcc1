import { regularizedGammaP } from './gamma.js';

/**
 * Chi-square distribution with k degrees of freedom: cdf and quantile.
 * Source: Abramowitz & Stegun 26.4.19: P(X ≤ x) = P(k/2, x/2) (regularized lower incomplete gamma).
 */

/** P(X ≤ x). */
function chiSquareCdf(x: number, k: number): number {
  return regularizedGammaP(k / 2, x / 2);
}

/** Quantile x with P(X ≤ x) = p, by bisection on the cdf (used for sample-size work, not hot paths). */
export function chiSquareQuantile(p: number, k: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`chiSquareQuantile: expected 0 < p < 1, received ${p}`);
  let lo = 0;
  let hi = Math.max(1, k);
  while (chiSquareCdf(hi, k) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquareCdf(mid, k) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
