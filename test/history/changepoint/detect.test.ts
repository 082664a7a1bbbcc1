import { describe, expect, it } from 'vitest';
import { detectChangePoints } from '../../../src/history/changepoint/index.js';
import { normals, seriesWithShifts } from './simulate.js';

describe('detectChangePoints', () => {
  it.each([11, 12, 13, 14, 15])('locates a 3-sd shift at index 30 of 60 within ±1 (series seed %i)', (seed) => {
    const found = detectChangePoints(seriesWithShifts(seed, 60, [{ at: 30, shift: 3 }]));
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0]!.index - 30)).toBeLessThanOrEqual(1);
    expect(found[0]!.pValue).toBeLessThanOrEqual(0.05);
    expect(found[0]!.meanAfter - found[0]!.meanBefore).toBeGreaterThan(2);
  });

  it('detects a shift at index 30 of 60 and places it within ±1 at rates that grow with its size', () => {
    // Measured over 200 seeds: 2 sd → detected 100%, within ±1 86%; 3 sd → 100%, 97%;
    // 1 sd → 87%, 43%. The bounds leave room for the smaller sample here.
    const rates = (shift: number) => {
      let detected = 0;
      let within = 0;
      for (let seed = 0; seed < 60; seed++) {
        const found = detectChangePoints(seriesWithShifts(500 + seed, 60, [{ at: 30, shift }]), { permutations: 99 });
        if (found.length > 0) detected++;
        if (found.some((c) => Math.abs(c.index - 30) <= 1)) within++;
      }
      return { detected: detected / 60, within: within / 60 };
    };
    const two = rates(2);
    expect(two.detected).toBeGreaterThanOrEqual(0.95);
    expect(two.within).toBeGreaterThanOrEqual(0.7);
    const three = rates(3);
    expect(three.detected).toBe(1);
    expect(three.within).toBeGreaterThanOrEqual(0.88);
  });

  it('finds two shifts, each with the means of its neighbouring segments', () => {
    const series = seriesWithShifts(21, 90, [{ at: 30, shift: 3 }, { at: 60, shift: -5 }]);
    const found = detectChangePoints(series);
    expect(found.map((c) => c.index)).toHaveLength(2);
    expect(Math.abs(found[0]!.index - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[1]!.index - 60)).toBeLessThanOrEqual(1);
    expect(found[0]!.meanAfter).toBeCloseTo(found[1]!.meanBefore, 12);
    expect(found[1]!.meanAfter).toBeLessThan(found[0]!.meanBefore);
  });

  it('finds nothing in a constant series or one too short to split', () => {
    expect(detectChangePoints(Array(40).fill(3))).toEqual([]);
    expect(detectChangePoints([1, 2, 3, 10, 11, 12], { minSegment: 5 })).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const series = seriesWithShifts(5, 50, [{ at: 25, shift: 0.9 }]);
    expect(detectChangePoints(series, { seed: 7 })).toEqual(detectChangePoints(series, { seed: 7 }));
  });

  it('rejects bad input, naming what was expected', () => {
    expect(() => detectChangePoints([1, Number.NaN, 3])).toThrow('series[1] must be a finite number, received NaN');
    expect(() => detectChangePoints([1, 2], { alpha: 1.5 })).toThrow('alpha must be in (0, 1), received 1.5');
    expect(() => detectChangePoints([1, 2], { permutations: 0 })).toThrow(/permutations must be a positive integer/);
    expect(() => detectChangePoints([1, 2], { minSegment: 1 })).toThrow(/minSegment must be an integer of at least 2/);
  });

  it.each([
    // [distribution, series, lower, upper]: bounds are the binomial(series, 0.05) central 99.9% range.
    ['normal', 1000, 0.027, 0.073],
    ['t3', 600, 0.021, 0.079],
  ] as const)('has a false-alarm rate of about alpha on stationary %s series', (distribution, count, lower, upper) => {
    // Series of 40 i.i.d. draws; alpha 0.05 with 99 permutations makes the first permutation test
    // exact, so the rate of reporting any change point should be 0.05. A larger run (2000 normal
    // series each of length 20, 40 and 60) measured 0.0475, 0.0455 and 0.044.
    const draw = normals(distribution === 'normal' ? 2025 : 2024);
    const t3 = (): number => draw() / Math.sqrt((draw() ** 2 + draw() ** 2 + draw() ** 2) / 3);
    let alarms = 0;
    for (let s = 0; s < count; s++) {
      const series = Array.from({ length: 40 }, distribution === 'normal' ? draw : t3);
      if (detectChangePoints(series, { permutations: 99, seed: s }).length > 0) alarms++;
    }
    const rate = alarms / count;
    console.info(`change-point false-alarm rate (${distribution}, length 40, ${count} series, alpha 0.05): ${rate.toFixed(3)}`);
    expect(rate).toBeGreaterThanOrEqual(lower);
    expect(rate).toBeLessThanOrEqual(upper);
  });
});
