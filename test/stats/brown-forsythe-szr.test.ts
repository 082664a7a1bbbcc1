import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brownForsytheSzrTest, brownForsytheTest, modifiedDeviations } from '../../src/stats/index.js';

interface SzrCase {
  baseline: number[];
  candidate: number[];
  statistic: number;
  pValue: number;
  plainPValue: number;
}
const goldens = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/goldens/scipy-goldens.json'), 'utf8'));
const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('Brown–Forsythe with structural zeros removed (SciPy f_oneway on the modified deviations)', () => {
  for (const [i, c] of (goldens.brownForsytheSzr as SzrCase[]).entries()) {
    it(`case ${i}: ${c.baseline.length} vs ${c.candidate.length}`, () => {
      const result = brownForsytheSzrTest(c.baseline, c.candidate);
      expect(relative(result.statistic, c.statistic)).toBeLessThan(1e-9);
      expect(relative(result.pValue, c.pValue)).toBeLessThan(1e-9);
      expect(relative(brownForsytheTest(c.baseline, c.candidate).pValue, c.plainPValue)).toBeLessThan(1e-9);
    });
  }

  it('drops the median’s zero for odd n and merges the tied middle pair for even n', () => {
    expect(modifiedDeviations([3, 1, 2])).toEqual([1, 1]);
    const even = modifiedDeviations([1, 2, 4, 8]);
    expect(even).toHaveLength(3);
    expect(even.slice(0, 2)).toEqual([2, 5]);
    expect(even[2]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('has more power than the plain test at few seeds: a 4× spread at 5 vs 5', () => {
    const baseline = [10.1, 9.85, 10.0, 10.2, 9.9];
    const candidate = [10.3, 9.5, 10.0, 10.9, 9.4];
    expect(brownForsytheTest(baseline, candidate).pValue).toBeGreaterThan(0.05);
    expect(brownForsytheSzrTest(baseline, candidate).pValue).toBeLessThan(0.05);
  });

  it('refuses arms with fewer than 3 values', () => {
    expect(() => brownForsytheSzrTest([1, 2], [1, 2, 3])).toThrow(/at least 3 values per arm, received 2 baseline and 3 candidate/);
  });
});
