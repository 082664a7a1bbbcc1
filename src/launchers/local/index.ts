/**
 * The local launcher: runs an arm's seeds on this machine, at most `concurrency` at a time,
 * and yields each record as soon as its run ends (not in seed order).
 */
import { executeRun } from '../../runner/execute-run.js';
import type { ArmPlan, Launcher, LaunchOptions, RunRecord } from '../../runner/types.js';

export interface LocalLauncherOptions {
  /** Extra attempts for runs that failed for infrastructure reasons. */
  retries?: number;
}

export function createLocalLauncher(settings: LocalLauncherOptions = {}): Launcher {
  return {
    name: 'local',
    launch: (plan, options) => launchLocally(plan, options, settings.retries ?? 0),
  };
}

async function* launchLocally(plan: ArmPlan, options: LaunchOptions, retries: number): AsyncGenerator<RunRecord> {
  const waiting = [...plan.seeds];
  const inFlight = new Map<number, Promise<{ seed: number; record: RunRecord }>>();
  const mayLaunch = () => !options.signal.aborted && !options.stopLaunching?.aborted;

  while (waiting.length > 0 || inFlight.size > 0) {
    while (mayLaunch() && inFlight.size < options.concurrency && waiting.length > 0) {
      const seed = waiting.shift()!;
      options.onStart?.(seed);
      inFlight.set(seed, runWithRetries(plan, seed, options, retries).then((record) => ({ seed, record })));
    }
    if (inFlight.size === 0) return; // stopped: the seeds still waiting are not launched
    const { seed, record } = await Promise.race(inFlight.values());
    inFlight.delete(seed);
    yield record;
  }
}

/** Runs one seed, again while it fails for infrastructure reasons and attempts remain. */
async function runWithRetries(plan: ArmPlan, seed: number, options: LaunchOptions, retries: number): Promise<RunRecord> {
  for (let attempt = 1; ; attempt++) {
    const { retryable, ...record } = await executeRun(plan, seed, {
      signal: options.signal,
      attempt,
      onProgress: (point) => options.onProgress?.(seed, point),
    });
    if (!retryable || attempt > retries || options.signal.aborted) return record;
  }
}
