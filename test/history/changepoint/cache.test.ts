import { describe, expect, it } from 'vitest';
import { ChangePointCache, detectChangePoints, type ChangePointOptions } from '../../../src/history/changepoint/index.js';
import { seriesWithShifts } from './simulate.js';

/** Detects on every prefix of `series` from `from` points on, once with one cache carried along and once without. */
function growing(series: readonly number[], from: number, options: ChangePointOptions = {}) {
  const cache = new ChangePointCache();
  const steps = [];
  for (let length = from; length <= series.length; length++) {
    const prefix = series.slice(0, length);
    const cached = detectChangePoints(prefix, { ...options, cache });
    steps.push({ length, cached, work: { ...cache.work }, fresh: detectChangePoints(prefix, options) });
  }
  return steps;
}

describe('ChangePointCache', () => {
  it.each([
    ['a stationary series', 7, 40, 130, []],
    ['a shift that arrives point by point at the end', 8, 70, 110, [{ at: 95, shift: 4 }]],
    [
      'two shifts and a reverted regression',
      9,
      60,
      140,
      [
        { at: 20, shift: 2 },
        { at: 70, shift: 3 },
        { at: 80, shift: -3 },
      ],
    ],
    [
      'a series that outgrows the whole-series window (316 points)',
      10,
      300,
      345,
      [
        { at: 150, shift: 1.5 },
        { at: 330, shift: -3 },
      ],
    ],
  ])('gives the same change points, p-values included, as a detection without it: %s', (_, seed, from, length, shifts) => {
    for (const step of growing(seriesWithShifts(seed, length, shifts), from)) expect(step.cached, `at ${step.length} points`).toEqual(step.fresh);
  });

  it('gives the same answer when several points arrive at once', () => {
    const series = seriesWithShifts(15, 420, [
      { at: 130, shift: 2 },
      { at: 405, shift: -3 },
    ]);
    const cache = new ChangePointCache();
    for (const length of [330, 333, 340, 352, 371, 400, 420]) {
      const prefix = series.slice(0, length);
      expect(detectChangePoints(prefix, { cache }), `at ${length} points`).toEqual(detectChangePoints(prefix));
    }
  });

  it('gives the same answer with other options (alpha, weak change points, minimum segments, seed, window, minimum magnitude), sharing one cache', () => {
    const series = seriesWithShifts(11, 90, [
      { at: 30, shift: 1.2 },
      { at: 60, shift: -1.5 },
    ]);
    const cache = new ChangePointCache();
    for (let length = 50; length <= series.length; length += 4) {
      for (const options of [{ alpha: 0.1, includeWeak: true }, { minSegment: 5, minEdgeSegment: 2 }, { seed: 3 }, { window: 30 }, { minMagnitude: 0.5 }, {}]) {
        const prefix = series.slice(0, length);
        expect(detectChangePoints(prefix, { ...options, cache })).toEqual(detectChangePoints(prefix, options));
      }
    }
  });

  it('re-searches only the windows a new point can change in a long series', () => {
    const series = seriesWithShifts(12, 5_010, [
      { at: 2_000, shift: 2 },
      { at: 3_500, shift: -2 },
    ]);
    const cache = new ChangePointCache();
    detectChangePoints(series.slice(0, 5_000), { cache });
    const first = cache.work.windows;
    const appended = [];
    for (let length = 5_001; length <= series.length; length++) {
      const found = detectChangePoints(series.slice(0, length), { cache });
      expect(found.map((change) => change.index)).toEqual(detectChangePoints(series.slice(0, length)).map((change) => change.index));
      appended.push(cache.work.windows);
    }
    appended.sort((a, b) => a - b);
    // Typically about 1% of the first detection's windows; more when a new point needs permutations the last detection did not draw.
    expect(appended[5]! / first).toBeLessThan(0.05);
    expect(Math.max(...appended) / first).toBeLessThan(0.5);
  });

  it('carries over between processes as bytes, and survives a series whose older points changed', () => {
    const series = seriesWithShifts(13, 601, [{ at: 400, shift: 2 }]);
    const cache = new ChangePointCache();
    detectChangePoints(series.slice(0, 600), { cache });
    const restored = ChangePointCache.deserialize(cache.serialize())!;
    expect(restored).toBeInstanceOf(ChangePointCache);
    expect(detectChangePoints(series, { cache: restored })).toEqual(detectChangePoints(series));
    expect(restored.work.reused).toBeGreaterThan(restored.work.windows);

    const edited = [...series];
    edited[10] = 5;
    const stale = ChangePointCache.deserialize(cache.serialize())!;
    expect(detectChangePoints(edited, { cache: stale })).toEqual(detectChangePoints(edited));
    expect(ChangePointCache.deserialize(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('keeps only what the last detection used', () => {
    const series = seriesWithShifts(14, 400, [{ at: 200, shift: 2 }]);
    const cache = new ChangePointCache();
    let sizes: number[] = [];
    for (let length = 300; length <= 400; length += 10) {
      detectChangePoints(series.slice(0, length), { cache });
      sizes.push(cache.serialize().length);
    }
    sizes = sizes.slice(2);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(3);
  });
});
