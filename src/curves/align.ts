/**
 * Reading a curve at a given step. Baseline and candidate runs of one trainer usually stream the
 * same steps, so a checkpoint is read exactly; a curve streamed at other steps is read by linear
 * interpolation between the points either side of it.
 */
import type { CurvePoint } from './types.js';

/**
 * The curve's value at `step`: the point at that step, else linear interpolation between its
 * neighbours; undefined when the curve has not reached `step` yet or starts after it.
 */
export function valueAtStep(points: readonly CurvePoint[], step: number): number | undefined {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.step < step) low = mid + 1;
    else high = mid;
  }
  const after = points[low];
  if (after === undefined) return undefined;
  if (after.step === step) return after.value;
  const before = points[low - 1];
  if (before === undefined) return undefined;
  const t = (step - before.step) / (after.step - before.step);
  return before.value + t * (after.value - before.value);
}

/** The last step a curve reached, or 0 for an empty curve. */
export function lastStep(points: readonly CurvePoint[]): number {
  return points.at(-1)?.step ?? 0;
}
