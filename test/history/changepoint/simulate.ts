/** Seeded series for the change-point tests. */
import { mulberry32 } from '../../../src/trainers/builtin/prng.js';

/** A standard-normal generator (Box–Muller) driven by a seeded uniform generator. */
export function normals(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** `length` draws of N(0, 1) with `shift` added from each index in `at` on. */
export function seriesWithShifts(seed: number, length: number, shifts: Array<{ at: number; shift: number }>): number[] {
  const draw = normals(seed);
  return Array.from({ length }, (_, i) => draw() + shifts.filter((s) => i >= s.at).reduce((sum, s) => sum + s.shift, 0));
}

