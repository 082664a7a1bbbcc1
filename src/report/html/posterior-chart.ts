/** Chart of the posterior of the difference of means with the region of practical equivalence shaded. */
import type { MetricComparison } from '../../model/comparison.js';
import { differencePosterior } from '../../stats/difference-posterior.js';
import { escapeHtml } from '../format/escape.js';
import { formatNumber } from '../format/numbers.js';
import { linearScale, niceTicks } from './scale.js';
import { bottomAxis, linePath, plotArea, r, svg, type Frame } from './svg.js';

const FRAME: Frame = { width: 560, height: 190, margin: { top: 14, right: 20, bottom: 40, left: 30 } };

/** An SVG of the posterior density of candidate − baseline mean, ROPE shaded, or a note when undefined. */
export function posteriorChart(comparison: MetricComparison, rope: number | undefined): string {
  const include = [0, ...(rope !== undefined ? [-rope, rope] : [])];
  const curve = differencePosterior(comparison.baseline, comparison.candidate, { include });
  if (!curve) return `<p class="note">No posterior: each arm needs at least two runs with some spread.</p>`;
  const { x0, x1, y0, y1 } = plotArea(FRAME);
  const lo = curve.x[0] as number;
  const hi = curve.x[curve.x.length - 1] as number;
  const x = linearScale([lo, hi], [x0, x1]);
  const y = linearScale([0, Math.max(...curve.density) * 1.08], [y1, y0]);
  const content: string[] = [];
  if (rope !== undefined && rope > 0) {
    const left = x(Math.max(lo, -rope));
    const right = x(Math.min(hi, rope));
    content.push(
      `<rect class="rope" x="${r(left)}" y="${y0}" width="${r(Math.max(0, right - left))}" height="${r(y1 - y0)}"><title>${escapeHtml(`ROPE ±${formatNumber(rope)}`)}</title></rect>`,
    );
    content.push(`<text class="rope-label" x="${r((left + right) / 2)}" y="${y1 - 6}" text-anchor="middle">ROPE ±${escapeHtml(formatNumber(rope, 3))}</text>`);
  }
  const points = curve.x.map((value, i): [number, number] => [x(value), y(curve.density[i] as number)]);
  const line = linePath(points);
  content.push(`<path class="density-fill" d="${line} L${r(x(hi))},${r(y1)} L${r(x(lo))},${r(y1)} Z"/>`);
  content.push(`<path class="density" d="${line}"/>`);
  content.push(`<line class="zero" x1="${r(x(0))}" y1="${y0}" x2="${r(x(0))}" y2="${y1}"/>`);
  const better = comparison.direction === 'lower' ? '← candidate better' : 'candidate better →';
  content.push(
    `<text class="note" x="${comparison.direction === 'lower' ? x0 + 4 : x1 - 4}" y="${y0 + 12}" text-anchor="${comparison.direction === 'lower' ? 'start' : 'end'}">${escapeHtml(better)}</text>`,
  );
  content.push(bottomAxis(FRAME, x, niceTicks(lo, hi, 6), `${comparison.metric}: candidate mean − baseline mean`));
  return svg(FRAME, `${comparison.metric}: posterior of the difference of means`, content);
}
