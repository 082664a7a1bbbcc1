/** Linear scales and axis ticks for the server-side SVG charts. */

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as LinearScale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** Round tick values (1, 2 or 5 × 10^k apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  // Each tick is a whole multiple of the step, not a running sum: summing -0.2 + 0.1 + 0.1 gives
  // -2.8e-17 where 0 belongs. Rounding to 12 digits keeps 0.30000000000000004 out of the labels.
  const last = Math.floor(max / step + 1e-9);
  for (let index = Math.ceil(min / step - 1e-9); index <= last; index++) {
    ticks.push(Number((index * step).toPrecision(12)) + 0);
  }
  return ticks;
}

/** [min, max] of the values widened by `fraction` of the span on each side (or ±1 around a single value). */
export function paddedExtent(values: number[], fraction = 0.05): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    return [min - pad, max + pad];
  }
  const pad = (max - min) * fraction;
  min -= pad;
  max += pad;
  return [min, max];
}
