/** Seeded series for the change-point tests. */

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

/**
 * Mulberry32 (Tommy Ettinger, 2017): the seeded uniform generator these simulated series were
 * drawn with; kept here so the test series stay the same whatever generator mlreg uses.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
