/** Small SVG building blocks: frames, axes and paths, as strings. */
import { escapeHtml } from '../format/escape.js';
import { formatNumber } from '../format/numbers.js';
import type { LinearScale } from './scale.js';

export interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The plotting area of a frame: x from left to right, y from top to bottom. */
export function plotArea(frame: Frame): { x0: number; x1: number; y0: number; y1: number } {
  return {
    x0: frame.margin.left,
    x1: frame.width - frame.margin.right,
    y0: frame.margin.top,
    y1: frame.height - frame.margin.bottom,
  };
}

/** Wraps chart content in an `<svg>` with an accessible title. */
export function svg(frame: Frame, title: string, content: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...content,
    '</svg>',
  ].join('\n');
}

/** A horizontal axis along the bottom of the plot area, with tick labels. */
export function bottomAxis(frame: Frame, x: LinearScale, ticks: number[], label: string, format: (v: number) => string = fmt): string {
  const { x0, x1, y1 } = plotArea(frame);
  const parts = [`<line class="axis" x1="${x0}" y1="${y1}" x2="${x1}" y2="${y1}"/>`];
  for (const tick of ticks) {
    const px = r(x(tick));
    parts.push(
      `<line class="tick" x1="${px}" y1="${y1}" x2="${px}" y2="${y1 + 4}"/>`,
      `<text class="tick-label" x="${px}" y="${y1 + 16}" text-anchor="middle">${escapeHtml(format(tick))}</text>`,
    );
  }
  if (label) parts.push(`<text class="axis-label" x="${r((x0 + x1) / 2)}" y="${frame.height - 4}" text-anchor="middle">${escapeHtml(label)}</text>`);
  return parts.join('\n');
}

/** A vertical axis along the left of the plot area, with tick labels and light grid lines. */
export function leftAxis(frame: Frame, y: LinearScale, ticks: number[], label: string): string {
  const { x0, x1, y0, y1 } = plotArea(frame);
  const parts = [`<line class="axis" x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}"/>`];
  for (const tick of ticks) {
    const py = r(y(tick));
    parts.push(
      `<line class="grid" x1="${x0}" y1="${py}" x2="${x1}" y2="${py}"/>`,
      `<text class="tick-label" x="${x0 - 6}" y="${py + 4}" text-anchor="end">${escapeHtml(fmt(tick))}</text>`,
    );
  }
  if (label) parts.push(`<text class="axis-label" transform="translate(12 ${r((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text>`);
  return parts.join('\n');
}

/** An SVG path through the points, skipping non-finite ones. */
export function linePath(points: Array<[number, number]>): string {
  return points
    .filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py))
    .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${r(px)},${r(py)}`)
    .join(' ');
}

/** About how wide one character of an 11 px label is, for fitting labels into a margin. */
export const CHAR_WIDTH = 6.6;

/**
 * A label in lines of at most `maxChars` characters, broken after `-`, `_`, `.`, `/` or a space
 * where one is near, else mid-word: a long arm name wraps rather than running out of the chart.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  const width = Math.max(4, maxChars);
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const breakAt = Math.max(...['-', '_', '.', '/', ' '].map((c) => window.lastIndexOf(c)));
    const end = breakAt >= width / 2 ? breakAt + 1 : width;
    lines.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest || lines.length === 0) lines.push(rest);
  return lines;
}

/** Rounds a coordinate to 0.01 px, enough for the screen and short in the file. */
export function r(value: number): number {
  return Math.round(value * 100) / 100;
}

function fmt(value: number): string {
  return formatNumber(value, 4);
}
