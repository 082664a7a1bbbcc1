/** Seeded pseudo-random numbers for the permutation test: every run with the same seed is identical. */

/**
 * Mulberry32 (Tommy Ettinger, 2017): a 32-bit generator, uniform on [0, 1). Small and fast; its
 * period of 2^32 is ample for shuffling a few hundred values a few thousand times.
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

/** Shuffles `values[start, end)` in place (Fisher–Yates), drawing from `random`. */
export function shuffleRange(values: number[], start: number, end: number, random: () => number): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    const held = values[i] as number;
    values[i] = values[j] as number;
    values[j] = held;
  }
}
