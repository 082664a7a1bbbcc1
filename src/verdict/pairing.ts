/** Matching two arms' runs by seed, for paired comparisons. */
import type { Pairing } from '../model/evidence.js';

/** Fewer matched pairs than this, and the arms are compared as independent samples: below 6 pairs no sign-flip p can reach 0.05 (2/2^5 > 0.05). */
export const MIN_PAIRS = 6;

/**
 * The fewest pairs whose sign-flip test can still be significant after the family's adjustment:
 * its smallest p, 2/2^k, times the family size (Holm's factor on the smallest p) at most alpha,
 * and never fewer than MIN_PAIRS. With fewer, pairing would leave a gate that cannot fail where
 * the independent test (smallest p 2/C(2k, k)) still can.
 */
export function minimumPairs(alpha: number, familySize = 1): number {
  return Math.max(MIN_PAIRS, Math.ceil(Math.log2((2 * Math.max(1, familySize)) / alpha) - 1e-9));
}

/**
 * More of an arm's runs than this share without a partner, and the arms are compared as independent
 * samples: a paired test uses only the pairs, and dropping a third of an arm would cost more than
 * the shared seed noise typically saves.
 */
export const MAX_UNPAIRED_SHARE = 0.25;

/** Which seeds each arm's values came from, in the order of the values. */
export interface SeedsOfArms {
  baseline: readonly number[];
  candidate: readonly number[];
}

/** The runs matched by seed: equal-length arms, pair i from seed `seeds[i]`. */
export interface MatchedPairs {
  seeds: number[];
  baseline: number[];
  candidate: number[];
  /** Runs whose seed the other arm lacks (or repeats a seed already matched). */
  unpairedBaseline: number;
  unpairedCandidate: number;
}

/**
 * Pairs the values of both arms by seed, in the baseline's order. A seed repeated within an arm
 * pairs once (its first run); the rest count as unpaired. Throws a RangeError naming the arm when
 * the seeds do not describe the values (length, non-integer seeds).
 */
export function matchBySeed(baseline: readonly number[], candidate: readonly number[], seeds: SeedsOfArms, metric: string): MatchedPairs {
  validateSeeds(baseline, seeds.baseline, 'baseline', metric);
  validateSeeds(candidate, seeds.candidate, 'candidate', metric);
  const candidateBySeed = new Map<number, number>();
  seeds.candidate.forEach((seed, index) => {
    if (!candidateBySeed.has(seed)) candidateBySeed.set(seed, index);
  });
  const matched: MatchedPairs = { seeds: [], baseline: [], candidate: [], unpairedBaseline: 0, unpairedCandidate: 0 };
  const used = new Set<number>();
  seeds.baseline.forEach((seed, index) => {
    const partner = candidateBySeed.get(seed);
    if (partner === undefined || used.has(seed)) {
      matched.unpairedBaseline += 1;
      return;
    }
    used.add(seed);
    matched.seeds.push(seed);
    matched.baseline.push(baseline[index]!);
    matched.candidate.push(candidate[partner]!);
  });
  matched.unpairedCandidate = candidate.length - matched.seeds.length;
  return matched;
}

/**
 * The pairing summary of matched runs: paired when at least `minimum` pairs matched (see
 * minimumPairs) and at most
 * MAX_UNPAIRED_SHARE of either arm's runs is left without a partner.
 */
export function describePairing(matched: MatchedPairs, minimum = MIN_PAIRS): Pairing {
  const pairs = matched.seeds.length;
  const counts = { pairs, unpairedBaseline: matched.unpairedBaseline, unpairedCandidate: matched.unpairedCandidate };
  if (pairs < minimum) return { paired: false, ...counts, identical: false, reason: 'too-few-pairs', minimumPairs: minimum };
  const share = (unpaired: number) => unpaired / (pairs + unpaired);
  if (share(matched.unpairedBaseline) > MAX_UNPAIRED_SHARE || share(matched.unpairedCandidate) > MAX_UNPAIRED_SHARE) {
    return { paired: false, ...counts, identical: false, reason: 'too-many-unpaired' };
  }
  const identical = matched.baseline.every((value, i) => value === matched.candidate[i]);
  return { paired: true, ...counts, identical };
}

function validateSeeds(values: readonly number[], seeds: readonly number[], arm: 'baseline' | 'candidate', metric: string): void {
  if (!Array.isArray(seeds) || seeds.length !== values.length) {
    throw new RangeError(
      `${metric}: expected seeds.${arm} to list one seed per ${arm} value (${values.length}), received ${Array.isArray(seeds) ? `${seeds.length} seeds` : typeof seeds}`,
    );
  }
  const bad = seeds.findIndex((seed) => !Number.isSafeInteger(seed));
  if (bad >= 0) throw new RangeError(`${metric}: expected integer seeds in seeds.${arm}, received ${String(seeds[bad])} at index ${bad}`);
}
