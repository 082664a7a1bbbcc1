import { describe, expect, it } from 'vitest';
import { welchEquivalenceTest, welchTest } from '../../src/stats/index.js';

const baseline = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7, 30.5, 30.0];
const candidate = [30.4, 30.2, 30.9, 30.6, 30.1, 30.8, 30.3];

describe('welchEquivalenceTest', () => {
  it('is two one-sided Welch tests against the candidate moved by each margin', () => {
    // Moving the candidate by +m turns H₀: d ≤ −m into a Welch test of d' ≤ 0 (same se and df).
    const margin = 0.8;
    const result = welchEquivalenceTest(baseline, candidate, margin);
    const lower = welchTest(
      baseline,
      candidate.map((x) => x + margin),
    );
    const upper = welchTest(
      baseline,
      candidate.map((x) => x - margin),
    );
    expect(lower.statistic).toBeGreaterThan(0);
    expect(upper.statistic).toBeLessThan(0);
    expect(result.pValueLower).toBeCloseTo(lower.pValue / 2, 12);
    expect(result.pValueUpper).toBeCloseTo(upper.pValue / 2, 12);
    expect(result.pValue).toBe(Math.max(result.pValueLower, result.pValueUpper));
    expect(result.pValue).toBeLessThan(0.05);
  });

  it('cannot show equivalence within a margin smaller than the observed difference', () => {
    expect(welchEquivalenceTest(baseline, candidate, 0.05).pValue).toBeGreaterThan(0.5);
  });

  it('decides arms without spread by the distance to each margin, and rejects bad input', () => {
    expect(welchEquivalenceTest([1, 1], [1.2, 1.2], 0.5).pValue).toBe(0);
    expect(welchEquivalenceTest([1, 1], [2, 2], 0.5).pValue).toBe(1);
    expect(() => welchEquivalenceTest([1], [1, 2], 0.5)).toThrow(/at least 2 values per arm, received 1 baseline/);
    expect(() => welchEquivalenceTest([1, 2], [1, 2], -1)).toThrow(/finite margin ≥ 0, received -1/);
  });
});
