/**
 * The curve-level checks a config asks for (`metrics.<name>.curve`): per run, the mean over
 * training (`<name>.auc`) and the steps to reach a value (`<name>.steps_to`), as samples that
 * the verdict engine compares like final values. Both arms are measured on curves thinned as a
 * baseline file stores them, so both use the same ruler.
 */
import type { LoadedConfig } from '../../config/index.js';
import { meanOverTraining, stepsToReach, thinCurve, type CurvePoint } from '../../curves/index.js';
import type { Direction } from '../../model/direction.js';

export interface CurveCheck {
  /** `<metric>.auc` or `<metric>.steps_to`. */
  metric: string;
  direction: Direction;
  rope?: number | { relative: number };
  alpha: number;
  gate: boolean;
  baseline: number[];
  candidate: number[];
}

/** The checks of every metric with a `curve` block, from each arm's curves of that metric (successful runs). */
export function curveChecks(candidate: LoadedConfig, baselineCurves: (metric: string) => CurvePoint[][], candidateCurves: (metric: string) => CurvePoint[][]): CurveCheck[] {
  const checks: CurveCheck[] = [];
  for (const [metric, spec] of Object.entries(candidate.config.metrics)) {
    if (!spec.curve) continue;
    const arms = [baselineCurves(metric), candidateCurves(metric)].map((curves) => curves.map((curve) => thinCurve(curve)));
    const values = (summary: (curve: CurvePoint[]) => number | undefined) =>
      arms.map((curves) => curves.map(summary).filter((value): value is number => value !== undefined && Number.isFinite(value)));
    if (spec.curve.auc) {
      const [baseline, candidateValues] = values(meanOverTraining);
      checks.push({
        metric: `${metric}.auc`,
        direction: spec.direction,
        ...(spec.rope === undefined ? {} : { rope: spec.rope }),
        alpha: spec.alpha,
        gate: spec.gate,
        baseline: baseline!,
        candidate: candidateValues!,
      });
    }
    const threshold = spec.curve.steps_to;
    if (threshold !== undefined) {
      const [baseline, candidateValues] = values((curve) => stepsToReach(curve, threshold, spec.direction));
      checks.push({ metric: `${metric}.steps_to`, direction: 'lower', alpha: spec.alpha, gate: spec.gate, baseline: baseline!, candidate: candidateValues! });
    }
  }
  return checks;
}
