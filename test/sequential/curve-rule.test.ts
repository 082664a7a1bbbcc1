import { describe, expect, it } from 'vitest';
import { resolveCheckpoints, sequentialCurveRule } from '../../src/sequential/curve-rule.js';
import { simulateCurveDesign } from '../../src/sequential/benchmark/curves.js';

const steps = Array.from({ length: 20 }, (_, i) => (i + 1) * 20);
/** A decreasing loss curve, offset per run. */
const curve = (offset: number) => steps.map((step) => ({ step, value: 1 / Math.sqrt(step) + offset }));
const baseline = Array.from({ length: 10 }, (_, i) => curve(i * 0.001));

describe('sequentialCurveRule', () => {
  it('compares at the baseline steps nearest 10%, 25% and 50% of training, each metric × checkpoint with an even share of alpha', () => {
    const rule = sequentialCurveRule({ loss: { direction: 'lower', baseline }, accuracy: { direction: 'higher', baseline } }, { alpha: 0.025, maxRuns: 10 });
    expect(rule.checkpoints.map((cell) => [cell.metric, cell.step])).toEqual([
      ['loss', 40],
      ['loss', 100],
      ['loss', 200],
      ['accuracy', 40],
      ['accuracy', 100],
      ['accuracy', 200],
    ]);
    for (const cell of rule.checkpoints) {
      expect(cell.alpha).toBeCloseTo(0.025 / 6, 12);
      expect(cell.finalStep).toBe(400);
      expect(cell.baseline).toHaveLength(10);
    }
  });

  it('stops a candidate far worse early at the first checkpoint it can decide, with the step, the runs and the rank sum', () => {
    const rule = sequentialCurveRule({ loss: { direction: 'lower', baseline } }, { alpha: 0.025, maxRuns: 10 });
    let decided = null;
    // Runs trained two at a time: seeds 0 and 1 to the end, then 2 and 3.
    for (const pair of [
      [0, 1],
      [2, 3],
    ]) {
      for (const step of steps) {
        for (const seed of pair) decided ??= rule.add(seed, { step, values: { loss: 1 / Math.sqrt(step) + 1 + seed * 0.01 } });
        if (decided) break;
      }
      if (decided) break;
    }
    expect(decided).not.toBeNull();
    expect(decided!.metric).toBe('loss');
    expect(decided!.step).toBe(40);
    expect(decided!.runs).toBeLessThanOrEqual(4);
    expect(decided!.rankSum).toBe(decided!.runs * 10);
    expect(decided!.seeds).toEqual([0, 1, 2, 3].slice(0, decided!.runs));
    expect(rule.decided).toEqual(decided);
  });

  it('never stops a candidate for being better, and reads a candidate streamed at other steps by interpolation', () => {
    const rule = sequentialCurveRule({ loss: { direction: 'lower', baseline } }, { alpha: 0.05, maxRuns: 10 });
    for (let seed = 0; seed < 10; seed++) {
      for (let step = 30; step <= 400; step += 30) expect(rule.add(seed, { step, values: { loss: -5 } })).toBeNull();
    }
    const first = rule.checkpoints[0]!;
    expect(first.step).toBe(40);
    expect(first.candidate).toHaveLength(10);
    expect(first.rankSum).toBe(0);
  });

  it('leaves out metrics whose baseline has fewer than two curves', () => {
    const rule = sequentialCurveRule({ loss: { direction: 'lower', baseline: [curve(0)] } }, { alpha: 0.05 });
    expect(rule.checkpoints).toEqual([]);
    expect(rule.add(0, { step: 40, values: { loss: 99 } })).toBeNull();
  });

  it('refuses checkpoints outside (0, 1)', () => {
    expect(() => resolveCheckpoints([0.5, 1])).toThrow(/between 0 and 1/);
    expect(() => resolveCheckpoints([])).toThrow(/non-empty/);
    expect(resolveCheckpoints([0.5, 0.1, 0.5])).toEqual([0.1, 0.5]);
  });
});

describe('curve evidence under optional stopping (seeded simulation)', () => {
  const scenario = { points: 20, stepSize: 20, runCorrelation: 0.6, autocorrelation: 0.8 };
  const design = { baselineSize: 10, maxRuns: 10, concurrency: 2, alpha: 0.05, alphaShare: 0.5 };

  it('keeps A/A false alarms (curves and final values together) at or below alpha', () => {
    const reps = 1500;
    const outcome = simulateCurveDesign({ ...scenario, shift: () => 0 }, design, reps, 11);
    const falseAlarms = outcome.verdicts.regression + outcome.verdicts.improvement + outcome.verdicts.suspicious;
    // Below alpha plus two Monte Carlo standard errors (0.0056 at 1,500 repetitions).
    expect(falseAlarms / reps).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / reps));
    expect(outcome.curveStops / reps).toBeLessThanOrEqual(0.025 + 2 * Math.sqrt((0.025 * 0.975) / reps));
  });

  it('keeps the curve rule at or below its share when the checkpoints are independent (no run level, no autocorrelation)', () => {
    const reps = 1500;
    const outcome = simulateCurveDesign({ ...scenario, runCorrelation: 0, autocorrelation: 0, shift: () => 0 }, design, reps, 12);
    expect(outcome.curveStops / reps).toBeLessThanOrEqual(0.025 + 2 * Math.sqrt((0.025 * 0.975) / reps));
  });

  it('decides a 2-sd regression present from the start with fewer steps than the final values alone', () => {
    const worse = { ...scenario, shift: () => 2 };
    const withCurves = simulateCurveDesign(worse, design, 300, 13);
    const finalOnly = simulateCurveDesign(worse, { ...design, alphaShare: 0 }, 300, 13);
    const mean = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(withCurves.verdicts.regression / 300).toBeGreaterThan(0.9);
    expect(mean(withCurves.steps)).toBeLessThan(0.6 * mean(finalOnly.steps));
  });
});
