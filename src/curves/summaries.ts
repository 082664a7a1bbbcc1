/**
 * Curve-level checks: one number per run from its learning curve, compared between the arms by
 * the same engine as final values (`metrics.<name>.curve` in a config).
 */
import type { CurvePoint } from './types.js';

/**
 * The area under the curve divided by the steps it spans (trapezoidal rule): the curve's mean
 * value over training, in the metric's units, so that a curve lower (or higher) all along shows
 * even where the final values agree. Undefined for a curve of fewer than two points.
 */
export function meanOverTraining(points: readonly CurvePoint[]): number | undefined {
  if (points.length < 2) return undefined;
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    area += ((a.value + b.value) / 2) * (b.step - a.step);
  }
  const span = points.at(-1)!.step - points[0]!.step;
  return span > 0 ? area / span : undefined;
}

/**
 * The first step at which the curve reaches `threshold` (at or below it for a lower-is-better
 * metric, at or above for higher). A run that never reaches it counts as reaching it at the
 * evaluation after its last one (last step plus its last interval): the earliest it could have,
 * so it ranks behind every run that did. Undefined for an empty curve.
 */
export function stepsToReach(points: readonly CurvePoint[], threshold: number, direction: 'lower' | 'higher'): number | undefined {
  const reached = points.find((point) => (direction === 'lower' ? point.value <= threshold : point.value >= threshold));
  if (reached) return reached.step;
  const last = points.at(-1);
  if (last === undefined) return undefined;
  const previous = points.at(-2);
  return last.step + (previous ? last.step - previous.step : Math.max(1, last.step));
}
