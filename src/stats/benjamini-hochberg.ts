/**
 * Benjamini–Hochberg adjusted p-values (q-values), controlling the false discovery rate:
 * p̃₍ᵢ₎ = min_{j ≥ i} min(1, m/j · p₍ⱼ₎), returned in input order.
 * Matches R's `p.adjust(p, "BH")` and `scipy.stats.false_discovery_control(p, method='bh')`.
 * Source: Benjamini & Hochberg (1995), JRSS B 57:289–300.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[j]! - pValues[i]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((index, position) => {
    const rank = m - position; // 1-based rank in ascending order
    running = Math.min(running, Math.min(1, (m / rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
