/**
 * Worker-thread entry of the built-in trainer: trains one run with the `workerData` it was
 * started with (params already validated by the parent) and posts progress points and the
 * final metrics to the parent thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MetricPoint } from '../types.js';
import type { Metrics } from './evaluate.js';
import { fitClassifier } from './fit.js';
import type { BuiltinParams } from './params.js';

export interface WorkerInput {
  params: BuiltinParams;
  seed: number;
}

export type WorkerMessage =
  | { type: 'progress'; point: MetricPoint }
  | { type: 'done'; metrics: Metrics }
  | { type: 'error'; message: string };

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

const input = workerData as WorkerInput;
try {
  const { metrics } = fitClassifier(input.params, input.seed, (point) => post({ type: 'progress', point }));
  post({ type: 'done', metrics });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
