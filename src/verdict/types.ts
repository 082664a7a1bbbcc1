/** Options of a comparison of one metric's samples. */
import type { Direction } from '../model/direction.js';

export interface CompareOptions {
  direction: Direction;
  /** Family-wise significance level for this metric's verdict. Default 0.05. */
  alpha?: number | undefined;
  /** Region of practical equivalence: an absolute half-width, or `{ relative: 0.02 }` of the baseline mean. */
  rope?: number | { relative: number } | undefined;
  /** The candidate is expected to be better: a far-out good result is an improvement, not suspicious. */
  expectImprovement?: boolean | undefined;
  /**
   * The seed of each value, per arm: runs with the same seed are compared as pairs (see
   * verdict/pairing.ts), and the result says `paired: true`.
   */
  seeds?: { baseline: readonly number[]; candidate: readonly number[] } | undefined;
}
