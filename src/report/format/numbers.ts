/** Number formatting shared by every text reporter, so all formats print the same digits. */

/** Formats a value with `digits` significant digits, without exponent notation for everyday magnitudes. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    return trimZeros(value.toPrecision(digits));
  }
  return value.toExponential(Math.max(0, digits - 2));
}

/** Formats a p-value: three significant digits, and `< 0.0001` below that resolution. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p < 1e-4) return '< 0.0001';
  return trimZeros(p.toPrecision(3));
}

/** Formats `p = 0.0123`, or `p < 0.0001` below the printed resolution. */
export function formatPEquals(p: number): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** Formats a probability in [0, 1] as a percentage with one decimal, clamped to the printable ends. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p > 0.999) return '> 99.9%';
  if (p < 0.001) return '< 0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

/** Formats `mean ± sd` (sd omitted when a single value makes it undefined). */
export function formatMeanSd(mean: number, sd: number, digits = 4): string {
  if (!Number.isFinite(sd)) return formatNumber(mean, digits);
  return `${formatNumber(mean, digits)} ± ${formatNumber(sd, 2)}`;
}

/** The columns of a recorded metric's row: `mean ± sd`, min and max, or dashes without samples. */
export function formatSpread(summary: { mean: number; sd: number; min: number; max: number } | undefined): [string, string, string] {
  if (!summary) return ['–', '–', '–'];
  return [formatMeanSd(summary.mean, summary.sd), formatNumber(summary.min), formatNumber(summary.max)];
}

/** Formats a signed difference, e.g. `+2.31` or `-0.004`. */
export function formatSigned(value: number, digits = 3): string {
  const text = formatNumber(value, digits);
  return value > 0 ? `+${text}` : text;
}

/** Formats a relative change as a signed percentage of the reference, or '' when the reference is 0. */
export function formatRelative(value: number, reference: number): string {
  if (reference === 0 || !Number.isFinite(reference) || !Number.isFinite(value)) return '';
  const percent = (value / Math.abs(reference)) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

function trimZeros(text: string): string {
  if (!text.includes('.') || text.includes('e')) return text;
  return text.replace(/\.?0+$/, '');
}
