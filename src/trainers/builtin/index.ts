/** The built-in example trainer: a small classifier trained in-process on a fixed synthetic data set. */
export { runBuiltin } from './adapter.js';
export { builtinTrainer } from './plugin.js';
export { trainBuiltin, type BuiltinResult } from './train.js';
export type { Metrics as BuiltinMetrics } from './evaluate.js';
export {
  builtinParamsSchema,
  parseBuiltinParams,
  validateBuiltinParams,
  BuiltinParamsError,
  type BuiltinParams,
  type ParamIssue,
} from './params.js';
export { frechetDistance, frechetDistanceOfSamples, sampleMoments, type Moments, type SampleMatrix } from './frechet.js';
