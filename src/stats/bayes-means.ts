import { meanAndVariance } from './describe.js';
import { studentTCdf, studentTPdf } from './distributions/student-t.js';
import { integrate } from './integrate.js';
import { normaliseArms, toNormalisedWidth } from './scale.js';
import type { MeanComparisonProbabilities } from '../model/evidence.js';

/** Posterior of one arm's mean under the Jeffreys prior p(μ, σ) ∝ 1/σ: μ = mean + scale · t(df). */
export interface MeanPosterior {
  mean: number;
  /** sd/√n; 0 when the arm has no spread (the posterior is then a point mass). */
  scale: number;
  df: number;
}

/** The Jeffreys-prior posterior of an arm's mean (Gelman et al., Bayesian Data Analysis, 3rd ed., §3.2). */
export function meanPosterior(values: ArrayLike<number>): MeanPosterior {
  if (values.length < 2) throw new RangeError(`meanPosterior: expected at least 2 values, received ${values.length}`);
  const { mean, variance } = meanAndVariance(values);
  return { mean, scale: Math.sqrt(variance / values.length), df: values.length - 1 };
}

/**
 * P(μc − μb < x) for independent posteriors, by adaptive Gauss–Kronrod quadrature over the
 * arm with the narrower posterior (in t = tan θ, so heavy t(1) tails integrate on a finite
 * interval), against the other arm's exact t cdf. Absolute error below 1e-9.
 */
function probDifferenceBelow(baseline: MeanPosterior, candidate: MeanPosterior, x: number): number {
  return differenceTail(baseline, candidate, x, 'below');
}

/** P(μc − μb > x), computed directly (no 1 − … cancellation in its tail). */
function probDifferenceAbove(baseline: MeanPosterior, candidate: MeanPosterior, x: number): number {
  return differenceTail(baseline, candidate, x, 'above');
}

function differenceTail(b: MeanPosterior, c: MeanPosterior, x: number, side: 'below' | 'above'): number {
  const gap = c.mean - b.mean - x; // Δ − x = gap + c.scale·Tc − b.scale·Tb
  if (b.scale === 0 && c.scale === 0) return gap === 0 ? 0.5 : gap < 0 === (side === 'below') ? 1 : 0;
  // P(gap + kc·Tc − kb·Tb < 0), conditioning on the narrower arm's T.
  const narrowIsCandidate = c.scale <= b.scale;
  const narrow = narrowIsCandidate ? c : b;
  // With T_narrow = t: Δ − x < 0 ⟺ sign·T_wide > (gap + sign'·k_narrow·t)/k_wide.
  const tailGivenNarrow = (t: number): number => {
    if (narrowIsCandidate) {
      // below: kb·Tb > gap + kc·t
      const z = (gap + c.scale * t) / b.scale;
      return side === 'below' ? studentTCdf(-z, b.df) : studentTCdf(z, b.df);
    }
    // below: kc·Tc < kb·t − gap
    const z = (b.scale * t - gap) / c.scale;
    return side === 'below' ? studentTCdf(z, c.df) : studentTCdf(-z, c.df);
  };
  if (narrow.scale === 0) return tailGivenNarrow(0);
  const integrand = (theta: number): number => {
    const t = Math.tan(theta);
    const secant2 = 1 + t * t;
    return studentTPdf(t, narrow.df) * secant2 * tailGivenNarrow(t);
  };
  const value = integrate(integrand, -Math.PI / 2, Math.PI / 2, 1e-11);
  return Math.min(1, Math.max(0, value));
}

/**
 * Bayesian estimation of the difference of means with independent Jeffreys priors per arm:
 * P(μc < μb), and given the direction and a ROPE half-width r ≥ 0 on Δ = μc − μb,
 * P(better) (Δ beyond −r for `lower`, beyond +r for `higher`), P(worse), P(|Δ| ≤ r).
 * Source: Kruschke (2013), "Bayesian estimation supersedes the t test", JEP:General 142;
 * the posterior is the Behrens–Fisher one (Box & Tiao 1973, §2.5), integrated numerically.
 */
export function compareMeansBayes(baseline: ArrayLike<number>, candidate: ArrayLike<number>, direction: 'lower' | 'higher', rope: number): MeanComparisonProbabilities {
  if (!(rope >= 0)) throw new RangeError(`compareMeansBayes: expected a ROPE half-width ≥ 0, received ${rope}`);
  // Invariant to the data's location and scale: computed on normalised arms (see scale.ts).
  const arms = normaliseArms(baseline, candidate);
  const scaledRope = toNormalisedWidth(rope, arms.exponent);
  const b = meanPosterior(arms.baseline);
  const c = meanPosterior(arms.candidate);
  const probCandidateMeanLower = probDifferenceBelow(b, c, 0);
  const belowMinusRope = probDifferenceBelow(b, c, -scaledRope);
  const aboveRope = probDifferenceAbove(b, c, scaledRope);
  const probEquivalent = scaledRope === 0 ? 0 : Math.max(0, 1 - belowMinusRope - aboveRope);
  return direction === 'lower'
    ? { probCandidateMeanLower, probBetter: belowMinusRope, probWorse: aboveRope, probEquivalent }
    : { probCandidateMeanLower, probBetter: aboveRope, probWorse: belowMinusRope, probEquivalent };
}
