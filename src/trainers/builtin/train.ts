/**
 * The built-in trainer as a plain function, for tests, benchmarks and the worker's parent.
 */
import type { MetricPoint } from '../types.js';
import { fitClassifier, type BuiltinResult } from './fit.js';
import { parseBuiltinParams } from './params.js';

export type { BuiltinResult } from './fit.js';

/**
 * Trains one run of the built-in trainer in this thread: validates `params` (filling defaults;
 * throws BuiltinParamsError naming each bad key) and fits the classifier with `seed`.
 * The same params and seed give bit-identical metrics and curves.
 */
export function trainBuiltin(params: unknown, seed: number, onProgress?: (point: MetricPoint) => void): BuiltinResult {
  return fitClassifier(parseBuiltinParams(params ?? {}), seed, onProgress);
}
