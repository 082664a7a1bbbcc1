/**
 * Posterior probabilities for the live display: how likely the candidate's mean is worse, better
 * or practically equivalent, given the runs so far. They describe the evidence; the decision
 * itself comes from the rank boundaries, whose error rates hold under optional stopping.
 */

import { sampleVariance, type RunningMoments } from './summary.js';
import { studentTCdf } from '../stats/distributions/student-t.js';
import { welchDegreesOfFreedom } from '../stats/welch.js';

export interface PosteriorProbabilities {
  /** P(worse by more than the ROPE) and P(better by more than the ROPE), as in every report. */
  probWorse: number;
  probBetter: number;
  /** P(|difference| ≤ rope); null without a ROPE. */
  probEquivalent: number | null;
}

/**
 * Welch's approximation to the posterior of the difference of means under independent Jeffreys
 * priors: (difference − d̂)/se follows Student's t with the Welch–Satterthwaite degrees of freedom
 * (Welch 1947, Biometrika 34:28–35; Box & Tiao 1973, §2.5). With a single candidate run its
 * variance is taken from the baseline. `worseDifference` is positive when the candidate is worse.
 * P(worse) and P(better) are beyond the ROPE half-width `rope` (beyond 0 when null).
 */
export function posteriorProbabilities(baseline: RunningMoments, candidate: RunningMoments, worseDifference: number, rope: number | null): PosteriorProbabilities {
  const baselineVariance = sampleVariance(baseline);
  const candidateVariance = candidate.n >= 2 ? sampleVariance(candidate) : baselineVariance;
  const baselineTerm = baselineVariance / baseline.n;
  const candidateTerm = candidateVariance / candidate.n;
  const se = Math.sqrt(baselineTerm + candidateTerm);
  if (!(se > 0)) {
    const width = rope ?? 0;
    const inside = rope === null ? null : Math.abs(worseDifference) <= rope ? 1 : 0;
    return { probWorse: worseDifference > width ? 1 : 0, probBetter: worseDifference < -width ? 1 : 0, probEquivalent: inside };
  }
  const candidateDf = candidate.n >= 2 ? candidate.n - 1 : baseline.n - 1;
  const df = welchDegreesOfFreedom(baselineTerm, baseline.n, candidateTerm, candidateDf + 1);
  const width = rope ?? 0;
  // P(Δ > width) and P(Δ < −width), each from its own tail (no 1 − … cancellation).
  const probWorse = studentTCdf((worseDifference - width) / se, df);
  const probBetter = studentTCdf((-width - worseDifference) / se, df);
  const probEquivalent = rope === null ? null : Math.max(0, 1 - probWorse - probBetter);
  return { probWorse, probBetter, probEquivalent };
}
