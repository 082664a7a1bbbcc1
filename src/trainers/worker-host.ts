/**
 * Runs a training function in a worker thread, so in-process trainers (builtin, module) use
 * every core, and a timeout or cancellation can stop a run that never yields (Worker.terminate).
 *
 * Worker protocol: the worker receives `workerData.job`, posts `{ type: 'progress', point }`
 * messages while it trains, and ends with `{ type: 'done', outcome }` or `{ type: 'error', message, stack }`.
 */
import { Worker } from 'node:worker_threads';
import { withoutWithheld } from '../secrets/index.js';
import type { MetricPoint, RunContext, TrainerOutcome } from './types.js';

export type WorkerMessage = { type: 'progress'; point: MetricPoint } | { type: 'done'; outcome: TrainerOutcome } | { type: 'error'; message: string; stack?: string | undefined };

/** Starts `entry` (a module URL) in a worker with `job`, and settles with the run's outcome. */
export function runInWorker(entry: URL, job: unknown, ctx: RunContext): Promise<TrainerOutcome> {
  if (ctx.signal.aborted) return Promise.resolve({ status: 'cancelled', reason: 'cancelled before it started', metrics: {} });
  const worker = startWorker(entry, job);
  const curves: NonNullable<TrainerOutcome['curves']> = {};
  return new Promise<TrainerOutcome>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: TrainerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve({ ...outcome, curves: outcome.curves ?? curves });
    };
    const onAbort = () => finish({ status: 'cancelled', reason: 'cancelled before it finished', metrics: {} });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (ctx.timeoutMs) timer = setTimeout(() => finish({ status: 'timeout', reason: `exceeded the ${ctx.timeoutMs! / 1000} s timeout; stopped`, metrics: {} }), ctx.timeoutMs);

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        for (const [metric, value] of Object.entries(message.point.values)) {
          (curves[metric] ??= []).push({ step: message.point.step, value });
        }
        ctx.onProgress?.(message.point);
      } else if (message.type === 'done') {
        finish(message.outcome);
      } else {
        finish({ status: 'failed', reason: `trainer threw: ${describeThrown(message.message, message.stack)}`, metrics: {} });
      }
    });
    worker.on('error', (error) => {
      finish({ status: 'failed', reason: `trainer crashed: ${describeThrown(error.message, error.stack)}`, metrics: {} });
    });
    worker.on('exit', (code) => {
      finish({ status: 'failed', reason: `trainer thread exited with code ${code} before reporting metrics`, metrics: {} });
    });
  });
}

/** The error's message and the top of its stack, where the trainer's own frames are. */
function describeThrown(message: string, stack: string | undefined): string {
  const frames = (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, STACK_FRAMES_KEPT);
  return frames.length > 0 ? `${message}\n${frames.join('\n')}` : message;
}

const STACK_FRAMES_KEPT = 5;

function startWorker(entry: URL, job: unknown): Worker {
  // A worker's process.env is its own copy, without mlreg's notification secrets.
  const env = withoutWithheld(process.env);
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), { workerData: { entry: entry.href, job }, env });
  }
  return new Worker(entry, { workerData: { job }, env });
}
