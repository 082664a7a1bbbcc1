import { describe, expect, it } from 'vitest';
import { curveBand, meanOverTraining, stepsToReach, thinCurve, valueAtStep } from '../../src/curves/index.js';

const curve = (steps: number[], value = (step: number) => step * 2) => steps.map((step) => ({ step, value: value(step) }));

describe('thinCurve', () => {
  it('keeps a curve that fits as it is', () => {
    const points = curve([1, 2, 3]);
    expect(thinCurve(points, 64)).toEqual(points);
  });

  it('keeps the first and last points and at most the limit, evenly spaced by position', () => {
    const points = curve(Array.from({ length: 1000 }, (_, i) => i + 1));
    const thinned = thinCurve(points, 64);
    expect(thinned).toHaveLength(64);
    expect(thinned[0]).toEqual(points[0]);
    expect(thinned.at(-1)).toEqual(points.at(-1));
    expect(new Set(thinned.map((point) => point.step)).size).toBe(64);
    const gaps = thinned.slice(1).map((point, i) => point.step - thinned[i]!.step);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    expect(thinCurve(points, 64)).toEqual(thinned);
  });

  it('refuses a limit below two', () => {
    expect(() => thinCurve(curve([1, 2, 3]), 1)).toThrow(/at least 2/);
  });
});

describe('valueAtStep', () => {
  const points = curve([10, 20, 40], (step) => step / 10);
  it('reads a streamed step exactly and interpolates between neighbours', () => {
    expect(valueAtStep(points, 20)).toBe(2);
    expect(valueAtStep(points, 30)).toBeCloseTo(3, 12);
  });
  it('is undefined before the first and after the last point', () => {
    expect(valueAtStep(points, 5)).toBeUndefined();
    expect(valueAtStep(points, 41)).toBeUndefined();
  });
});

describe('curveBand', () => {
  it('gives mean, min and max per step, runs read by interpolation where they did not stream the step', () => {
    const band = curveBand([curve([0, 10], (s) => s), curve([0, 5, 10], (s) => s + 1)]);
    expect(band).toEqual([
      { step: 0, mean: 0.5, min: 0, max: 1, runs: 2 },
      { step: 5, mean: 5.5, min: 5, max: 6, runs: 2 },
      { step: 10, mean: 10.5, min: 10, max: 11, runs: 2 },
    ]);
  });
  it('leaves a run out beyond its last step', () => {
    const band = curveBand([curve([0, 10]), curve([0, 20])]);
    expect(band.at(-1)).toEqual({ step: 20, mean: 40, min: 40, max: 40, runs: 1 });
  });
});

describe('curve summaries', () => {
  it('meanOverTraining is the trapezoidal area divided by the steps spanned', () => {
    expect(meanOverTraining(curve([0, 10, 20], (s) => s))).toBeCloseTo(10, 12);
    expect(
      meanOverTraining([
        { step: 0, value: 1 },
        { step: 10, value: 3 },
        { step: 30, value: 3 },
      ]),
    ).toBeCloseTo((20 + 60) / 30, 12);
    expect(meanOverTraining(curve([5]))).toBeUndefined();
  });

  it('stepsToReach is the first step at or better than the threshold, or the evaluation after the last', () => {
    const loss = curve([10, 20, 30], (s) => 1 / s);
    expect(stepsToReach(loss, 0.05, 'lower')).toBe(20);
    expect(stepsToReach(loss, 0.001, 'lower')).toBe(40);
    expect(
      stepsToReach(
        curve([10, 20], (s) => s / 100),
        0.2,
        'higher',
      ),
    ).toBe(20);
    expect(stepsToReach([], 1, 'lower')).toBeUndefined();
  });
});
