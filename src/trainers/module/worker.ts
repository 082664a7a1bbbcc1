/** Worker entry of the `module` adapter: imports the user's module and calls its training function. */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from '../worker-host.js';
import type { ModuleJob } from './index.js';
import { reportProblem } from './report-shape.js';

/** What the user's training function receives. */
export interface ModuleTrainerInput {
  seed: number;
  params: Record<string, unknown>;
  runDir: string;
  metricsFile: string;
  /** Streams a progress point (a learning curve). */
  report(step: number, values: Record<string, number>): void;
  /** Keeps a link with the run (e.g. a W&B run URL). */
  link(url: string): void;
}

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

async function main(job: ModuleJob): Promise<void> {
  const loaded = (await import(job.moduleUrl)) as Record<string, unknown>;
  const train = loaded[job.exportName];
  if (typeof train !== 'function') {
    const exported = Object.keys(loaded).join(', ') || 'nothing';
    throw new Error(`${job.moduleUrl} has no function export "${job.exportName}" (it exports: ${exported})`);
  }
  const links: string[] = [];
  const input: ModuleTrainerInput = {
    seed: job.seed,
    params: job.params,
    runDir: job.runDir,
    metricsFile: job.metricsFile,
    report: (...args: unknown[]) => {
      const problem = reportProblem(args);
      if (problem) {
        // The run fails with this reason even when the training function catches the error.
        post({ type: 'error', message: problem });
        throw new TypeError(problem);
      }
      post({ type: 'progress', point: { step: args[0] as number, values: args[1] as Record<string, number> } });
    },
    link: (url) => void links.push(url),
  };
  const returned: unknown = await train(input);
  if (returned === null || typeof returned !== 'object' || Array.isArray(returned)) {
    post({
      type: 'done',
      outcome: { status: 'invalid', reason: `${job.exportName}() must return an object of final metrics, returned ${JSON.stringify(returned)}`, metrics: {}, links },
    });
    return;
  }
  post({ type: 'done', outcome: { metrics: returned as Record<string, unknown>, links } });
}

main((workerData as { job: ModuleJob }).job).catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', message: err.message, stack: err.stack });
});
