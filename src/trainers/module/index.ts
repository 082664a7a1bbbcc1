/**
 * The `module` adapter: a JS module exporting a training function,
 * `export async function train({ seed, params, runDir, report, link }) { …; return { fid: 31.2 } }`.
 * It runs in a worker thread so runs go in parallel and a timeout can stop it.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunContext, TrainerOutcome } from '../types.js';
import type { ModuleTrainerSettings } from './plugin.js';
import { moduleEntry } from '../../package-files.js';
import { runInWorker } from '../worker-host.js';

export interface ModuleJob {
  moduleUrl: string;
  exportName: string;
  seed: number;
  params: Record<string, unknown>;
  runDir: string;
  metricsFile: string;
}

const workerEntry = moduleEntry('trainers/module/worker');

/** Runs one seed of the module's train function in a worker thread. */
export function runModule(settings: ModuleTrainerSettings, ctx: RunContext): Promise<TrainerOutcome> {
  const path = isAbsolute(settings.module) ? settings.module : resolve(settings.module);
  const job: ModuleJob = {
    moduleUrl: pathToFileURL(path).href,
    exportName: settings.export,
    seed: ctx.seed,
    params: ctx.params,
    runDir: ctx.runDir,
    metricsFile: ctx.metricsFile,
  };
  return runInWorker(workerEntry, job, ctx);
}
