import { describe, expect, it } from 'vitest';
import { tailTest } from '../../../src/history/changepoint/tail.js';
import { normals, seriesWithShifts } from './simulate.js';

describe('tailTest', () => {
  it('gives a single point that differs from a constant rest its exact p-value, 1/L', () => {
    const values = [...Array(49).fill(2), 5];
    expect(tailTest(values, 0, 50)).toEqual({ index: 49, pValue: 1 / 50 });
  });

  it('looks only at the last segment, from its start', () => {
    const values = [...Array(30).fill(100), ...Array(39).fill(2), 5];
    expect(tailTest(values, 30, 70)).toEqual({ index: 69, pValue: 1 / 40 });
  });

  it('places a shift of the last two points at the second-last, and of the last one at the last', () => {
    const two = seriesWithShifts(3, 100, [{ at: 98, shift: 5 }]);
    const one = seriesWithShifts(3, 100, [{ at: 99, shift: 5 }]);
    expect(tailTest(two, 0, 100)!.index).toBe(98);
    expect(tailTest(one, 0, 100)!.index).toBe(99);
    expect(tailTest(two, 0, 100)!.pValue).toBeLessThanOrEqual(0.0125);
  });

  it('keeps its level on stationary series: p ≤ 0.05 in about 5% of them', () => {
    const draw = normals(4242);
    let rejected = 0;
    for (let s = 0; s < 400; s++) if (tailTest(Array.from({ length: 60 }, draw), 0, 60)!.pValue <= 0.05) rejected++;
    // binomial(400, 0.05): central 99.9% range 8..36
    expect(rejected).toBeGreaterThanOrEqual(8);
    expect(rejected).toBeLessThanOrEqual(36);
  });

  it('needs at least four points', () => {
    expect(tailTest([1, 2, 3], 0, 3)).toBeUndefined();
  });
});
