/**
 * Exact-as-possible change of location and scale, so that statistics hold over the whole range
 * of finite doubles. Squares, fourth powers and products of variances overflow above a spread of
 * about 1e77 (1e154 for squares) and underflow below about 1e-80, and means of data such as
 * 1e9 ± 1e-3 are rounded to 1.2e-7, a tenth of the spread. Most tests are invariant to the data's
 * location and scale, so each computes on values centred on the midrange of both arms and
 * multiplied by a power of two to magnitude about 1, and states its data-unit results (mean
 * differences, intervals) back in the original units. The centring rounds each value once,
 * relative to its distance from the centre; the power of two changes no digit.
 */

/** x · 2^k without an infinite or zero factor on the way (2^1074 itself is not a double). */
export function timesPowerOfTwo(x: number, k: number): number {
  if (k === 0) return x;
  const half = Math.trunc(k / 2);
  return x * 2 ** half * 2 ** (k - half);
}

/**
 * The exponent k for which the largest |x| over all `arms`, times 2^k, lies in about [1, 2);
 * 0 when every value is 0.
 */
export function normalisingExponent(...arms: ArrayLike<number>[]): number {
  let largest = 0;
  for (const arm of arms) {
    for (let i = 0; i < arm.length; i++) {
      const magnitude = Math.abs(arm[i]!);
      if (magnitude > largest) largest = magnitude;
    }
  }
  if (largest === 0 || !Number.isFinite(largest)) return 0;
  return -Math.floor(Math.log2(largest));
}

/** `values` times 2^k, as a new array. */
export function scaleByPowerOfTwo(values: ArrayLike<number>, k: number): Float64Array {
  const out = Float64Array.from({ length: values.length }, (_, i) => values[i]!);
  scaleInPlace(out, k);
  return out;
}

function scaleInPlace(values: Float64Array, k: number): void {
  if (k === 0) return;
  const half = Math.trunc(k / 2);
  const first = 2 ** half;
  const second = 2 ** (k - half);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * first * second;
}

/** Arms on one common location and scale: (x − centre) · 2^exponent, largest magnitude about 1. */
export interface Normalised {
  arms: Float64Array[];
  centre: number;
  exponent: number;
}

/**
 * Centres every arm on the midrange of all of them and scales them by one power of two (the same
 * change for every arm, so comparisons between them are unchanged). The centred values never
 * overflow: each lies within half the range of finite doubles of the centre.
 */
export function normalise(...arms: ArrayLike<number>[]): Normalised {
  let min = Infinity;
  let max = -Infinity;
  for (const arm of arms) {
    for (let i = 0; i < arm.length; i++) {
      if (arm[i]! < min) min = arm[i]!;
      if (arm[i]! > max) max = arm[i]!;
    }
  }
  const centre = min <= max ? min / 2 + max / 2 : 0;
  const centred = arms.map((arm) => Float64Array.from({ length: arm.length }, (_, i) => arm[i]! - centre));
  const exponent = normalisingExponent(...centred);
  for (const arm of centred) scaleInPlace(arm, exponent);
  return { arms: centred, centre, exponent };
}

/** Two arms normalised together (see `normalise`). */
export function normaliseArms(baseline: ArrayLike<number>, candidate: ArrayLike<number>): { baseline: Float64Array; candidate: Float64Array; centre: number; exponent: number } {
  const { arms, centre, exponent } = normalise(baseline, candidate);
  return { baseline: arms[0]!, candidate: arms[1]!, centre, exponent };
}

/** A point in data units, in the normalised units of `normalise`'s result. */
export function toNormalisedPoint(x: number, normalised: { centre: number; exponent: number }): number {
  return timesPowerOfTwo(x - normalised.centre, normalised.exponent);
}

/** A difference or a width (no location) in data units, in normalised units. */
export function toNormalisedWidth(width: number, exponent: number): number {
  return timesPowerOfTwo(width, exponent);
}

/** A difference or a width computed on normalised arms, in the data's units. */
export function widthToDataUnits(width: number, exponent: number): number {
  return timesPowerOfTwo(width, -exponent);
}
