/**
 * Monte Carlo runs of the sequential rule and of the fixed-N Welch design on simulated metrics,
 * for the benchmark (scripts/bench-sequential.ts). Seeded: a seed reproduces every number.
 */

import { createRandom, type Random } from '../../stats/random.js';
import { welchTest } from '../../stats/welch.js';
import { welchEquivalenceTest } from '../../stats/welch-tost.js';
import { sequentialComparison } from '../comparison.js';
import type { SequentialOptions, SequentialStep, SequentialVerdict } from '../types.js';
import type { Distribution } from './distributions.js';

export interface Scenario {
  distribution: Distribution;
  baselineSize: number;
  /** Candidate shift in standard deviations; positive is worse (the metric is lower-is-better). */
  shift: number;
  /** ROPE half-width in standard deviations, or undefined for none. */
  rope?: number;
  /**
   * Seed effects: run i of either arm is √ρ·s_i + √(1 − ρ)·e (s_i shared by the seed, e the run's
   * own noise, both drawn from `distribution`), so the runs of one seed correlate ρ and every run
   * keeps sd 1. `identical`: the candidate's run of a seed repeats the baseline's exactly (A/A only).
   * Undefined: independent runs, as before.
   */
  seedEffects?: { rho: number } | 'identical';
  /** Compare by seed (baselineSeeds and add(value, seed)); needs `seedEffects`. */
  paired?: boolean;
}

/** Seed i's shared component and the baseline's runs, for scenarios with seed effects. */
interface SeededBaseline {
  shared: number[];
  baseline: number[];
}

function seededBaseline(scenario: Scenario, random: Random): SeededBaseline {
  const rho = scenario.seedEffects === 'identical' ? 0 : (scenario.seedEffects?.rho ?? 0);
  const shared: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < scenario.baselineSize; i++) {
    shared.push(Math.sqrt(rho) * scenario.distribution.draw(random));
    baseline.push((shared[i] ?? 0) + Math.sqrt(1 - rho) * scenario.distribution.draw(random));
  }
  return { shared, baseline };
}

/** The candidate's run of seed i (seeds beyond the baseline draw their own shared component). */
function seededCandidate(scenario: Scenario, seeded: SeededBaseline, seed: number, random: Random): number {
  if (scenario.seedEffects === 'identical') {
    return (seeded.baseline[seed] ?? scenario.distribution.draw(random)) + scenario.shift;
  }
  const rho = scenario.seedEffects?.rho ?? 0;
  const shared = seed < seeded.shared.length ? (seeded.shared[seed] ?? 0) : Math.sqrt(rho) * scenario.distribution.draw(random);
  return shared + Math.sqrt(1 - rho) * scenario.distribution.draw(random) + scenario.shift;
}

export interface SequentialOutcome {
  reps: number;
  verdicts: Record<SequentialVerdict, number>;
  /** Candidate runs used, one entry per repetition. */
  runs: Int32Array;
}

/** Repeats the sequential rule `reps` times on fresh baselines and candidates. */
export function simulateSequential(scenario: Scenario, options: Omit<SequentialOptions, 'direction' | 'rope'>, reps: number, seed: number): SequentialOutcome {
  const random = createRandom(seed);
  const verdicts: Record<SequentialVerdict, number> = {
    regression: 0,
    improvement: 0,
    suspicious: 0,
    equivalent: 0,
    inconclusive: 0,
    continue: 0,
  };
  const runs = new Int32Array(reps);
  const baseline = new Array<number>(scenario.baselineSize);
  if (scenario.seedEffects !== undefined) return simulateSeeded(scenario, options, reps, random, verdicts, runs);
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < scenario.baselineSize; i++) baseline[i] = scenario.distribution.draw(random);
    const comparison = sequentialComparison(baseline, {
      ...options,
      direction: 'lower',
      ...(scenario.rope === undefined ? {} : { rope: scenario.rope }),
    });
    let step: SequentialStep;
    do step = comparison.add(scenario.distribution.draw(random) + scenario.shift);
    while (!step.done);
    verdicts[step.verdict] += 1;
    runs[rep] = step.n;
  }
  return { reps, verdicts, runs };
}

/** The sequential rule on runs with seed effects, paired by seed or not; the candidate runs seeds 0, 1, 2, … */
function simulateSeeded(
  scenario: Scenario,
  options: Omit<SequentialOptions, 'direction' | 'rope'>,
  reps: number,
  random: Random,
  verdicts: Record<SequentialVerdict, number>,
  runs: Int32Array,
): SequentialOutcome {
  const seeds = Array.from({ length: scenario.baselineSize }, (_, i) => i);
  for (let rep = 0; rep < reps; rep++) {
    const seeded = seededBaseline(scenario, random);
    const comparison = sequentialComparison(seeded.baseline, {
      ...options,
      direction: 'lower',
      ...(scenario.rope === undefined ? {} : { rope: scenario.rope }),
      ...(scenario.paired ? { baselineSeeds: seeds } : {}),
    });
    let step: SequentialStep;
    let seed = 0;
    do {
      step = comparison.add(seededCandidate(scenario, seeded, seed, random), seed);
      seed += 1;
    } while (!step.done);
    verdicts[step.verdict] += 1;
    runs[rep] = step.n;
  }
  return { reps, verdicts, runs };
}

/**
 * Share of `reps` fixed-N comparisons with `candidateSize` candidate runs that reach the wanted
 * outcome: a two-sided Welch rejection in the worse direction (`regression`), or Welch TOST
 * equivalence within the ROPE (`equivalent`), at level alpha.
 */
function fixedNRate(scenario: Scenario, outcome: 'regression' | 'equivalent', candidateSize: number, alpha: number, reps: number, seed: number): number {
  const baseline = new Float64Array(scenario.baselineSize);
  const candidate = new Float64Array(candidateSize);
  let hits = 0;
  for (let rep = 0; rep < reps; rep++) {
    // One stream per repetition: the same seed gives the same baseline and the same first
    // candidate runs at every N (common random numbers), so the rate is smooth in N.
    const random = createRandom(seed * 65_537 + rep);
    if (scenario.seedEffects === undefined) {
      for (let i = 0; i < baseline.length; i++) baseline[i] = scenario.distribution.draw(random);
      for (let i = 0; i < candidateSize; i++) candidate[i] = scenario.distribution.draw(random) + scenario.shift;
    } else {
      // Today's fixed-N run: the candidate runs seeds 0 … N − 1, compared as an independent sample.
      const seeded = seededBaseline(scenario, random);
      baseline.set(seeded.baseline);
      for (let i = 0; i < candidateSize; i++) candidate[i] = seededCandidate(scenario, seeded, i, random);
    }
    if (outcome === 'regression') {
      const welch = welchTest(baseline, candidate);
      if (welch.statistic > 0 && welch.pValue < alpha) hits += 1;
    } else if (welchEquivalenceTest(baseline, candidate, scenario.rope ?? 0).pValue < alpha) hits += 1;
  }
  return hits / reps;
}

/**
 * The smallest candidate size (2 … cap) at which the fixed-N design's rate reaches `target`,
 * by bisection (the rate grows with N); null when even `cap` runs fall short.
 */
export function fixedNMatching(
  scenario: Scenario,
  outcome: 'regression' | 'equivalent',
  target: number,
  alpha: number,
  reps: number,
  seed: number,
  cap = 400,
): { n: number | null; rate: number } {
  const rate = (n: number): number => fixedNRate(scenario, outcome, n, alpha, reps, seed);
  const capRate = rate(cap);
  if (capRate < target) return { n: null, rate: capRate };
  let low = 2;
  let high = cap;
  let highRate = capRate;
  while (low < high) {
    const mid = (low + high) >> 1;
    const midRate = rate(mid);
    if (midRate >= target) {
      high = mid;
      highRate = midRate;
    } else low = mid + 1;
  }
  return { n: high, rate: highRate };
}
