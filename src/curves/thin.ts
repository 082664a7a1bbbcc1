/**
 * Thinning a learning curve to a bounded number of points, so that a baseline file keeps every
 * run's curve at a size a reviewed pull request can carry.
 */
import type { CurvePoint } from './types.js';

/** Most points a stored curve keeps. */
const STORED_CURVE_POINTS = 64;

/**
 * Keeps at most `limit` points of a curve (in step order): the first, the last, and points at
 * evenly spaced positions between them. Even in position rather than in step, so a curve logged
 * densely early and sparsely late keeps its shape on both parts; a curve that fits is returned as
 * it is. The same curve always thins to the same points.
 */
export function thinCurve(points: readonly CurvePoint[], limit = STORED_CURVE_POINTS): CurvePoint[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`limit: expected an integer of at least 2, received ${String(limit)}`);
  if (points.length <= limit) return [...points];
  const last = points.length - 1;
  const kept: CurvePoint[] = [];
  for (let i = 0; i < limit; i++) kept.push(points[Math.round((i * last) / (limit - 1))]!);
  return kept;
}
