/**
 * Worker-thread entry of the built-in trainer (see ../worker-host.ts for the protocol): trains
 * one run with the job it was started with (params already validated by the parent) and posts
 * progress points and the final metrics to the parent thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from '../worker-host.js';
import { fitClassifier } from './fit.js';
import type { BuiltinParams } from './params.js';

export interface BuiltinJob {
  params: BuiltinParams;
  seed: number;
}

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

const { job } = workerData as { job: BuiltinJob };
try {
  const { metrics } = fitClassifier(job.params, job.seed, (point) => post({ type: 'progress', point }));
  post({ type: 'done', outcome: { metrics: { ...metrics } } });
} catch (error) {
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', message, stack });
}
