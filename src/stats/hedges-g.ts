import { meanAndVariance } from './describe.js';
import { normaliseArms } from './scale.js';

/**
 * Hedges' g of candidate minus baseline: (x̄c − x̄b) / s_pooled × J, with
 * s²_pooled = ((nb − 1)s²b + (nc − 1)s²c)/(nb + nc − 2) and the small-sample correction
 * J = 1 − 3/(4(nb + nc) − 9). Source: Hedges (1981), J. Educ. Stat. 6:107–128, eq. 6e.
 * Zero pooled spread gives 0 for equal means and ±∞ otherwise.
 */
export function hedgesG(baseline: ArrayLike<number>, candidate: ArrayLike<number>): number {
  const nb = baseline.length;
  const nc = candidate.length;
  if (nb < 2 || nc < 2) throw new RangeError(`hedgesG: expected at least 2 values per arm, received ${nb} baseline and ${nc} candidate`);
  // Invariant to the data's location and scale: computed on normalised arms (see scale.ts).
  const arms = normaliseArms(baseline, candidate);
  const b = meanAndVariance(arms.baseline);
  const c = meanAndVariance(arms.candidate);
  const pooled = Math.sqrt(((nb - 1) * b.variance + (nc - 1) * c.variance) / (nb + nc - 2));
  const diff = c.mean - b.mean;
  if (pooled === 0) return diff === 0 ? 0 : Math.sign(diff) * Infinity;
  return (diff / pooled) * (1 - 3 / (4 * (nb + nc) - 9));
}
