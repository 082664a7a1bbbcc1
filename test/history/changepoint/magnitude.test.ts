import { describe, expect, it } from 'vitest';
import { dropSmallChanges, relativeMagnitude } from '../../../src/history/changepoint/magnitude.js';

describe('relativeMagnitude', () => {
  it('is the larger relative change either way, as Otava computes it', () => {
    expect(relativeMagnitude(100, 110)).toBeCloseTo(0.1, 12);
    expect(relativeMagnitude(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeMagnitude(1, 0.5)).toBeCloseTo(1, 12);
    expect(relativeMagnitude(0, 1)).toBe(1);
    expect(relativeMagnitude(0, 0)).toBe(0);
  });
});

describe('dropSmallChanges', () => {
  it('removes the smallest change below the threshold first and recomputes the neighbours', () => {
    const values = [10, 10, 11, 11, 30, 30];
    const kept = dropSmallChanges(values, [{ index: 2 }, { index: 4 }], 0.2);
    expect(kept).toEqual([{ index: 4, meanBefore: 10.5, meanAfter: 30 }]);
    expect(dropSmallChanges(values, [{ index: 2 }, { index: 4 }], 0)).toHaveLength(2);
  });
});
