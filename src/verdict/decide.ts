import type { Decision, DetailedComparison, Reason, SeedsToDecide } from '../model/comparison.js';
import { MAX_UNPAIRED_SHARE, MIN_PAIRS } from './pairing.js';
import { estimateSeedsToDecide } from './seeds-to-decide.js';
import { isSuspicious } from './suspicion.js';
import type { MetricVerdict } from '../model/comparison.js';

/** Posterior probability of practical equivalence needed to call a metric `equivalent`. */
const EQUIVALENCE_PROBABILITY = 0.95;

export type DecisionInput = Omit<DetailedComparison, 'verdict' | 'decision'> & {
  decision: Omit<Decision, 'reasons' | 'seedsToDecide'>;
};

/**
 * The per-metric verdict, in order:
 * 0. `equivalent` when the arms are identical: every matched seed gave the same value in both arms
 *    (paired), or both arms hold the same values — the strongest "no change" there is, whatever the
 *    ROPE (a zero ROPE included);
 * 1. `suspicious`: the candidate is better beyond chance at the suspicious level and far out on the
 *    good side (`isSuspicious`), unless an improvement is expected, in which case it is an `improvement`;
 * 2. `regression` / `improvement`: the primary test's (adjusted) p ≤ alpha, and with a configured
 *    ROPE the observed difference lies outside it (significance and a practically relevant effect);
 *    paired by seed, the test and the difference are those of the per-seed differences;
 * 3. `equivalent`: P(|μc − μb| ≤ ROPE) ≥ 0.95 (paired: the posterior of the mean per-seed difference);
 * 4. `inconclusive`, with an estimate of the seeds that would likely decide it.
 * With arms too small for a permutation test and an arm without spread, step 2 cannot fire (the
 * exact permutation p cannot reach alpha): a repeated value is not evidence of precision.
 */
export function decide(input: DecisionInput): { verdict: MetricVerdict; reasons: Reason[]; seedsToDecide?: SeedsToDecide } {
  const { decision, direction } = input;
  const reasons: Reason[] = [];
  const { primary, rope } = decision;
  const pairing = input.pairing;
  if (pairing?.reason === 'too-few-pairs') reasons.push({ code: 'too-few-pairs', pairs: pairing.pairs, minimum: pairing.minimumPairs ?? MIN_PAIRS });
  if (pairing?.reason === 'too-many-unpaired') {
    const { pairs, unpairedBaseline, unpairedCandidate } = pairing;
    reasons.push({ code: 'too-many-unpaired', pairs, unpairedBaseline, unpairedCandidate, maxShare: MAX_UNPAIRED_SHARE });
  }
  if (pairing?.paired && pairing.identical) {
    reasons.push({ code: 'identical-on-all-seeds', pairs: pairing.pairs });
    return { verdict: 'equivalent', reasons };
  }
  if (decision.identicalSamples) {
    reasons.push({ code: 'identical-samples', n: input.candidate.n });
    return { verdict: 'equivalent', reasons };
  }
  if (primary.basis === 'too-few-splits' || primary.basis === 'too-few-splits-no-spread') {
    reasons.push({ code: 'too-few-seeds-for-permutation', baselineN: input.baseline.n, candidateN: input.candidate.n });
  }
  if (primary.basis === 'too-few-splits-no-spread') {
    const arms = (['baseline', 'candidate'] as const).filter((arm) => input[arm].min === input[arm].max);
    reasons.push({ code: 'no-spread-in-an-arm', arms });
  }
  if (isSuspicious(decision.suspicion, decision.suspiciousLevel)) {
    if (!decision.expectImprovement) {
      reasons.push({
        code: 'far-out-on-good-side',
        predictiveTail: decision.suspicion.predictiveTail,
        level: decision.suspiciousLevel,
        advice: ['record-new-baseline-via-pr', 'check-metric-code'],
      });
      return { verdict: 'suspicious', reasons };
    }
    reasons.push({ code: 'improvement-expected', predictiveTail: decision.suspicion.predictiveTail });
    return { verdict: 'improvement', reasons };
  }
  if (decision.adjustedPValue <= decision.alpha && primary.sign !== 0) {
    const side = primary.sign > 0 === (direction === 'higher') ? 'better' : 'worse';
    const difference = shiftEstimate(input);
    if (rope.source === 'default' || Math.abs(difference) > rope.halfWidth) {
      reasons.push({ code: 'significant-shift', side, test: primary.test, pValue: decision.adjustedPValue, alpha: decision.alpha });
      return { verdict: side === 'worse' ? 'regression' : 'improvement', reasons };
    }
    reasons.push({ code: 'shift-within-rope', difference, rope: rope.halfWidth });
  } else {
    reasons.push({ code: 'not-significant', pValue: decision.adjustedPValue, alpha: decision.alpha });
  }
  const probEquivalent = (input.tests.paired?.bayes ?? input.tests.bayes).probEquivalent;
  if (probEquivalent >= EQUIVALENCE_PROBABILITY) {
    reasons.push({ code: 'practically-equivalent', probEquivalent, rope: rope.halfWidth, threshold: EQUIVALENCE_PROBABILITY });
    return { verdict: 'equivalent', reasons };
  }
  // The estimate assumes independent arms: a paired comparison gives none.
  if (input.tests.paired) return { verdict: 'inconclusive', reasons };
  const seedsToDecide = estimateSeedsToDecide(input.baseline, input.candidate, rope.halfWidth, decision.alpha);
  return seedsToDecide ? { verdict: 'inconclusive', reasons, seedsToDecide } : { verdict: 'inconclusive', reasons };
}

/** The shift the primary test measured: the mean per-seed difference (paired), the median difference (ranks) or the mean difference. */
function shiftEstimate(input: DecisionInput): number {
  if (input.tests.paired) return input.tests.paired.meanDifference;
  if (input.decision.primary.test === 'mann-whitney') return input.candidate.median - input.baseline.median;
  return input.candidate.mean - input.baseline.mean;
}
