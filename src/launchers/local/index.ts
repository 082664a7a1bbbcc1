/**
 * The local launcher: runs an arm's seeds on this machine, at most `concurrency` trainers at a
 * time (and, with GPU slots, at most `runsPerGpu` on one device), and yields each record as soon
 * as it is stored (not in seed order).
 */
import { executeRun, runDirOf, type ExecuteOptions } from '../../runner/execute-run.js';
import { GpuSlots } from '../../runner/gpus.js';
import type { ArmPlan, Launcher, LaunchOptions, RunRecord } from '../../runner/types.js';
import type { TrainerAdapter } from '../../trainers/types.js';

export interface LocalLauncherOptions {
  /** Extra attempts for runs that failed for infrastructure reasons (never for a trainer's own failure). */
  retries?: number;
  /** Train with this adapter instead of the one the config names (tests, embedding). */
  adapter?: TrainerAdapter;
  /** Executes one attempt of one seed; `executeRun` unless replaced (tests). */
  execute?: typeof executeRun;
  /** Device ids the runs share (`runner.gpus`, resolved); each run holds one. */
  gpus?: readonly string[];
  /** Runs one device holds at a time. Default 1. */
  runsPerGpu?: number;
}

export function createLocalLauncher(settings: LocalLauncherOptions = {}): Launcher {
  return {
    name: 'local',
    launch: (plan, options) => launchLocally(plan, options, settings),
  };
}

/** Keeps up to `concurrency` seeds running; a slot is free again once its run's record is stored. */
async function* launchLocally(plan: ArmPlan, options: LaunchOptions, settings: LocalLauncherOptions): AsyncGenerator<RunRecord> {
  const waiting = [...plan.seeds];
  const finished: RunRecord[] = [];
  const gpus = settings.gpus && settings.gpus.length > 0 ? new GpuSlots(settings.gpus, settings.runsPerGpu ?? 1) : undefined;
  const limit = gpus ? Math.min(options.concurrency, gpus.capacity) : options.concurrency;
  let running = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const mayLaunch = () => !options.signal.aborted && !options.stopLaunching?.aborted;
  const stopListening = listenForStop(options, notify);

  try {
    while (true) {
      // Records first, so that a run's end is reported before the start of the one taking its slot.
      while (finished.length > 0) yield finished.shift()!;
      while (mayLaunch() && running < limit && waiting.length > 0) {
        const seed = waiting.shift()!;
        const gpu = gpus?.take();
        running++;
        options.onStart?.(seed);
        void runWithRetries(plan, seed, options, settings, gpu).then((record) => {
          if (gpu !== undefined) gpus!.release(gpu);
          running--;
          finished.push(record);
          notify();
        });
      }
      if (finished.length > 0) continue;
      // Stopped with seeds still waiting: they are not launched; the runs in flight end first.
      if (running === 0 && (waiting.length === 0 || !mayLaunch())) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopListening();
  }
}

/** Runs one seed, again while it fails for infrastructure reasons and attempts remain. */
async function runWithRetries(
  plan: ArmPlan,
  seed: number,
  options: LaunchOptions,
  settings: LocalLauncherOptions,
  gpu: string | undefined,
): Promise<RunRecord> {
  const execute = settings.execute ?? executeRun;
  const retries = settings.retries ?? 0;
  for (let attempt = 1; ; attempt++) {
    const last = attempt > retries;
    const executeOptions: ExecuteOptions = {
      signal: options.signal,
      attempt,
      adapter: settings.adapter,
      ...(gpu === undefined ? {} : { gpu }),
      onProgress: (point) => options.onProgress?.(seed, point),
    };
    const { retryable, ...record } = await execute(plan, seed, executeOptions).catch((error: unknown) => unstoredRun(plan, seed, attempt, error, gpu));
    if (!retryable || last || options.signal.aborted) return record;
  }
}

/** The record of a run whose directory or record could not be written (disk full, permissions): an infrastructure failure. */
function unstoredRun(plan: ArmPlan, seed: number, attempt: number, error: unknown, gpu: string | undefined): RunRecord & { retryable: boolean } {
  return {
    seed,
    status: 'failed',
    reason: `mlreg could not run or store this run: ${(error as Error).message}`,
    metrics: {},
    runDir: runDirOf(plan, seed),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    attempts: attempt,
    ...(gpu === undefined ? {} : { gpu }),
    retryable: true,
  };
}

/** Wakes the launch loop when it is told to stop, so it notices without waiting for a run to end. */
function listenForStop(options: LaunchOptions, notify: () => void): () => void {
  const signals = [options.signal, options.stopLaunching].filter((signal): signal is AbortSignal => signal !== undefined);
  for (const signal of signals) signal.addEventListener('abort', notify);
  return () => {
    for (const signal of signals) signal.removeEventListener('abort', notify);
  };
}
