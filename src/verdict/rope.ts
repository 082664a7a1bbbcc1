import type { CompareOptions } from './types.js';
import type { Describe } from '../model/summary.js';
import type { RopeUsed } from '../model/comparison.js';
import { DEFAULT_ROPE_SD_FRACTION } from '../model/defaults.js';

/** Turns the configured ROPE (absolute, `{ relative }` of |baseline mean|, or none) into a half-width. */
export function resolveRope(rope: CompareOptions['rope'], baseline: Describe): RopeUsed {
  if (rope === undefined) return { halfWidth: DEFAULT_ROPE_SD_FRACTION * baseline.sd, source: 'default' };
  if (typeof rope === 'number') {
    if (!(rope >= 0) || !Number.isFinite(rope)) throw new RangeError(`rope: expected a finite number ≥ 0, received ${rope}`);
    return { halfWidth: rope, source: 'absolute' };
  }
  if (!(rope.relative >= 0) || !Number.isFinite(rope.relative)) {
    throw new RangeError(`rope.relative: expected a finite fraction ≥ 0 (0.02 for 2%), received ${rope.relative}`);
  }
  return { halfWidth: rope.relative * Math.abs(baseline.mean), source: 'relative' };
}
