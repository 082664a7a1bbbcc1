import { describe, expect, it } from 'vitest';
import { bestSplit, windowStarts, type SegmentLimits } from '../../../src/history/changepoint/energy.js';
import { seriesWithShifts } from './simulate.js';

// Q̂(τ, κ) for X = [s, τ), Y = [τ, κ) straight from Matteson & James (2014), eq. 4–6, α = 1,
// with a within-part mean of 0 for a single point (as Otava computes it).
function qhat(values: number[], s: number, tau: number, kappa: number): number {
  const x = values.slice(s, tau);
  const y = values.slice(tau, kappa);
  const pairs = (a: number[], b: number[]) => a.reduce((sum, u) => sum + b.reduce((t, v) => t + Math.abs(u - v), 0), 0);
  const within = (a: number[]) => (a.length > 1 ? pairs(a, a) / (a.length * (a.length - 1)) : 0);
  const m = x.length;
  const n = y.length;
  return ((m * n) / (m + n)) * ((2 * pairs(x, y)) / (m * n) - within(x) - within(y));
}

// Every admissible (s, τ, κ) enumerated the slow way.
function bruteForce(values: number[], start: number, end: number, window: number, limits: SegmentLimits) {
  const min = (atEdge: boolean) => (atEdge ? limits.minEdgeSegment : limits.minSegment);
  let best = { index: -1, end: -1, statistic: -Infinity };
  for (const s of windowStarts(start, end, window)) {
    const e = Math.min(s + window, end);
    for (let tau = s + 1; tau < e; tau++) {
      if (tau - s < min(s === 0) || tau - start < min(start === 0) || end - tau < min(end === limits.length)) continue;
      for (let kappa = tau + 1; kappa <= e; kappa++) {
        if (kappa - tau < min(kappa === limits.length)) continue;
        const q = qhat(values, s, tau, kappa);
        if (q > best.statistic) best = { index: tau, end: kappa, statistic: q };
      }
    }
  }
  return best;
}

describe('bestSplit', () => {
  const values = seriesWithShifts(3, 61, [
    { at: 17, shift: 1 },
    { at: 40, shift: -2 },
  ]);
  it.each([
    [0, 61, 61, 3, 1],
    [0, 61, 20, 3, 1],
    [4, 50, 16, 2, 2],
    [30, 61, 12, 3, 1],
    [10, 22, 40, 1, 1],
  ])('finds the maximiser of the directly computed Q̂ over τ and κ in [%i, %i), window %i, minSegment %i, edge %i', (start, end, window, minSegment, minEdgeSegment) => {
    const limits = { length: values.length, minSegment, minEdgeSegment };
    const expected = bruteForce(values, start, end, window, limits);
    const split = bestSplit(Float64Array.from(values), start, end, window, limits)!;
    expect(split.index).toBe(expected.index);
    expect(split.end).toBe(expected.end);
    expect(split.statistic).toBeCloseTo(expected.statistic, 9);
  });

  it('lets Y end before the segment does, so a reverted shift is found where it starts', () => {
    const series = seriesWithShifts(8, 80, [
      { at: 40, shift: 4 },
      { at: 48, shift: -4 },
    ]);
    const split = bestSplit(Float64Array.from(series), 0, 80, 80, { length: 80, minSegment: 3, minEdgeSegment: 1 })!;
    expect([split.index, split.end]).toEqual([40, 48]);
  });

  it('is undefined when no split leaves segments of the minimum length', () => {
    const limits = { length: 10, minSegment: 3, minEdgeSegment: 1 };
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bestSplit(values, 3, 8, 10, limits)).toBeUndefined();
    expect(bestSplit(values, 3, 9, 10, limits)?.index).toBe(6);
    // At the series' end a single point may stand alone; inside it may not.
    expect(bestSplit(values, 5, 10, 10, limits)?.index).toBeGreaterThanOrEqual(8);
    expect(bestSplit(values, 5, 9, 10, limits)).toBeUndefined();
  });

  it('covers a long segment with half-overlapping windows, the last one ending at the segment end', () => {
    expect(windowStarts(0, 120, 50)).toEqual([0, 25, 50, 70]);
    expect(windowStarts(10, 40, 50)).toEqual([10]);
  });
});
