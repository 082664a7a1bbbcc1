/** The history chart: a metric's earlier results over time, failed points marked, change points drawn. */
import type { HistoryPoint } from '../../model/run-document.js';
import { mean } from '../../stats/describe.js';
import { escapeHtml } from '../format/escape.js';
import { formatNumber } from '../format/numbers.js';
import { linearScale, niceTicks, paddedExtent } from './scale.js';
import { leftAxis, linePath, plotArea, r, svg, type Frame } from './svg.js';

const FRAME: Frame = { width: 760, height: 220, margin: { top: 16, right: 20, bottom: 44, left: 64 } };

/** An SVG of the series (oldest first), with each segment's mean between change points. */
export function historyChart(metric: string, points: HistoryPoint[]): string {
  if (points.length === 0) return '';
  const { x0, x1, y0, y1 } = plotArea(FRAME);
  const [lo, hi] = paddedExtent(
    points.map((p) => p.value),
    0.08,
  );
  const x = linearScale([0, Math.max(1, points.length - 1)], [x0, x1]);
  const y = linearScale([lo, hi], [y1, y0]);
  const content = [leftAxis(FRAME, y, niceTicks(lo, hi, 5), metric)];

  for (const label of dateLabels(points)) {
    // The outermost labels align to the plot's edges so they are not clipped.
    const anchor = label.index === 0 ? 'start' : label.index === points.length - 1 ? 'end' : 'middle';
    content.push(`<text class="tick-label" x="${r(x(label.index))}" y="${y1 + 16}" text-anchor="${anchor}">${escapeHtml(label.text)}</text>`);
  }
  for (const segment of segments(points)) {
    content.push(
      `<line class="segment-mean" x1="${r(x(segment.start))}" y1="${r(y(segment.mean))}" x2="${r(x(segment.end))}" y2="${r(y(segment.mean))}"><title>${escapeHtml(`segment mean ${formatNumber(segment.mean)}`)}</title></line>`,
    );
  }
  points.forEach((point, i) => {
    if (!point.changePoint) return;
    const px = r(x(i - 0.5));
    content.push(
      `<line class="change-point" x1="${px}" y1="${y0}" x2="${px}" y2="${y1}"/>`,
      `<text class="change-label" x="${px + 4}" y="${y0 + 10}">shift ${escapeHtml(point.createdAt.slice(0, 16).replace('T', ' '))}</text>`,
    );
  });
  content.push(`<path class="history-line" d="${linePath(points.map((p, i): [number, number] => [x(i), y(p.value)]))}"/>`);
  points.forEach((point, i) => {
    const title = `<title>${escapeHtml(`${point.createdAt}: ${formatNumber(point.value, 6)}${point.failed ? ' (failed)' : ''}`)}</title>`;
    content.push(
      point.failed
        ? `<path class="history-point failed" d="M${r(x(i) - 4)},${r(y(point.value) - 4)} l8,8 m0,-8 l-8,8">${title}</path>`
        : `<circle class="history-point" cx="${r(x(i))}" cy="${r(y(point.value))}" r="3">${title}</circle>`,
    );
  });
  content.push(`<text class="axis-label" x="${r((x0 + x1) / 2)}" y="${FRAME.height - 4}" text-anchor="middle">result time (UTC)</text>`);
  return svg(FRAME, `${metric}: history`, content);
}

// Segments between change points with their means, for the horizontal level lines.
function segments(points: HistoryPoint[]): Array<{ start: number; end: number; mean: number }> {
  const starts = [0, ...points.flatMap((p, i) => (p.changePoint && i > 0 ? [i] : []))];
  return starts.map((start, k) => {
    const end = (starts[k + 1] ?? points.length) - 1;
    const values = points.slice(start, end + 1).map((p) => p.value);
    return { start, end, mean: mean(values) };
  });
}

// About five evenly spaced date labels along the bottom.
function dateLabels(points: HistoryPoint[]): Array<{ index: number; text: string }> {
  const count = Math.min(5, points.length);
  const labels: Array<{ index: number; text: string }> = [];
  for (let k = 0; k < count; k++) {
    const index = count === 1 ? 0 : Math.round((k * (points.length - 1)) / (count - 1));
    labels.push({ index, text: (points[index] as HistoryPoint).createdAt.slice(5, 16).replace('T', ' ') });
  }
  return labels;
}
