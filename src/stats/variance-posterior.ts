import { meanAndVariance } from './describe.js';
import { fCdf } from './distributions/f.js';
import { normaliseArms } from './scale.js';

/**
 * Posterior probability that the candidate's variance is below the baseline's, with independent
 * Jeffreys priors p(μ, σ) ∝ 1/σ per arm: νs²/σ² ~ χ²(ν) a posteriori, so
 * P(σ²c < σ²b) = P(F(νb, νc) < s²b/s²c) (Box & Tiao 1973, Bayesian Inference in Statistical
 * Analysis, §2.6). No spread in the candidate gives 1; none in the baseline (only) gives 0.
 */
export function probVarianceLower(baseline: ArrayLike<number>, candidate: ArrayLike<number>): number {
  if (baseline.length < 2 || candidate.length < 2) {
    throw new RangeError(`probVarianceLower: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  // Invariant to the data's location and scale: computed on normalised arms (see scale.ts).
  const arms = normaliseArms(baseline, candidate);
  const vb = meanAndVariance(arms.baseline).variance;
  const vc = meanAndVariance(arms.candidate).variance;
  if (vc === 0) return vb === 0 ? 0.5 : 1;
  if (vb === 0) return 0;
  return fCdf(vb / vc, baseline.length - 1, candidate.length - 1);
}
