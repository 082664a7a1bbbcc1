/**
 * The learning curves of a run document in a few rows, for text reports: per metric with curves
 * in both arms, the baseline band and the candidate's mean at 10%, 25%, 50% and 100% of the
 * baseline's training (the band's steps nearest to them).
 */
import { curveBand, type StepBand } from '../curves/index.js';
import type { RunDocument } from '../model/run-document.js';

export interface CurveRow {
  metric: string;
  step: number;
  baseline: StepBand;
  candidate: StepBand | undefined;
  /** The step where the curves stopped the candidate's runs for this metric. */
  stoppedHere: boolean;
}

const FRACTIONS = [0.1, 0.25, 0.5, 1];

/** Rows of every compared metric whose baseline and candidate both have curves. */
export function curveRows(doc: RunDocument): CurveRow[] {
  const rows: CurveRow[] = [];
  for (const comparison of doc.comparisons) {
    const baselineRuns = doc.baseline.curves?.[comparison.metric] ?? [];
    const candidateRuns = doc.candidate.curves?.[comparison.metric] ?? [];
    if (baselineRuns.length === 0 || candidateRuns.length === 0) continue;
    const baseline = curveBand(baselineRuns);
    const candidate = curveBand(candidateRuns);
    const last = baseline.at(-1)!.step;
    const steps = new Set(FRACTIONS.map((fraction) => nearest(baseline, fraction * last).step));
    if (comparison.checkpoint) steps.add(comparison.checkpoint.step);
    for (const step of [...steps].sort((a, b) => a - b)) {
      rows.push({
        metric: comparison.metric,
        step,
        baseline: nearest(baseline, step),
        candidate: candidate.find((band) => band.step === step),
        stoppedHere: comparison.checkpoint?.step === step,
      });
    }
  }
  return rows;
}

function nearest(band: StepBand[], step: number): StepBand {
  return band.reduce((best, entry) => (Math.abs(entry.step - step) < Math.abs(best.step - step) ? entry : best));
}
