import { meanAndVariance } from './describe.js';
import { studentTCdf } from './distributions/student-t.js';

/**
 * How far out the candidate's mean lies in the baseline's posterior predictive distribution,
 * on one side. Under the Jeffreys prior the mean of nc future runs is predicted as
 * x̄b + sb·√(1/nb + 1/nc)·t(nb − 1) (Gelman et al., BDA 3rd ed., §3.2; equivalently the
 * t prediction interval for a mean of nc new observations, Hahn & Meeker 1991 §4.7).
 * Returns the one-sided tail probability P(predicted mean is at least as far toward `side`
 * as the observed candidate mean). With `leaveOneOut`, the largest tail over baselines with one
 * run removed, so a single bad baseline run can neither create nor hide an extreme result.
 */
export function predictiveTail(
  baseline: ArrayLike<number>,
  candidate: ArrayLike<number>,
  side: 'lower' | 'higher',
  options: { leaveOneOut?: boolean } = {},
): number {
  const nb = baseline.length;
  const nc = candidate.length;
  const minimum = options.leaveOneOut ? 3 : 2;
  if (nb < minimum || nc < 1) {
    throw new RangeError(`predictiveTail: expected at least ${minimum} baseline values and 1 candidate value, received ${nb} and ${nc}`);
  }
  const candidateMean = meanAndVariance(candidate).mean;
  const tailOf = (values: ArrayLike<number>): number => {
    const { mean, variance } = meanAndVariance(values);
    const n = values.length;
    const scale = Math.sqrt(variance * (1 / n + 1 / nc));
    const signed = side === 'lower' ? candidateMean - mean : mean - candidateMean;
    if (scale === 0) return signed < 0 ? 0 : 1;
    return studentTCdf(signed / scale, n - 1);
  };
  if (!options.leaveOneOut) return tailOf(baseline);
  let largest = 0;
  const rest = new Float64Array(nb - 1);
  for (let skip = 0; skip < nb; skip++) {
    for (let i = 0, k = 0; i < nb; i++) if (i !== skip) rest[k++] = baseline[i]!;
    largest = Math.max(largest, tailOf(rest));
  }
  return largest;
}
