import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectChangePoints, type ChangePointOptions } from '../../../src/history/changepoint/index.js';
import { normals, seriesWithShifts } from './simulate.js';

const otava = JSON.parse(readFileSync(new URL('../../fixtures/otava/series.json', import.meta.url), 'utf8')) as { series: Record<string, number[]> };
const indices = (series: number[], options: ChangePointOptions = {}) => detectChangePoints(series, options).map((change) => change.index);

/** Share of `count` seeded series for which `hit` holds of the change points found. */
function rate(count: number, make: (seed: number) => number[], hit: (found: number[]) => boolean): number {
  let hits = 0;
  for (let seed = 0; seed < count; seed++) if (hit(indices(make(seed), { seed }))) hits++;
  return hits / count;
}

describe("detectChangePoints on Apache Otava's test series", () => {
  // Expected indices are those Otava's own tests assert for these series.
  it.each([
    ['change_point_divisive.SEQUENCE', [5, 8]],
    ['analysis.single_series', [10]],
    ['series.series_1', [6]],
    ['series.series_2', [4]],
    ['series.div_by_zero', [3, 6]],
  ])('%s → %j', (name, expected) => {
    expect(indices(otava.series[name]!)).toEqual(expected);
  });

  it("finds the appended shifts of Otava's incremental test, down to the last two points", () => {
    expect(indices([...otava.series['series.series_1']!, 0.5, 0.51])).toEqual([6]);
    expect(indices([...otava.series['series.series_2']!, 1.97])).toEqual([4]);
    expect(indices([...otava.series['series.series_2']!, 1.97, 33.33, 46.46])).toEqual([4, 12]);
  });

  it.each([0.01, 0.05, 0.1])("finds TigerBeetle's two lasting shifts [15, 71] with a minimum magnitude of 0.05 at alpha %s", (alpha) => {
    expect(indices(otava.series.tigerbeetle!, { alpha, minMagnitude: 0.05 })).toEqual([15, 71]);
  });

  it('without a minimum magnitude, every TigerBeetle change point it reports is one Otava reports at p 0.001', () => {
    const otavaAt0001 = [15, 61, 71, 95, 117, 131, 142, 148, 192, 212, 260];
    const found = indices(otava.series.tigerbeetle!, { alpha: 0.01 });
    expect(found).toEqual(expect.arrayContaining([15, 61, 71, 95]));
    expect(found.every((index) => otavaAt0001.includes(index))).toBe(true);
  });
});

describe('detectChangePoints', () => {
  it.each([11, 12, 13, 14, 17])('locates a 3-sd shift at index 30 of 60 within ±1 (series seed %i)', (seed) => {
    const found = detectChangePoints(seriesWithShifts(seed, 60, [{ at: 30, shift: 3 }]));
    // A further, false change point may follow at about alpha's rate (tested below): series 11 has one at 54.
    const shift = found.filter((change) => Math.abs(change.index - 30) <= 1);
    expect(shift).toHaveLength(1);
    expect(found.length).toBeLessThanOrEqual(2);
    expect(shift[0]!.pValue).toBeLessThanOrEqual(0.05);
    expect(shift[0]!.meanAfter - shift[0]!.meanBefore).toBeGreaterThan(2);
    expect(shift[0]!.weak).toBe(false);
  });

  it('finds a 10-run +3 sd regression that was reverted (100 points) in at least 95% of series, start and end within ±2', () => {
    const found = rate(
      60,
      (seed) =>
        seriesWithShifts(100 + seed, 100, [
          { at: 60, shift: 3 },
          { at: 70, shift: -3 },
        ]),
      (cps) => cps.some((i) => Math.abs(i - 60) <= 2) && cps.some((i) => Math.abs(i - 70) <= 2),
    );
    expect(found).toBeGreaterThanOrEqual(0.95);
  });

  it('places a 4-sd shift three points before the end exactly in at least 90% of series', () => {
    const exact = rate(
      40,
      (seed) => seriesWithShifts(200 + seed, 100, [{ at: 97, shift: 4 }]),
      (cps) => cps.includes(97),
    );
    expect(exact).toBeGreaterThanOrEqual(0.9);
  });

  it('places a 4-sd shift in the newest point exactly in at least 70% of series, and in the newest two in at least 90%', () => {
    // The tail test (tail.ts) at a quarter of alpha: its smallest p-value is 1/100 here.
    expect(
      rate(
        60,
        (seed) => seriesWithShifts(400 + seed, 100, [{ at: 99, shift: 4 }]),
        (cps) => cps.includes(99),
      ),
    ).toBeGreaterThanOrEqual(0.7);
    expect(
      rate(
        60,
        (seed) => seriesWithShifts(500 + seed, 100, [{ at: 98, shift: 4 }]),
        (cps) => cps.includes(98),
      ),
    ).toBeGreaterThanOrEqual(0.9);
  });

  it('places a shift at index 4 of 11 at 4, not at the edge of a minimum segment', () => {
    const exact = rate(
      40,
      (seed) => seriesWithShifts(300 + seed, 11, [{ at: 4, shift: 4 }]),
      (cps) => cps.length === 1 && cps[0] === 4,
    );
    expect(exact).toBeGreaterThanOrEqual(0.9);
  });

  it('finds two shifts, each with the means of its neighbouring segments', () => {
    const series = seriesWithShifts(21, 90, [
      { at: 30, shift: 3 },
      { at: 60, shift: -5 },
    ]);
    const found = detectChangePoints(series);
    expect(found.map((c) => c.index)).toHaveLength(2);
    expect(Math.abs(found[0]!.index - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[1]!.index - 60)).toBeLessThanOrEqual(1);
    expect(found[0]!.meanAfter).toBeCloseTo(found[1]!.meanBefore, 12);
    expect(found[1]!.meanAfter).toBeLessThan(found[0]!.meanBefore);
  });

  it("drops changes smaller than minMagnitude, smallest first, and recomputes the neighbours' means", () => {
    const series = [
      ...Array(20)
        .fill(0)
        .map((_, i) => 100 + (i % 3)),
      ...Array(20)
        .fill(0)
        .map((_, i) => 103 + (i % 3)),
      ...Array(20)
        .fill(0)
        .map((_, i) => 150 + (i % 3)),
    ];
    expect(indices(series)).toEqual([20, 40]);
    const kept = detectChangePoints(series, { minMagnitude: 0.1 });
    expect(kept.map((c) => c.index)).toEqual([40]);
    expect(kept[0]!.meanBefore).toBeCloseTo(102.45, 12);
    expect(kept[0]!.magnitude).toBeCloseTo(150.95 / 102.45 - 1, 12);
  });

  it('reports weak change points only when asked, marked as weak', () => {
    const series = otava.series['series.div_by_zero']!;
    const strong = detectChangePoints(series, { alpha: 0.02 });
    expect(strong.map((c) => c.index)).toEqual([3]);
    const withWeak = detectChangePoints(series, { alpha: 0.02, includeWeak: true });
    expect(withWeak.slice(0, 2).map((c) => [c.index, c.weak])).toEqual([
      [3, false],
      [6, true],
    ]);
    for (const weak of withWeak.slice(1)) {
      expect(weak.weak).toBe(true);
      expect(weak.pValue).toBeGreaterThan(0.02);
      expect(weak.pValue).toBeLessThanOrEqual(0.2);
    }
  });

  it('finds nothing in a constant series or one too short to split', () => {
    expect(detectChangePoints(Array(40).fill(3))).toEqual([]);
    expect(detectChangePoints([1, 2, 3, 10, 11], { minSegment: 3, minEdgeSegment: 3 })).toEqual([]);
    expect(detectChangePoints([])).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const series = seriesWithShifts(5, 50, [{ at: 25, shift: 0.9 }]);
    expect(detectChangePoints(series, { seed: 7 })).toEqual(detectChangePoints(series, { seed: 7 }));
  });

  it('rejects bad input, naming what was expected', () => {
    expect(() => detectChangePoints([1, Number.NaN, 3])).toThrow('series[1] must be a finite number, received NaN');
    expect(() => detectChangePoints([1, 2], { alpha: 1.5 })).toThrow('alpha must be in (0, 1), received 1.5');
    expect(() => detectChangePoints([1, 2], { permutations: 0 })).toThrow(/permutations must be a positive integer/);
    expect(() => detectChangePoints([1, 2], { alpha: 0.01, permutations: 50 })).toThrow(/permutations must be at least 99 for alpha 0.01/);
    expect(() => detectChangePoints([1, 2], { minSegment: 0 })).toThrow(/minSegment must be a positive integer/);
    expect(() => detectChangePoints([1, 2], { minEdgeSegment: 4 })).toThrow(/minEdgeSegment must be an integer from 1 to minSegment \(3\)/);
    expect(() => detectChangePoints([1, 2], { window: 5 })).toThrow(/window must be an integer of at least 2 × minSegment \(6\)/);
    expect(() => detectChangePoints([1, 2], { minMagnitude: -1 })).toThrow(/minMagnitude must be a number ≥ 0/);
  });

  it.each([
    // [distribution, length, series, lower, upper]: bounds are the binomial(series, 0.05) central 99.9% range.
    ['normal', 40, 600, 0.024, 0.078],
    ['t3', 40, 400, 0.02, 0.085],
    ['normal', 500, 120, 0.008, 0.117],
    // Long enough for the tail test to run beside the split search (alpha split 0.0375 + 0.0125).
    ['normal', 100, 600, 0.024, 0.078],
    ['t3', 150, 400, 0.02, 0.085],
  ] as const)('has a false-alarm rate of about alpha on stationary %s series of length %i', (distribution, length, count, lower, upper) => {
    // alpha 0.05 with 99 permutations makes the first permutation test exact whatever the length, so
    // the rate of reporting any change point should be 0.05 (npm run bench:history measures more).
    const draw = normals(distribution === 'normal' ? 2025 + length : 2024 + (length === 40 ? 0 : length));
    const t3 = (): number => draw() / Math.sqrt((draw() ** 2 + draw() ** 2 + draw() ** 2) / 3);
    const alarms = rate(
      count,
      () => Array.from({ length }, distribution === 'normal' ? draw : t3),
      (cps) => cps.length > 0,
    );
    console.info(`change-point false-alarm rate (${distribution}, length ${length}, ${count} series, alpha 0.05): ${alarms.toFixed(3)}`);
    expect(alarms).toBeGreaterThanOrEqual(lower);
    expect(alarms).toBeLessThanOrEqual(upper);
  });
});
