import type { Random } from './random.js';

/**
 * Shuffles `values[start, end)` in place by the Fisher–Yates algorithm (Knuth, TAOCP vol. 2,
 * §3.4.2), from the end backwards: one `random.int` per position but the first.
 * Not simple-statistics' `shuffleInPlace`: it draws once more per shuffle (for the last,
 * one-element step), which would move every later draw of a stream that shuffles repeatedly.
 */
export function shuffleRange(values: { [index: number]: number; length: number }, start: number, end: number, random: Pick<Random, 'int'>): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + random.int(i - start + 1);
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}

/**
 * Moves a uniformly random k-subset of `values` to its first k positions, in draw order
 * (the first k steps of a forward Fisher–Yates shuffle).
 */
export function drawSubset(values: { [index: number]: number; length: number }, k: number, random: Pick<Random, 'int'>): void {
  const n = values.length;
  for (let i = 0; i < k; i++) {
    const j = i + random.int(n - i);
    const held = values[j]!;
    values[j] = values[i]!;
    values[i] = held;
  }
}
