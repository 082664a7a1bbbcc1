import { meanAndVariance } from './describe.js';
import { normaliseArms, toNormalisedWidth } from './scale.js';
import { welchDegreesOfFreedom } from './welch.js';
import { studentTCdf } from './distributions/student-t.js';

export interface WelchEquivalenceResult {
  /** One-sided p against a difference of −margin (H₀: μc − μb ≤ −margin). */
  pValueLower: number;
  /** One-sided p against a difference of +margin (H₀: μc − μb ≥ +margin). */
  pValueUpper: number;
  /** The larger of the two: equivalence within ±margin is shown at level α when it is below α. */
  pValue: number;
}

/**
 * Welch two one-sided tests (TOST) for equivalence of means within ±margin, candidate minus
 * baseline: t₁ = (d + margin)/se and t₂ = (d − margin)/se against Student t with the
 * Welch–Satterthwaite df; p₁ = P(T ≥ t₁), p₂ = P(T ≤ t₂).
 * Source: Schuirmann (1987), J. Pharmacokinet. Biopharm. 15:657–680; Welch (1947), Biometrika 34.
 * Arms without spread decide by the sign of the distance to each margin (p 0 or 1).
 */
export function welchEquivalenceTest(baseline: ArrayLike<number>, candidate: ArrayLike<number>, margin: number): WelchEquivalenceResult {
  if (baseline.length < 2 || candidate.length < 2) {
    throw new RangeError(`welchEquivalenceTest: expected at least 2 values per arm, received ${baseline.length} baseline and ${candidate.length} candidate`);
  }
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`welchEquivalenceTest: expected a finite margin ≥ 0, received ${margin}`);
  // Invariant to the data's location and scale: computed on normalised arms (see scale.ts).
  const arms = normaliseArms(baseline, candidate);
  const scaledMargin = toNormalisedWidth(margin, arms.exponent);
  const b = meanAndVariance(arms.baseline);
  const c = meanAndVariance(arms.candidate);
  const vb = b.variance / baseline.length;
  const vc = c.variance / candidate.length;
  const difference = c.mean - b.mean;
  const se = Math.sqrt(vb + vc);
  if (se === 0) {
    const pValueLower = difference > -scaledMargin ? 0 : 1;
    const pValueUpper = difference < scaledMargin ? 0 : 1;
    return { pValueLower, pValueUpper, pValue: Math.max(pValueLower, pValueUpper) };
  }
  const df = welchDegreesOfFreedom(vb, baseline.length, vc, candidate.length);
  const pValueLower = studentTCdf(-(difference + scaledMargin) / se, df);
  const pValueUpper = studentTCdf((difference - scaledMargin) / se, df);
  return { pValueLower, pValueUpper, pValue: Math.max(pValueLower, pValueUpper) };
}
