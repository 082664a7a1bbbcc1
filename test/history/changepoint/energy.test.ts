import { describe, expect, it } from 'vitest';
import { bestSplit } from '../../../src/history/changepoint/energy.js';
import { seriesWithShifts } from './simulate.js';

// Q̂(τ) straight from the definition in Matteson & James (2014), eq. 4–5, α = 1.
function qhat(values: number[], start: number, tau: number, end: number): number {
  const x = values.slice(start, tau);
  const y = values.slice(tau, end);
  const pairs = (a: number[], b: number[]) => a.reduce((s, u) => s + b.reduce((t, v) => t + Math.abs(u - v), 0), 0);
  const within = (a: number[]) => pairs(a, a) / 2 / ((a.length * (a.length - 1)) / 2);
  const e = (2 * pairs(x, y)) / (x.length * y.length) - within(x) - within(y);
  return ((x.length * y.length) / (x.length + y.length)) * e;
}

describe('bestSplit', () => {
  it('finds the maximiser of the directly computed Q̂ over every admissible split', () => {
    const values = seriesWithShifts(3, 37, [{ at: 17, shift: 1 }]);
    for (const [start, end, minSegment] of [[0, 37, 2], [4, 30, 5], [10, 22, 3]] as const) {
      let expected = { index: -1, statistic: -Infinity };
      for (let tau = start + minSegment; tau <= end - minSegment; tau++) {
        const q = qhat(values, start, tau, end);
        if (q > expected.statistic) expected = { index: tau, statistic: q };
      }
      const split = bestSplit(values, start, end, minSegment)!;
      expect(split.index).toBe(expected.index);
      expect(split.statistic).toBeCloseTo(expected.statistic, 9);
    }
  });

  it('is undefined when the segment cannot hold two parts of minSegment', () => {
    expect(bestSplit([1, 2, 3, 4, 5], 0, 5, 3)).toBeUndefined();
    expect(bestSplit([1, 2, 3, 4, 5, 6], 0, 6, 3)?.index).toBe(3);
  });
});
