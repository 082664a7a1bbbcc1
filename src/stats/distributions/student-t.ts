import { regularizedBeta } from './beta.js';
import { logGamma } from './gamma.js';
import { normalCdf, normalQuantile, normalSf } from './normal.js';

/**
 * Student's t distribution with ν degrees of freedom (ν > 0, not necessarily an integer).
 *
 * Written here because jstat's `studentt.cdf` goes through its low-precision incomplete beta
 * (see beta.ts): on the SciPy goldens its two-sided tails are 5.9e-8 relative off (bound 1e-12;
 * this one: 1.6e-13) and its `studentt.inv` 3.7e-8 (bound 1e-10; this one: 6e-13), see
 * test/stats/libraries.test.ts.
 * Source: Abramowitz & Stegun 26.7.1: P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2).
 */

/** P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (df === Infinity) return normalCdf(t);
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5, (t * t) / (df + t * t));
  return t < 0 ? tail : 1 - tail;
}

/** Two-sided tail P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (df === Infinity) return 2 * normalSf(Math.abs(t));
  const x = df / (df + t * t);
  return regularizedBeta(x, df / 2, 0.5, (t * t) / (df + t * t));
}

/** Density of T. */
export function studentTPdf(t: number, df: number): number {
  return Math.exp(logDensityConstant(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The density of T as a function of t, its constant computed once (for many evaluations). */
export function studentTDensity(df: number): (t: number) => number {
  const logC = logDensityConstant(df);
  const exponent = -(df + 1) / 2;
  return (t) => Math.exp(logC + exponent * Math.log1p((t * t) / df));
}

// ln of Γ((ν+1)/2) / (Γ(ν/2) √(νπ)).
function logDensityConstant(df: number): number {
  return logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
}

/** Quantile t such that P(T ≤ t) = p: bracketed Newton iterations on the accurate cdf. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`studentTQuantile: expected 0 ≤ p ≤ 1, received ${p}`);
  }
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  let lo = -1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  let hi = 0;
  let t = Math.max(lo, Math.min(hi, normalQuantile(p)));
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p;
    if (f > 0) hi = t;
    else lo = t;
    if (Math.abs(f) <= p * 1e-14) break;
    const next = t - f / studentTPdf(t, df);
    t = next > lo && next < hi ? next : (lo + hi) / 2;
    if (hi - lo < 1e-15 * Math.abs(t)) break;
  }
  return t;
}
