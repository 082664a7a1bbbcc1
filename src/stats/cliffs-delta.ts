/**
 * Cliff's delta of candidate versus baseline: P(c > b) − P(c < b) over all nb·nc pairs,
 * counted with binary searches in the sorted baseline (O((nb + nc) log nb)).
 * Source: Cliff (1993), Psychol. Bull. 114:494–509.
 */
export function cliffsDelta(baseline: ArrayLike<number>, candidate: ArrayLike<number>): number {
  const nb = baseline.length;
  const nc = candidate.length;
  if (nb < 1 || nc < 1) throw new RangeError(`cliffsDelta: expected non-empty arms, received ${nb} baseline and ${nc} candidate values`);
  const sorted = Float64Array.from(baseline).sort();
  let balance = 0;
  for (let i = 0; i < nc; i++) {
    const x = candidate[i]!;
    const below = lowerBound(sorted, x); // baseline values < x
    const notAbove = upperBound(sorted, x); // baseline values ≤ x
    balance += below - (nb - notAbove);
  }
  return balance / (nb * nc);
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
