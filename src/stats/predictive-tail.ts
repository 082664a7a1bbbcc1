import { meanAndVariance } from './describe.js';
import { studentTCdf } from './distributions/student-t.js';
import { normalise, toNormalisedPoint } from './scale.js';

/**
 * How far out `value` lies in the baseline's posterior predictive distribution for one future
 * run, on one side. Under the Jeffreys prior a new run is predicted as x̄b + sb·√(1 + 1/nb)·t(nb − 1)
 * (Gelman et al., BDA 3rd ed., §3.2; the t prediction interval, Hahn & Meeker 1991 §4.4).
 * Returns P(new run at least as far toward `side` as `value`). With `leaveOneOut`, the tail is
 * recomputed with each baseline run removed in turn and the `largest` (the least extreme reading:
 * no single run can make `value` look extreme) or the `smallest` (the most extreme reading: no
 * single wild run can hide it) is returned.
 */
export function predictiveTail(data: ArrayLike<number>, point: number, side: 'lower' | 'higher', options: { leaveOneOut?: 'largest' | 'smallest' } = {}): number {
  // Invariant to the data's location and scale: computed on normalised values (see scale.ts).
  const normalised = normalise(data, [point]);
  const baseline = normalised.arms[0]!;
  const value = toNormalisedPoint(point, normalised);
  const nb = baseline.length;
  const minimum = options.leaveOneOut ? 3 : 2;
  if (nb < minimum) throw new RangeError(`predictiveTail: expected at least ${minimum} baseline values, received ${nb}`);
  const tailOf = (mean: number, variance: number, n: number): number => {
    const scale = Math.sqrt(variance * (1 + 1 / n));
    const signed = side === 'lower' ? value - mean : mean - value;
    if (scale === 0) return signed < 0 ? 0 : 1;
    return studentTCdf(signed / scale, n - 1);
  };
  const { mean, variance } = meanAndVariance(baseline);
  if (!options.leaveOneOut) return tailOf(mean, variance, nb);
  const pick = options.leaveOneOut === 'largest' ? Math.max : Math.min;
  let chosen = options.leaveOneOut === 'largest' ? 0 : 1;
  const sumOfSquares = variance * (nb - 1);
  for (let skip = 0; skip < nb; skip++) {
    // Leave-one-out mean and variance in O(1): SS₋ᵢ = SS − (xᵢ − x̄)²·n/(n − 1).
    const x = baseline[skip]!;
    const restMean = (mean * nb - x) / (nb - 1);
    const restSquares = Math.max(0, sumOfSquares - ((x - mean) ** 2 * nb) / (nb - 1));
    chosen = pick(chosen, tailOf(restMean, restSquares / (nb - 2), nb - 1));
  }
  return chosen;
}
