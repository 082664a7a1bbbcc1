/** Learning curves: thinning for storage, reading at a step, the baseline band, and curve summaries. */
export type { CurvePoint, RunCurves } from './types.js';
export { thinCurve } from './thin.js';
export { valueAtStep, lastStep } from './align.js';
export { curveBand, type StepBand } from './band.js';
export { meanOverTraining, stepsToReach } from './summaries.js';
