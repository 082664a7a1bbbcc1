/** The built-in example trainer: a small classifier trained in-process on a fixed synthetic data set. */
export { trainBuiltin } from './train.js';
export type { Metrics as BuiltinMetrics } from './evaluate.js';
export { parseBuiltinParams } from './params.js';
