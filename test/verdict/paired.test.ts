import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/stats/index.js';
import { compareMetrics, compareSamples } from '../../src/verdict/index.js';
import { MIN_PAIRS, minimumPairs } from '../../src/verdict/pairing.js';

const seedsOf = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

/** Baseline and candidate runs that share a per-seed component: correlation `rho`, total sd 1. */
function seededArms(random: ReturnType<typeof createRandom>, n: number, rho: number, shift: number): { baseline: number[]; candidate: number[] } {
  const baseline: number[] = [];
  const candidate: number[] = [];
  for (let i = 0; i < n; i++) {
    const shared = Math.sqrt(rho) * random.normal();
    baseline.push(shared + Math.sqrt(1 - rho) * random.normal());
    candidate.push(shared + Math.sqrt(1 - rho) * random.normal() + shift);
  }
  return { baseline, candidate };
}

describe('compareSamples paired by seed', () => {
  it('returns paired: true, the pairing and the paired tests, and decides with the sign-flip test', () => {
    const { baseline, candidate } = seededArms(createRandom(1), 12, 0.9, 0.6);
    const result = compareSamples(baseline, candidate, { direction: 'lower', seeds: { baseline: seedsOf(12), candidate: seedsOf(12) } });
    expect(result.paired).toBe(true);
    expect(result.pairing).toEqual({ paired: true, pairs: 12, unpairedBaseline: 0, unpairedCandidate: 0, identical: false });
    expect(result.decision.primary).toMatchObject({ test: 'paired-permutation', basis: 'paired' });
    expect(result.decision.primary.pValue).toBe(result.tests.paired?.permutation.pValue);
    expect(result.tests.paired?.meanDifference).toBeCloseTo(candidate.reduce((a, c, i) => a + c - baseline[i]!, 0) / 12, 12);
    expect(result.tests.paired?.wilcoxon.method).toBe('exact');
    expect(result.tests.paired?.t.df).toBe(11);
    // Shared seed noise cancels: the paired test sees a shift that the independent tests miss.
    expect(result.verdict).toBe('regression');
    expect(result.tests.welch.pValue).toBeGreaterThan(0.05);
  });

  it('pairs by seed whatever the order of the runs, and counts the runs without a partner', () => {
    const { baseline, candidate } = seededArms(createRandom(2), 10, 0.5, 0);
    const reversed = [...candidate].reverse();
    const shuffledSeeds = seedsOf(10).reverse();
    const inOrder = compareSamples(baseline, candidate, { direction: 'lower', seeds: { baseline: seedsOf(10), candidate: seedsOf(10) } });
    const reordered = compareSamples(baseline, reversed, { direction: 'lower', seeds: { baseline: seedsOf(10), candidate: shuffledSeeds } });
    expect(reordered.tests.paired).toEqual(inOrder.tests.paired);
    // Baseline seeds 0..9, candidate seeds 2..11: 8 pairs, 2 left over in each arm (20%).
    const partial = compareSamples(baseline, candidate, { direction: 'lower', seeds: { baseline: seedsOf(10), candidate: seedsOf(10, 2) } });
    expect(partial.pairing).toMatchObject({ paired: true, pairs: 8, unpairedBaseline: 2, unpairedCandidate: 2 });
    // Candidate seeds 3..14 (two more runs): 7 pairs, 5 of 12 candidate runs without a partner — independent.
    const lopsided = compareSamples(baseline, [...candidate, 1, 2], { direction: 'lower', seeds: { baseline: seedsOf(10), candidate: seedsOf(12, 3) } });
    expect(lopsided.pairing).toMatchObject({ paired: false, pairs: 7, unpairedBaseline: 3, unpairedCandidate: 5, reason: 'too-many-unpaired' });
    expect(lopsided.decision.reasons).toContainEqual({ code: 'too-many-unpaired', pairs: 7, unpairedBaseline: 3, unpairedCandidate: 5, maxShare: 0.25 });
  });

  it(`compares independent samples below ${MIN_PAIRS} pairs, and says why`, () => {
    const { baseline, candidate } = seededArms(createRandom(3), 10, 0.5, 0);
    const result = compareSamples(baseline, candidate, { direction: 'lower', seeds: { baseline: seedsOf(10), candidate: seedsOf(10, 5) } });
    expect(result.paired).toBe(false);
    expect(result.pairing).toMatchObject({ paired: false, pairs: 5, reason: 'too-few-pairs' });
    expect(result.tests.paired).toBeUndefined();
    expect(result.decision.primary.basis).not.toBe('paired');
    expect(result.decision.reasons).toContainEqual({ code: 'too-few-pairs', pairs: 5, minimum: MIN_PAIRS });
  });

  it('leaves results without seeds exactly as before: no paired field', () => {
    const { baseline, candidate } = seededArms(createRandom(4), 10, 0.5, 0.3);
    const result = compareSamples(baseline, candidate, { direction: 'lower' });
    expect('paired' in result).toBe(false);
    expect('pairing' in result).toBe(false);
    expect(result.tests.paired).toBeUndefined();
  });

  it('names the arm whose seeds do not describe its values', () => {
    expect(() => compareSamples([1, 2, 3], [1, 2, 3], { direction: 'lower', seeds: { baseline: [0, 1], candidate: [0, 1, 2] } })).toThrow(
      /seeds\.baseline to list one seed per baseline value \(3\), received 2 seeds/,
    );
    expect(() => compareSamples([1, 2, 3], [1, 2, 3], { direction: 'lower', seeds: { baseline: [0, 1, 2], candidate: [0, 1.5, 2] } })).toThrow(
      /integer seeds in seeds\.candidate, received 1\.5 at index 1/,
    );
  });
});

describe('identical runs', () => {
  const values = [0.91, 0.934, 0.902, 0.925, 0.917, 0.93, 0.921, 0.908];
  const seeds = { baseline: seedsOf(8), candidate: seedsOf(8) };

  it('identical on every seed: equivalent, the identical reason, no NaN anywhere', () => {
    const result = compareSamples(values, [...values], { direction: 'higher', seeds });
    expect(result.verdict).toBe('equivalent');
    expect(result.pairing).toMatchObject({ paired: true, identical: true, pairs: 8 });
    expect(result.decision.reasons).toContainEqual({ code: 'identical-on-all-seeds', pairs: 8 });
    expect(result.tests.paired).toMatchObject({ meanDifference: 0, permutation: { pValue: 1 }, t: { statistic: 0, pValue: 1 }, wilcoxon: { pValue: 1 } });
    expect(result.tests.paired?.bayes.probEquivalent).toBe(1);
    expect(JSON.stringify(result)).not.toMatch(/NaN|null/);
  });

  it('identical on every seed, also with a zero ROPE and constant arms', () => {
    const constant = Array.from({ length: 8 }, () => 0.5);
    const result = compareSamples(constant, [...constant], { direction: 'lower', rope: 0, seeds });
    expect(result.verdict).toBe('equivalent');
  });

  it('two identical constant arms without seeds read as no change (they were inconclusive)', () => {
    const constant = [2, 2, 2, 2, 2];
    const result = compareSamples(constant, [...constant], { direction: 'lower' });
    expect(result.verdict).toBe('equivalent');
    expect(result.decision.reasons).toContainEqual({ code: 'identical-samples', n: 5 });
  });

  it('arms with the same values in another order are identical samples too; one differing value is not', () => {
    expect(compareSamples(values, [...values].reverse(), { direction: 'lower' }).decision.reasons).toContainEqual({ code: 'identical-samples', n: 8 });
    const changed = [...values];
    changed[0] = 0.95;
    expect(compareSamples(values, changed, { direction: 'lower', seeds }).decision.reasons.map((r) => r.code)).not.toContain('identical-on-all-seeds');
  });
});

describe('A/A false alarms of the paired comparison', () => {
  // The sign-flip test is exact under exchangeability within pairs: whatever the correlation.
  for (const rho of [0, 0.5, 0.9]) {
    it(`stay at or below alpha with within-pair correlation ${rho}`, () => {
      const random = createRandom(100 + rho * 10);
      const reps = 200;
      let alarms = 0;
      for (let rep = 0; rep < reps; rep++) {
        const { baseline, candidate } = seededArms(random, 10, rho, 0);
        const result = compareSamples(baseline, candidate, { direction: 'lower', bootstrap: false, seeds: { baseline: seedsOf(10), candidate: seedsOf(10) } });
        if (result.verdict === 'regression' || result.verdict === 'improvement' || result.verdict === 'suspicious') alarms++;
      }
      // alpha + 2 standard errors of 200 repetitions.
      expect(alarms / reps).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / reps));
    });
  }
});

describe('compareMetrics with seeds', () => {
  it('passes the seeds of each metric through to its comparison', () => {
    const { baseline, candidate } = seededArms(createRandom(5), 10, 0.5, 0);
    const seeds = { baseline: seedsOf(10), candidate: seedsOf(10) };
    const [paired, plain] = compareMetrics([
      { metric: 'a', baseline, candidate, direction: 'lower', seeds },
      { metric: 'b', baseline, candidate, direction: 'lower' },
    ]);
    expect(paired?.paired).toBe(true);
    expect(plain?.paired).toBeUndefined();
  });
});

describe('pairing and the family of tests decided together', () => {
  it('pairs only when the paired test can still fail the gate after the family adjustment', () => {
    const { baseline, candidate } = seededArms(createRandom(6), 8, 0.5, 0);
    const seeds = { baseline: seedsOf(8), candidate: seedsOf(8) };
    // One test: 8 pairs give a smallest p of 2/256 < 0.05. Nine tests (a suite): 9 × 2/256 > 0.05.
    expect(compareSamples(baseline, candidate, { direction: 'lower', seeds }).paired).toBe(true);
    const inSuite = compareSamples(baseline, candidate, { direction: 'lower', seeds, familySize: 9 });
    expect(inSuite.pairing).toMatchObject({ paired: false, reason: 'too-few-pairs', minimumPairs: 9 });
    expect(inSuite.decision.reasons).toContainEqual({ code: 'too-few-pairs', pairs: 8, minimum: 9 });
    expect(minimumPairs(0.05)).toBe(6);
    expect(minimumPairs(0.05, 3)).toBe(7);
  });
});
