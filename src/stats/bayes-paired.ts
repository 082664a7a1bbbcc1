import { meanPosterior } from './bayes-means.js';
import { studentTCdf } from './distributions/student-t.js';
import type { MeanComparisonProbabilities } from '../model/evidence.js';

/**
 * Bayesian estimation of the mean difference of paired runs, Δ = mean of (candidate − baseline)
 * per pair, under the Jeffreys prior p(μ, σ) ∝ 1/σ on the differences: Δ = d̄ + (s_d/√n)·t(n − 1)
 * (Gelman et al., Bayesian Data Analysis, 3rd ed., §3.2). Given the direction and a ROPE
 * half-width r ≥ 0: P(better) (Δ beyond r on the good side), P(worse), P(|Δ| ≤ r), and
 * P(Δ < 0). Differences without spread give a point mass at d̄: identical pairs (d̄ = 0) are
 * inside any ROPE, including a zero one.
 */
export function comparePairedMeansBayes(differences: ArrayLike<number>, direction: 'lower' | 'higher', rope: number): MeanComparisonProbabilities {
  if (!(rope >= 0)) throw new RangeError(`comparePairedMeansBayes: expected a ROPE half-width ≥ 0, received ${rope}`);
  const posterior = meanPosterior(differences);
  const below = (x: number): number => {
    if (posterior.scale === 0) return posterior.mean < x ? 1 : 0;
    return studentTCdf((x - posterior.mean) / posterior.scale, posterior.df);
  };
  const above = (x: number): number => {
    if (posterior.scale === 0) return posterior.mean > x ? 1 : 0;
    return studentTCdf((posterior.mean - x) / posterior.scale, posterior.df);
  };
  const probCandidateMeanLower = below(0);
  const belowMinusRope = below(-rope);
  const aboveRope = above(rope);
  const probEquivalent = Math.max(0, 1 - belowMinusRope - aboveRope);
  return direction === 'lower'
    ? { probCandidateMeanLower, probBetter: belowMinusRope, probWorse: aboveRope, probEquivalent }
    : { probCandidateMeanLower, probBetter: aboveRope, probWorse: belowMinusRope, probEquivalent };
}
