import { medianOfSorted } from './describe.js';
import { twoGroupAnova } from './one-way-anova.js';
import { normaliseArms } from './scale.js';

export interface BrownForsytheResult {
  /** Levene's W computed on absolute deviations from each arm's median. */
  statistic: number;
  /** P(F(1, N − 2) ≥ W). */
  pValue: number;
}

/**
 * Brown–Forsythe test for equal variances: Levene's one-way ANOVA on |x − median(arm)|.
 * W = (N − k) Σ nᵢ (z̄ᵢ − z̄)² / ((k − 1) Σ Σ (zᵢⱼ − z̄ᵢ)²), compared with F(k − 1, N − k), k = 2.
 * Matches `scipy.stats.levene(baseline, candidate, center='median')`.
 * Source: Brown & Forsythe (1974), JASA 69:364–367. A zero within-arm spread with a non-zero
 * between-arm spread gives W = ∞, p = 0; no spread at all gives W = 0, p = 1.
 */
export function brownForsytheTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>): BrownForsytheResult {
  // Invariant to the data's location and scale: computed on normalised arms (see scale.ts).
  const normalised = normaliseArms(baseline, candidate);
  const arms = [Array.from(normalised.baseline), Array.from(normalised.candidate)];
  if (arms.some((arm) => arm.length < 2)) {
    throw new RangeError(`brownForsytheTest: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  const deviations = arms.map((arm) => {
    const median = medianOfSorted([...arm].sort((x, y) => x - y));
    return arm.map((x) => Math.abs(x - median));
  });
  const { statistic, pValue } = twoGroupAnova(deviations[0]!, deviations[1]!);
  return { statistic, pValue };
}
