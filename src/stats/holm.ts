/**
 * Holm's step-down adjusted p-values, controlling the family-wise error rate:
 * p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎) for ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, returned in input order.
 * Matches R's `p.adjust(p, "holm")`. Source: Holm (1979), Scand. J. Statist. 6:65–70.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
