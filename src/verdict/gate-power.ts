/**
 * What a gate can see before it runs: for one metric, from the arm sizes, the multiplicity family
 * and the baseline's spread, whether any data could make it significant (the primary test's
 * p-value floor after the family adjustment) and the smallest difference it detects with 80% power.
 * Findings are data; reporters say them in words.
 */
import { minimumDetectableDifference } from '../stats/power.js';
import type { Correction } from '../model/comparison.js';
import { smallestPrimaryPValue } from './primary-test.js';
import type { Direction } from '../model/direction.js';

/** Power the detectable difference is computed for. */
const PLANNED_POWER = 0.8;

export interface GatePowerInput {
  metric: string;
  direction: Direction;
  alpha: number;
  baselineRuns: number;
  candidateRuns: number;
  /** The tests decided together (a run's metrics, a suite's configs × metrics) and how. */
  family: { size: number; correction: Correction };
  /** The baseline's samples of the metric, when they are known before running. */
  baselineSamples?: readonly number[];
  /** The baseline arm is run now with the candidate's seeds, so more seeds grow both arms. */
  baselineGrowsWithSeeds?: boolean;
}

/** The most seeds per arm `seedsToCanFail` looks at. */
const MAX_SEEDS_SEARCHED = 1000;

export interface MetricPower extends Pick<GatePowerInput, 'metric' | 'direction' | 'alpha' | 'baselineRuns' | 'candidateRuns' | 'family'> {
  /** The smallest unadjusted p-value the primary test can give for these arm sizes, whatever the data. */
  smallestPValue: number;
  /**
   * The smallest p-value after the family adjustment: Holm multiplies the smallest p by the family
   * size; Benjamini–Hochberg leaves it when every test of the family is as significant.
   */
  smallestAdjustedPValue: number;
  /** False when no result can be significant: the gate cannot fail on this metric. */
  canFail: boolean;
  /**
   * When the gate cannot fail: the fewest candidate seeds with which it can (and the baseline runs
   * then: more too when the baseline is run with the candidate's seeds), if any up to 1,000.
   */
  seedsToCanFail?: { baseline: number; candidate: number };
  /**
   * The smallest true difference of means found with 80% power when it is the only effect in the
   * family (two-sample t-test at level alpha / family size), in the metric's units and in baseline sds.
   * Absent when the gate cannot fail or the baseline's spread is not known yet.
   */
  detectable?: { difference: number; sds: number; sdUsed: number; sdObserved: number; level: number; power: number };
}

/** The gate's power for one metric. */
export function assessGatePower(input: GatePowerInput): MetricPower {
  const { family, alpha } = input;
  const { smallestPValue, smallestAdjustedPValue, canFail } = reachability(input.baselineRuns, input.candidateRuns, alpha, family);
  const power: MetricPower = {
    metric: input.metric,
    direction: input.direction,
    alpha,
    baselineRuns: input.baselineRuns,
    candidateRuns: input.candidateRuns,
    family,
    smallestPValue,
    smallestAdjustedPValue,
    canFail,
  };
  if (!canFail) {
    const seeds = fewestSeedsThatCanFail(input);
    return seeds === undefined ? power : { ...power, seedsToCanFail: seeds };
  }
  const samples = input.baselineSamples;
  if (!samples || samples.length < 2) return power;
  // A lone effect among `size` tests is found when its p-value is below alpha / size (Holm's first
  // step; Benjamini–Hochberg's too when no other test is significant).
  const level = family.correction === 'none' ? alpha : alpha / Math.max(1, family.size);
  const detectable = minimumDetectableDifference(samples, input.baselineRuns, input.candidateRuns, { alpha: level, power: PLANNED_POWER });
  if (!(detectable.sdObserved > 0)) return power;
  return {
    ...power,
    detectable: {
      difference: detectable.difference,
      sds: detectable.difference / detectable.sdObserved,
      sdUsed: detectable.sdUsed,
      sdObserved: detectable.sdObserved,
      level,
      power: PLANNED_POWER,
    },
  };
}

/** The primary test's p-value floor for these arm sizes, after the family's adjustment, against alpha. */
function reachability(nb: number, nc: number, alpha: number, family: GatePowerInput['family']) {
  const enough = nb >= 2 && nc >= 2;
  const smallestPValue = enough ? smallestPrimaryPValue(nb, nc, alpha) : 1;
  const factor = family.correction === 'holm' ? Math.max(1, family.size) : 1;
  const smallestAdjustedPValue = Math.min(1, smallestPValue * factor);
  return { smallestPValue, smallestAdjustedPValue, canFail: enough && smallestAdjustedPValue <= alpha };
}

function fewestSeedsThatCanFail(input: GatePowerInput): { baseline: number; candidate: number } | undefined {
  for (let seeds = Math.max(2, input.candidateRuns + 1); seeds <= MAX_SEEDS_SEARCHED; seeds++) {
    const nb = input.baselineGrowsWithSeeds ? Math.max(seeds, input.baselineRuns) : input.baselineRuns;
    if (reachability(nb, seeds, input.alpha, input.family).canFail) return { baseline: nb, candidate: seeds };
  }
  return undefined;
}
