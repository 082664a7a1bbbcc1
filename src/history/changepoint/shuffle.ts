/** Shuffling for the permutation test of change points. */

/** Shuffles `values[start, end)` in place (Fisher–Yates), drawing uniforms in [0, 1) from `random`. */
export function shuffleRange(values: number[], start: number, end: number, random: () => number): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    const held = values[i] as number;
    values[i] = values[j] as number;
    values[j] = held;
  }
}
