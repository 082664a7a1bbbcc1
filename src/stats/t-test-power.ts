import { logGamma } from './distributions/gamma.js';
import { normalCdf, normalSf } from './distributions/normal.js';
import { studentTQuantile } from './distributions/student-t.js';
import { integrate } from './integrate.js';

/**
 * Power of the two-sided two-sample t-test (pooled, ν = nb + nc − 2) against a true difference of
 * `d` standard deviations at level `alpha`: P(|T| > t₁₋α/₂,ν) where T follows the noncentral t
 * with noncentrality δ = d / √(1/nb + 1/nc). Computed by conditioning on the chi-square variable
 * V of the denominator: P = E_V[Φ̄(c√(V/ν) − δ) + Φ(−c√(V/ν) − δ)] (Johnson, Kotz & Balakrishnan,
 * Continuous Univariate Distributions 2, ch. 31), integrated by adaptive quadrature.
 * Matches `scipy.stats.nct.sf(c, ν, δ) + scipy.stats.nct.cdf(−c, ν, δ)`.
 */
export function twoSampleTPower(d: number, nb: number, nc: number, alpha: number): number {
  validateArms(nb, nc, alpha);
  const df = nb + nc - 2;
  const delta = Math.abs(d) / Math.sqrt(1 / nb + 1 / nc);
  const critical = studentTQuantile(1 - alpha / 2, df);
  const logNorm = (df / 2) * Math.log(2) + logGamma(df / 2);
  const density = (v: number) => (v <= 0 ? (df === 2 ? 0.5 : 0) : Math.exp((df / 2 - 1) * Math.log(v) - v / 2 - logNorm));
  const conditional = (v: number) => {
    const scaled = critical * Math.sqrt(v / df);
    return normalSf(scaled - delta) + normalCdf(-scaled - delta);
  };
  // The chi-square mass beyond ν + 40√(2ν) + 60 is below 1e-15.
  const upper = df + 40 * Math.sqrt(2 * df) + 60;
  return Math.min(
    1,
    integrate((v) => density(v) * conditional(v), 0, upper, 1e-12, 32),
  );
}

/**
 * The smallest true difference, in standard deviations, that the two-sided two-sample t-test at
 * level `alpha` detects with probability `power` given nb and nc runs: the inverse of
 * `twoSampleTPower` in d, by bisection (power increases with |d|).
 */
export function minimumDetectableEffectSize(nb: number, nc: number, options: { alpha: number; power: number }): number {
  validateArms(nb, nc, options.alpha);
  if (!(options.power > 0 && options.power < 1)) throw new RangeError(`minimumDetectableEffectSize: expected 0 < power < 1, received ${options.power}`);
  const reaches = (d: number) => twoSampleTPower(d, nb, nc, options.alpha) >= options.power;
  let high = 1;
  while (!reaches(high)) {
    high *= 2;
    if (high > 1e6) return Infinity;
  }
  let low = 0;
  while (high - low > 1e-9 * high) {
    const mid = (low + high) / 2;
    if (reaches(mid)) high = mid;
    else low = mid;
  }
  return high;
}

function validateArms(nb: number, nc: number, alpha: number): void {
  if (!(Number.isInteger(nb) && Number.isInteger(nc) && nb >= 2 && nc >= 2)) {
    throw new RangeError(`twoSampleTPower: expected at least 2 runs per arm, received ${nb} and ${nc}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`twoSampleTPower: expected 0 < alpha < 1, received ${alpha}`);
}
