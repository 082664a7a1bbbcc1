import { regularizedBeta } from './beta.js';

/**
 * Fisher's F distribution with (d1, d2) degrees of freedom.
 * Source: Abramowitz & Stegun 26.6.2: P(F ≤ f) = I_{d1 f/(d1 f + d2)}(d1/2, d2/2).
 * Both tails are computed directly from the incomplete beta (see beta.ts for why not jstat):
 * 1 − jstat's `centralF.cdf` is 1.7e-9 relative off the SciPy goldens (bound 1e-12; this: 8e-15).
 */

/** P(F ≤ f). */
export function fCdf(f: number, d1: number, d2: number): number {
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  const denom = d1 * f + d2;
  return regularizedBeta((d1 * f) / denom, d1 / 2, d2 / 2, d2 / denom);
}

/** P(F > f). */
export function fSf(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denom = d1 * f + d2;
  return regularizedBeta(d2 / denom, d2 / 2, d1 / 2, (d1 * f) / denom);
}
