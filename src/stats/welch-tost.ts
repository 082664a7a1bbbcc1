import { meanAndVariance } from './describe.js';
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
  const b = meanAndVariance(baseline);
  const c = meanAndVariance(candidate);
  const vb = b.variance / baseline.length;
  const vc = c.variance / candidate.length;
  const difference = c.mean - b.mean;
  const se = Math.sqrt(vb + vc);
  if (se === 0) {
    const pValueLower = difference > -margin ? 0 : 1;
    const pValueUpper = difference < margin ? 0 : 1;
    return { pValueLower, pValueUpper, pValue: Math.max(pValueLower, pValueUpper) };
  }
  const df = (vb + vc) ** 2 / ((vb * vb) / (baseline.length - 1) + (vc * vc) / (candidate.length - 1));
  const pValueLower = studentTCdf(-(difference + margin) / se, df);
  const pValueUpper = studentTCdf((difference - margin) / se, df);
  return { pValueLower, pValueUpper, pValue: Math.max(pValueLower, pValueUpper) };
}
