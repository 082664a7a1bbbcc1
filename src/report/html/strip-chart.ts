/** Strip plot with a box per arm: every run's final value, the quartiles and the mean. */
import { mean, quantileOfSorted } from '../../stats/describe.js';
import { escapeHtml } from '../format/escape.js';
import { formatNumber } from '../format/numbers.js';
import { linearScale, niceTicks, paddedExtent } from './scale.js';
import { bottomAxis, CHAR_WIDTH, plotArea, r, svg, wrapLabel, type Frame } from './svg.js';

export interface StripArm {
  name: string;
  className: 'baseline' | 'candidate';
  values: number[];
}

const FRAME: Frame = { width: 560, height: 170, margin: { top: 12, right: 20, bottom: 40, left: 130 } };
/** Characters of an arm's name per line of its label; longer names wrap onto more lines, never cut. */
const LABEL_CHARS = Math.floor((FRAME.margin.left - 14) / CHAR_WIDTH);

/** An SVG strip/box plot of each arm's values of one metric. */
export function stripChart(metric: string, arms: StripArm[]): string {
  const { x0, x1, y0, y1 } = plotArea(FRAME);
  const [lo, hi] = paddedExtent(arms.flatMap((arm) => arm.values));
  const x = linearScale([lo, hi], [x0, x1]);
  const rowHeight = (y1 - y0) / Math.max(1, arms.length);
  const content: string[] = [bottomAxis(FRAME, x, niceTicks(lo, hi, 6), metric)];
  arms.forEach((arm, row) => {
    const mid = y0 + rowHeight * (row + 0.5);
    const lines = wrapLabel(arm.name, LABEL_CHARS);
    const top = mid + 4 - ((lines.length - 1) * 12) / 2;
    content.push(
      `<text class="row-label" y="${r(top)}" text-anchor="end">${lines.map((line, n) => `<tspan x="${x0 - 8}" dy="${n === 0 ? 0 : 12}">${escapeHtml(line)}</tspan>`).join('')}</text>`,
    );
    if (arm.values.length === 0) {
      content.push(`<text class="note" x="${x0 + 4}" y="${r(mid + 4)}">no values</text>`);
      return;
    }
    const sorted = [...arm.values].sort((a, b) => a - b);
    const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => quantileOfSorted(sorted, p)) as [number, number, number];
    const box = rowHeight * 0.5;
    content.push(
      `<line class="whisker ${arm.className}" x1="${r(x(sorted[0] as number))}" y1="${r(mid)}" x2="${r(x(sorted[sorted.length - 1] as number))}" y2="${r(mid)}"/>`,
      `<rect class="box ${arm.className}" x="${r(x(q1))}" y="${r(mid - box / 2)}" width="${r(Math.max(1, x(q3) - x(q1)))}" height="${r(box)}"><title>${escapeHtml(`${arm.name}: Q1 ${formatNumber(q1)}, median ${formatNumber(median)}, Q3 ${formatNumber(q3)}`)}</title></rect>`,
      `<line class="median ${arm.className}" x1="${r(x(median))}" y1="${r(mid - box / 2)}" x2="${r(x(median))}" y2="${r(mid + box / 2)}"/>`,
    );
    arm.values.forEach((value, i) => {
      const cy = mid + (jitter(i) - 0.5) * box * 0.9;
      content.push(
        `<circle class="point ${arm.className}" cx="${r(x(value))}" cy="${r(cy)}" r="3.5"><title>${escapeHtml(`${arm.name} run ${i + 1}: ${formatNumber(value, 6)}`)}</title></circle>`,
      );
    });
    const armMean = mean(arm.values);
    content.push(
      `<path class="mean ${arm.className}" d="M${r(x(armMean))},${r(mid - box / 2 - 7)} l-5,-6 h10 z"><title>${escapeHtml(`${arm.name} mean ${formatNumber(armMean, 6)}`)}</title></path>`,
    );
  });
  return svg(FRAME, `${metric}: final values per run`, content);
}

// Deterministic vertical spread of points: the golden-ratio sequence fills [0, 1) evenly.
function jitter(i: number): number {
  return (i * 0.6180339887498949 + 0.5) % 1;
}
