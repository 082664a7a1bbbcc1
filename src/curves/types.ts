/** Learning curves as data: the (step, value) points a trainer streamed for one metric of one run. */

export interface CurvePoint {
  step: number;
  value: number;
}

/** One run's curves: metric → points in step order. */
export type RunCurves = Record<string, CurvePoint[]>;
