import { normalise } from './scale.js';

/**
 * Sample skewness g₁ = m₃/m₂^{3/2} and excess kurtosis g₂ = m₄/m₂² − 3 (moment estimators,
 * as `scipy.stats.skew`/`kurtosis` with bias=True). Source: Joanes & Gill (1998), The Statistician 47.
 * A sample without spread has g₁ = g₂ = 0. Both are invariant to the scale of the data and are
 * computed on values of magnitude about 1 (see scale.ts): fourth powers of deviations overflow
 * above a spread of about 1e77 and underflow below about 1e-80. Not simple-statistics'
 * `sampleSkewness`/`sampleKurtosis`: they are the bias-adjusted G₁ and G₂, another estimator, and
 * overflow on the 1e308-scale goldens (test/stats/libraries.test.ts).
 */
export function sampleShape(data: ArrayLike<number>): { skewness: number; excessKurtosis: number } {
  const n = data.length;
  if (n < 1) throw new RangeError('sampleShape: expected at least one value, received an empty sample');
  const values = normalise(data).arms[0]!;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return { skewness: 0, excessKurtosis: 0 };
  return { skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}
