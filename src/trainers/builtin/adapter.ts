/**
 * The `builtin` trainer adapter: runs the built-in training in a worker thread, so several runs
 * use several cores and a run can be stopped (cancellation, timeout) by terminating its worker.
 */
import { writeFile } from 'node:fs/promises';
import type { RunContext, TrainerOutcome } from '../types.js';
import { moduleEntry } from '../../package-files.js';
import { runInWorker } from '../worker-host.js';
import { BuiltinParamsError, parseBuiltinParams, type BuiltinParams } from './params.js';
import type { BuiltinJob } from './worker.js';

const workerEntry = moduleEntry('trainers/builtin/worker');

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

  const job: BuiltinJob = { params, seed: ctx.seed };
  const outcome = await runInWorker(workerEntry, job, ctx);
  if (outcome.status === undefined) await writeFile(ctx.metricsFile, `${JSON.stringify(outcome.metrics, null, 2)}\n`);
  return outcome;
}
