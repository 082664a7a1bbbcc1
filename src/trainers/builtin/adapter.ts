/**
 * The `builtin` trainer adapter: runs `trainBuiltin` in a worker thread, so several runs use
 * several cores and a run can be stopped (cancellation, timeout) by terminating its worker.
 */
import { writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { RunContext, TrainerAdapter, TrainerOutcome } from '../types.js';
import { BuiltinParamsError, parseBuiltinParams, type BuiltinParams } from './params.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

export const builtinAdapter: TrainerAdapter = {
  name: 'builtin',
  run: runBuiltin,
};

/**
 * Trains one run of the built-in example trainer for `ctx.seed` and `ctx.params`. Progress
 * points go to `ctx.onProgress` and into `curves`; the final metrics are also written to
 * `ctx.metricsFile`. Invalid params give status `failed` with every bad key named; an aborted
 * `ctx.signal` gives `cancelled` and an expired `ctx.timeoutMs` gives `timeout`, each keeping
 * the curves streamed so far.
 */
export async function runBuiltin(ctx: RunContext): Promise<TrainerOutcome> {
  let params: BuiltinParams;
  try {
    params = parseBuiltinParams(ctx.params);
  } catch (error) {
    if (error instanceof BuiltinParamsError) return { status: 'failed', reason: error.message, metrics: {} };
    throw error;
  }
  if (ctx.signal.aborted) return { status: 'cancelled', reason: 'cancelled before the run started', metrics: {} };

  const outcome = await trainInWorker(ctx, { params, seed: ctx.seed });
  if (outcome.status === undefined) await writeFile(ctx.metricsFile, `${JSON.stringify(outcome.metrics, null, 2)}\n`);
  return outcome;
}

function trainInWorker(ctx: RunContext, input: WorkerInput): Promise<TrainerOutcome> {
  const curves: NonNullable<TrainerOutcome['curves']> = {};
  const worker = startWorker(input);

  return new Promise<TrainerOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: Omit<TrainerOutcome, 'curves'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve({ ...outcome, curves });
    };
    const onAbort = (): void => settle({ status: 'cancelled', reason: 'cancelled while training', metrics: {} });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const timer =
      ctx.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => settle({ status: 'timeout', reason: `timed out after ${ctx.timeoutMs} ms (trainer.timeout)`, metrics: {} }),
            ctx.timeoutMs,
          );

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        for (const [name, value] of Object.entries(message.point.values)) {
          (curves[name] ??= []).push({ step: message.point.step, value });
        }
        ctx.onProgress?.(message.point);
      } else if (message.type === 'done') {
        settle({ metrics: { ...message.metrics } });
      } else {
        settle({ status: 'failed', reason: `builtin trainer failed: ${message.message}`, metrics: {} });
      }
    });
    worker.on('error', (error) => settle({ status: 'failed', reason: `builtin trainer worker crashed: ${error.message}`, metrics: {} }));
    worker.on('exit', (code) =>
      settle({ status: 'failed', reason: `builtin trainer worker exited with code ${code} before reporting metrics`, metrics: {} }),
    );
  });
}

/**
 * Starts the worker next to this module. Compiled (dist/*.js) it is plain `worker.js`. Run from
 * the TypeScript sources (vitest, tsx), Node cannot load `worker.ts` by itself and a worker does
 * not inherit the parent's loader, so the worker first registers tsx's loader, then imports it.
 */
function startWorker(input: WorkerInput): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData: input });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}
