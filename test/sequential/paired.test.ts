import { describe, expect, it } from 'vitest';
import { sequentialComparison, sequentialMetricSet } from '../../src/sequential/index.js';
import { signedRankBoundaries, signedRankSum } from '../../src/sequential/signed-rank-boundaries.js';
import { createRandom } from '../../src/stats/random.js';

const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Baseline runs of seeds 0 … n − 1 and a candidate run per seed sharing the seed's component (correlation rho). */
function seededArms(seed: number, n: number, rho: number, shift: number): { baseline: number[]; candidate: number[] } {
  const random = createRandom(seed);
  const baseline: number[] = [];
  const candidate: number[] = [];
  for (let i = 0; i < n; i++) {
    const shared = Math.sqrt(rho) * random.normal();
    baseline.push(10 + shared + Math.sqrt(1 - rho) * random.normal());
    candidate.push(10 + shared + Math.sqrt(1 - rho) * random.normal() + shift);
  }
  return { baseline, candidate };
}

describe('signedRankSum', () => {
  it('is the signed sum of the mid-ranks of the non-zero |d|, zeros dropped', () => {
    // |d| = 1, 2, 2, 3 (one zero dropped): ranks 1, 2.5, 2.5, 4.
    expect(signedRankSum([1, -2, 2, 0, -3])).toBe(1 - 2.5 + 2.5 - 4);
    expect(signedRankSum([0, 0, 0])).toBe(0);
    // Shifted by 1: d − 1 = 0, 1, 2 → ranks of 1, 2: +1 +2.
    expect(signedRankSum([1, 2, 3], 1)).toBe(3);
  });
});

describe('signedRankBoundaries', () => {
  it('keep the crossing rate of fresh null paths within the one-sided budget', () => {
    const design = { minRuns: 3, maxRuns: 15, alpha: 0.025, spending: { hsd: -4 } } as const;
    const { upper } = signedRankBoundaries(design);
    const random = createRandom(99);
    const reps = 20_000;
    let crossings = 0;
    for (let rep = 0; rep < reps; rep++) {
      const d: number[] = [];
      for (let k = 1; k <= 15; k++) {
        d.push(random.normal());
        if (k >= 3 && signedRankSum(d) >= (upper[k] ?? Infinity)) {
          crossings++;
          break;
        }
      }
    }
    expect(crossings / reps).toBeLessThanOrEqual(0.025 + 2 * Math.sqrt((0.025 * 0.975) / reps));
    expect(crossings / reps).toBeGreaterThan(0.015);
    // Never reachable before the last looks of a strict (O'Brien–Fleming-like) design: at 3 pairs the max W is 6.
    expect(upper[3]).toBe(Infinity);
  });
});

describe('sequentialComparison paired by seed', () => {
  it('cancels the shared seed noise: a 1 sd regression with correlation 0.9 is found in a few pairs', () => {
    const { baseline, candidate } = seededArms(1, 20, 0.9, 1);
    const rule = sequentialComparison(baseline, { direction: 'lower', baselineSeeds: seeds(20) });
    let step = rule.add(candidate[0]!, 0);
    for (let i = 1; i < 20 && !step.done; i++) step = rule.add(candidate[i]!, i);
    expect(step.verdict).toBe('regression');
    expect(step.n).toBeLessThanOrEqual(10);
    expect(step.evidence.paired).toEqual({ pairs: step.n, unpairedCandidate: 0, identical: false });
    expect(step.evidence.rankSum).toBeGreaterThanOrEqual(step.evidence.regressionBoundary ?? Infinity);
    expect(step.evidence.probWorse).toBeGreaterThan(0.9);
  });

  it('identical runs on every seed: equivalent at minRuns, without a ROPE, and no false alarm', () => {
    const { baseline } = seededArms(2, 20, 0.5, 0);
    const rule = sequentialComparison(baseline, { direction: 'higher', baselineSeeds: seeds(20) });
    let step = rule.add(baseline[4]!, 4);
    expect(step.verdict).toBe('continue');
    step = rule.add(baseline[0]!, 0);
    step = rule.add(baseline[9]!, 9);
    expect(step).toMatchObject({ done: true, verdict: 'equivalent', n: 3 });
    expect(step.evidence.paired?.identical).toBe(true);
    expect(step.evidence.meanDifference).toBe(0);
    expect(Number.isNaN(step.evidence.probWorse)).toBe(false);
  });

  it('counts candidate runs whose seed the baseline lacks, or that repeat a seed, as unpaired', () => {
    const { baseline, candidate } = seededArms(3, 10, 0.5, 0);
    const rule = sequentialComparison(baseline, { direction: 'lower', baselineSeeds: seeds(10) });
    rule.add(candidate[0]!, 0);
    rule.add(candidate[1]!, 42);
    const step = rule.add(candidate[2]!, 0);
    expect(step.n).toBe(1);
    expect(step.evidence.paired).toMatchObject({ pairs: 1, unpairedCandidate: 2 });
  });

  it("needs each run's seed, and ends inconclusive when the baseline's seeds run out", () => {
    const { baseline, candidate } = seededArms(4, 6, 0.5, 0);
    const rule = sequentialComparison(baseline, { direction: 'lower', baselineSeeds: seeds(6), maxRuns: 40 });
    expect(() => rule.add(candidate[0]!)).toThrow(/expected the run's integer seed/);
    const step = rule.addMany(candidate, seeds(6));
    expect(step).toMatchObject({ done: true, verdict: 'inconclusive', n: 6 });
    expect(() => sequentialComparison(baseline, { direction: 'lower', baselineSeeds: [0, 1] })).toThrow(
      /baselineSeeds: expected one seed per baseline value \(6\), received 2 seeds/,
    );
  });

  it('A/A false alarms stay at alpha whatever the correlation, and reach equivalence with a ROPE', () => {
    for (const rho of [0, 0.9]) {
      const reps = 300;
      let alarms = 0;
      for (let rep = 0; rep < reps; rep++) {
        const { baseline, candidate } = seededArms(1000 * rho + rep, 20, rho, 0);
        const step = sequentialComparison(baseline, { direction: 'lower', baselineSeeds: seeds(20) }).addMany(candidate, seeds(20));
        if (step.verdict !== 'inconclusive' && step.verdict !== 'equivalent') alarms++;
      }
      expect(alarms / reps).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / reps));
    }
    const { baseline, candidate } = seededArms(7, 20, 0.9, 0);
    const rule = sequentialComparison(baseline, { direction: 'lower', baselineSeeds: seeds(20), rope: 1 });
    let step = rule.add(candidate[0]!, 0);
    for (let i = 1; i < 20 && !step.done; i++) step = rule.add(candidate[i]!, i);
    expect(step.verdict).toBe('equivalent');
    expect(step.evidence.equivalence?.notWorseStatistic).toBeLessThanOrEqual(step.evidence.equivalence?.notWorseBoundary ?? -Infinity);
  });
});

describe('sequentialMetricSet paired by seed', () => {
  it("pairs the metrics with baselineSeeds by the run's seed and leaves the others independent", () => {
    const { baseline, candidate } = seededArms(5, 20, 0.9, 1.5);
    const set = sequentialMetricSet({
      loss: { baseline, direction: 'lower', baselineSeeds: seeds(20) },
      other: { baseline, direction: 'lower', gate: false },
    });
    let step = set.add({ loss: candidate[0]!, other: candidate[0]! }, 0);
    for (let i = 1; i < 20 && !step.done; i++) step = set.add({ loss: candidate[i]!, other: candidate[i]! }, i);
    expect(step.decision).toBe('fail');
    expect(step.metrics.loss?.evidence.paired?.pairs).toBe(step.n);
    expect(step.metrics.other?.evidence.paired).toBeUndefined();
    expect(() => set.add({ loss: 1, other: 1 })).not.toThrow();
    const fresh = sequentialMetricSet({ loss: { baseline, direction: 'lower', baselineSeeds: seeds(20) } });
    expect(() => fresh.add({ loss: 1 })).toThrow(/expected the run's integer seed/);
  });
});
