import jStat from 'jstat';
import { regularizedGammaP } from './gamma.js';

/**
 * Chi-square distribution with k degrees of freedom: cdf and quantile.
 * Source: Abramowitz & Stegun 26.4.19: P(X ≤ x) = P(k/2, x/2) (regularized lower incomplete gamma).
 */

/** P(X ≤ x). */
function chiSquareCdf(x: number, k: number): number {
  return regularizedGammaP(k / 2, x / 2);
}

/**
 * Quantile x with P(X ≤ x) = p: jstat's `chisquare.inv`, within 1.3e-11 relative of the SciPy
 * goldens over k = 1…999 and p = 1e-6…1 − 1e-6 (test/stats/libraries.test.ts; the bound is 1e-10)
 * and about 14 times faster than bisection on `chiSquareCdf`.
 */
export function chiSquareQuantile(p: number, k: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`chiSquareQuantile: expected 0 < p < 1, received ${p}`);
  return jStat.chisquare.inv(p, k);
}
