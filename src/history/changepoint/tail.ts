/**
 * A dedicated test for a shift in the newest one or two points. E-divisive's split statistic
 * over every window rarely singles out one new point: a permutation of the series places
 * configurations just as extreme somewhere in the middle. This test asks only "do the last one
 * or two points lie apart from the points before them?", in units of the rest's standard
 * deviation (rest: the other points of the window):
 *
 *   z₁ = |x_last − mean(rest)| / sd(rest)
 *   z₂ = √2 · min(|x_last − mean(rest)|, |x_second-last − mean(rest)|) / sd(rest) when both lie
 *        on the same side, else 0 (both points must have moved: one far point with an ordinary
 *        neighbour scores as z₁, not as a pair)
 *   S  = max(z₁, z₂)
 *
 * over the newest `TAIL_WINDOW` points of the last segment (since the last accepted change
 * point). Its p-value is exact: S depends only on which value is last and which second-last, so
 * all L(L−1) ordered choices are enumerated (Pitman's permutation test; O(L²) with running sums).
 * Under "no change" every choice is equally likely, so P(p ≤ level) ≤ level. The smallest
 * p-value possible is about 1/L, so the test can reject only when L ≥ 1/level. The change is
 * placed at the second-last point when it lies nearer the last one than the rest's mean. */

/** Newest points of the last segment the tail is compared with. */
export const TAIL_WINDOW = 300;

export interface TailChange {
  /** First index of the shifted tail: length − 1 or length − 2. */
  index: number;
  pValue: number;
}

/** The exact permutation test of the last one or two points of `values[start, end)` against the rest of it; undefined with fewer than 4 points. */
export function tailTest(values: ArrayLike<number>, start: number, end: number): TailChange | undefined {
  const from = Math.max(start, end - TAIL_WINDOW);
  const count = end - from;
  if (count < 4) return undefined;
  // Sums of values centred on the first one, so large values with a small spread keep their digits.
  const centre = values[from]!;
  const at = (i: number) => values[i]! - centre;
  let sum = 0;
  let squares = 0;
  for (let i = from; i < end; i++) (sum += at(i)), (squares += at(i) ** 2);
  const scoreOf = (secondLast: number, last: number) => {
    const z1 = deviation(last, sum - last, squares - last * last, count - 1);
    const restSum = sum - last - secondLast;
    const restCount = count - 2;
    const restSquares = squares - last * last - secondLast * secondLast;
    const sameSide = Math.sign(last - restSum / restCount) === Math.sign(secondLast - restSum / restCount);
    const z2 = sameSide ? Math.SQRT2 * Math.min(deviation(last, restSum, restSquares, restCount), deviation(secondLast, restSum, restSquares, restCount)) : 0;
    return Math.max(z1, z2);
  };
  const last = at(end - 1);
  const secondLast = at(end - 2);
  const observed = scoreOf(secondLast, last);
  const threshold = Number.isFinite(observed) ? observed - 1e-12 * Math.abs(observed) : observed;
  let reaching = 0;
  for (let i = from; i < end; i++) {
    for (let j = from; j < end; j++) if (i !== j && scoreOf(at(i), at(j)) >= threshold) reaching++;
  }
  const restMean = (sum - last - secondLast) / (count - 2);
  const pair = Math.abs(secondLast - last) < Math.abs(secondLast - restMean);
  return { index: pair ? end - 2 : end - 1, pValue: reaching / (count * (count - 1)) };
}

/** |value − mean of the rest| in units of the rest's standard deviation, from the rest's sums. */
function deviation(value: number, restSum: number, restSquares: number, restCount: number): number {
  const restMean = restSum / restCount;
  const variance = Math.max(0, (restSquares - restSum * restMean) / (restCount - 1));
  const difference = Math.abs(value - restMean);
  if (variance === 0) return difference > 0 ? Number.POSITIVE_INFINITY : 0;
  return difference / Math.sqrt(variance);
}
