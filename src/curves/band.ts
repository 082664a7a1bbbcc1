/** The baseline band of a metric's curves: per step, the mean, minimum and maximum over runs. */
import { valueAtStep } from './align.js';
import type { CurvePoint } from './types.js';

export interface StepBand {
  step: number;
  mean: number;
  min: number;
  max: number;
  /** Runs whose curve covers this step. */
  runs: number;
}

/**
 * The band of `runs` at each step any of them streamed. A run is read at a step by
 * interpolation between its own points (valueAtStep), so runs streamed at different steps
 * (or thinned differently) still share one band; a step beyond a run's last point leaves it out.
 */
export function curveBand(runs: ReadonlyArray<readonly CurvePoint[]>): StepBand[] {
  const steps = [...new Set(runs.flatMap((run) => run.map((point) => point.step)))].filter(Number.isFinite).sort((a, b) => a - b);
  const band: StepBand[] = [];
  for (const step of steps) {
    const values = runs.map((run) => valueAtStep(run, step)).filter((value): value is number => value !== undefined && Number.isFinite(value));
    if (values.length === 0) continue;
    band.push({
      step,
      mean: values.reduce((sum, value) => sum + value, 0) / values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      runs: values.length,
    });
  }
  return band;
}
