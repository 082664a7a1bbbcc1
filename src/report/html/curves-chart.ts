/** Learning curves: per arm, the mean over runs at each step with a min/max band. */
import { mean } from '../../stats/describe.js';
import { escapeHtml } from '../format/escape.js';
import { linearScale, niceTicks, paddedExtent } from './scale.js';
import { bottomAxis, CHAR_WIDTH, leftAxis, linePath, plotArea, r, svg, wrapLabel, type Frame } from './svg.js';

export interface CurveArm {
  name: string;
  className: 'baseline' | 'candidate';
  /** One series per run, points in step order. */
  runs: Array<Array<{ step: number; value: number }>>;
}

/** Per step: the mean, minimum and maximum of the runs that reported that step. */
export interface StepBand {
  step: number;
  mean: number;
  min: number;
  max: number;
}

// The legend sits in the top margin, above the plot, where it cannot cover a curve.
const FRAME: Frame = { width: 560, height: 236, margin: { top: 30, right: 20, bottom: 40, left: 64 } };

/** Aggregates runs' curves into one band per step (steps sorted, non-finite values skipped). */
export function aggregateCurves(runs: CurveArm['runs']): StepBand[] {
  const byStep = new Map<number, number[]>();
  for (const run of runs) {
    for (const point of run) {
      if (!Number.isFinite(point.value) || !Number.isFinite(point.step)) continue;
      const values = byStep.get(point.step) ?? [];
      values.push(point.value);
      byStep.set(point.step, values);
    }
  }
  return [...byStep.entries()].sort(([a], [b]) => a - b).map(([step, values]) => ({ step, mean: mean(values), min: Math.min(...values), max: Math.max(...values) }));
}

/** A vertical line at a step: where the learning-curve rule stopped the runs. */
export interface StepMarker {
  step: number;
  label: string;
}

/** An SVG of both arms' learning curves for one metric, or '' when no arm has a curve. */
export function curvesChart(metric: string, arms: CurveArm[], marker?: StepMarker): string {
  const bands = arms.map((arm) => ({ arm, band: aggregateCurves(arm.runs) })).filter(({ band }) => band.length > 0);
  if (bands.length === 0) return '';
  const { x0, x1, y0, y1 } = plotArea(FRAME);
  const steps = bands.flatMap(({ band }) => band.map((b) => b.step));
  const [sLo, sHi] = [Math.min(...steps), Math.max(...steps)];
  const [vLo, vHi] = paddedExtent(bands.flatMap(({ band }) => band.flatMap((b) => [b.min, b.max])));
  const x = linearScale([sLo, sHi], [x0, x1]);
  const y = linearScale([vLo, vHi], [y1, y0]);
  const content = [leftAxis(FRAME, y, niceTicks(vLo, vHi, 5), metric), bottomAxis(FRAME, x, niceTicks(sLo, sHi, 6), 'step')];
  for (const { arm, band } of bands) {
    const upper = band.map((b): [number, number] => [x(b.step), y(b.max)]);
    const lower = band.map((b): [number, number] => [x(b.step), y(b.min)]).reverse();
    content.push(`<path class="band ${arm.className}" d="${linePath([...upper, ...lower])} Z"/>`);
    content.push(
      `<path class="curve ${arm.className}" d="${linePath(band.map((b): [number, number] => [x(b.step), y(b.mean)]))}"><title>${escapeHtml(`${arm.name}: mean of ${arm.runs.length} runs, band min–max`)}</title></path>`,
    );
  }
  if (marker && marker.step >= sLo && marker.step <= sHi) {
    const mx = x(marker.step);
    content.push(`<line class="stop-marker" x1="${r(mx)}" y1="${r(y0)}" x2="${r(mx)}" y2="${r(y1)}"><title>${escapeHtml(marker.label)}</title></line>`);
  }
  // One legend row above the plot, each arm on half of it; a name too long for its half wraps.
  const half = (x1 - x0) / 2;
  bands.forEach(({ arm }, i) => {
    const lx = x0 + i * half;
    const ly = 14;
    const lines = wrapLabel(arm.name, Math.floor((half - 30) / CHAR_WIDTH));
    content.push(
      `<line class="curve ${arm.className}" x1="${r(lx)}" y1="${ly - 4}" x2="${r(lx + 18)}" y2="${ly - 4}"/>`,
      `<text class="legend" x="${r(lx + 24)}" y="${ly - (lines.length - 1) * 6}">${lines.map((line, n) => `<tspan x="${r(lx + 24)}" dy="${n === 0 ? 0 : 12}">${escapeHtml(line)}</tspan>`).join('')}</text>`,
    );
  });
  return svg(FRAME, `${metric}: learning curves, mean with min/max band`, content);
}
