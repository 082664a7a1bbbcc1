/** The per-pair differences of two paired samples, candidate minus baseline. */
export function pairedDifferences(baseline: ArrayLike<number>, candidate: ArrayLike<number>, caller: string): Float64Array {
  if (baseline.length !== candidate.length) {
    throw new RangeError(`${caller}: expected arms of equal length (one value per pair), received ${baseline.length} baseline and ${candidate.length} candidate values`);
  }
  if (baseline.length < 1) throw new RangeError(`${caller}: expected at least 1 pair, received none`);
  const differences = new Float64Array(baseline.length);
  for (let i = 0; i < baseline.length; i++) differences[i] = candidate[i]! - baseline[i]!;
  return differences;
}
