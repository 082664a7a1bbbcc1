/**
 * The `module` adapter: a JS module exporting a training function,
 * `export async function train({ seed, params, runDir, report, link }) { …; return { fid: 31.2 } }`.
 * It runs in a worker thread so runs go in parallel and a timeout can stop it.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunContext, TrainerAdapter } from '../types.js';
import { moduleEntry } from '../../package-files.js';
import { runInWorker } from '../worker-host.js';

export interface ModuleTrainerSettings {
  module: string;
  export?: string;
}

export interface ModuleJob {
  moduleUrl: string;
  exportName: string;
  seed: number;
  params: Record<string, unknown>;
  runDir: string;
  metricsFile: string;
}

const workerEntry = moduleEntry('trainers/module/worker');

export const moduleAdapter: TrainerAdapter = {
  name: 'module',
  run(ctx: RunContext) {
    const settings = ctx.trainer as unknown as ModuleTrainerSettings;
    const path = isAbsolute(settings.module) ? settings.module : resolve(settings.module);
    const job: ModuleJob = {
      moduleUrl: pathToFileURL(path).href,
      exportName: settings.export ?? 'train',
      seed: ctx.seed,
      params: ctx.params,
      runDir: ctx.runDir,
      metricsFile: ctx.metricsFile,
    };
    return runInWorker(workerEntry, job, ctx);
  },
};
