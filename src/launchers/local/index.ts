/**
 * The local launcher: runs an arm's seeds on this machine, at most `concurrency` trainers at a
 * time (and, with GPU slots, at most `runsPerGpu` on one device), and yields each record as soon
 * as it is stored (not in seed order).
 */
import { setMaxListeners } from 'node:events';
import { InfrastructureError } from '../../errors.js';
import { executeRun, type ExecuteOptions } from '../../runner/execute-run.js';
import { GpuSlots } from '../../runner/gpus.js';
import type { ArmPlan, Launcher, LaunchOptions } from '../../runner/types.js';
import type { LaunchPreview } from '../../model/run-preview.js';
import type { RunRecord } from '../../model/run-record.js';
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
    preview: (plan, options) => previewLocally(plan, options.concurrency, settings),
  };
}

/** How the arm's seeds would run here: how many at a time, and on which GPUs. */
function previewLocally(plan: ArmPlan, concurrency: number, settings: LocalLauncherOptions): LaunchPreview {
  const gpus = settings.gpus && settings.gpus.length > 0 ? settings.gpus : undefined;
  const perGpu = settings.runsPerGpu ?? 1;
  const limit = gpus ? Math.min(concurrency, gpus.length * perGpu) : concurrency;
  const where = gpus ? `, on GPUs ${gpus.join(', ')} (${perGpu} per GPU)` : '';
  return { summary: `${plan.seeds.length} runs on this machine, at most ${limit} at a time${where}`, commands: [], files: [] };
}

/**
 * Keeps up to `concurrency` seeds running; a slot is free again once its run's record is stored.
 * When mlreg itself cannot run or store a run (its directory, its record), that is the
 * launcher's fault, not the run's: the runs in flight are cancelled and the error is thrown, so
 * no run is recorded as failed for it.
 */
async function* launchLocally(plan: ArmPlan, options: LaunchOptions, settings: LocalLauncherOptions): AsyncGenerator<RunRecord> {
  const waiting = [...plan.seeds];
  const finished: RunRecord[] = [];
  const gpus = settings.gpus && settings.gpus.length > 0 ? new GpuSlots(settings.gpus, settings.runsPerGpu ?? 1) : undefined;
  const limit = gpus ? Math.min(options.concurrency, gpus.capacity) : options.concurrency;
  const runs = runsSignal(options);
  let fault: unknown;
  let running = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const mayLaunch = () => fault === undefined && !runs.signal.aborted && !options.stopLaunching?.aborted;
  const stopListening = listenForStop(options, notify);

  try {
    while (true) {
      // Records first, so that a run's end is reported before the start of the one taking its slot.
      while (finished.length > 0) yield finished.shift()!;
      while (mayLaunch() && running < limit && waiting.length > 0) {
        const seed = waiting.shift()!;
        const gpu = gpus?.take();
        const release = () => {
          if (gpu !== undefined) gpus!.release(gpu);
          running--;
        };
        running++;
        options.onStart?.(seed);
        runWithRetries(plan, seed, { ...options, signal: runs.signal }, settings, gpu).then(
          (record) => {
            release();
            finished.push(record);
            notify();
          },
          (error: unknown) => {
            release();
            fault ??= error;
            runs.abort();
            notify();
          },
        );
      }
      if (finished.length > 0) continue;
      if (running === 0 && fault !== undefined) throw fault;
      // Stopped with seeds still waiting: they are not launched; the runs in flight end first.
      if (running === 0 && (waiting.length === 0 || !mayLaunch())) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopListening();
    runs.dispose();
  }
}

/**
 * The signal the arm's runs listen to: aborted with the caller's, or when the launcher fails.
 * Each run in flight listens to it (the adapter, its process), so its listeners number the
 * concurrency, not a leak: Node's warning at 10 is lifted for it alone.
 */
function runsSignal(options: LaunchOptions): { signal: AbortSignal; abort(): void; dispose(): void } {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const abort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) abort();
  else options.signal.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => options.signal.removeEventListener('abort', abort),
  };
}

/** Runs one seed, again while it fails for infrastructure reasons and attempts remain. */
async function runWithRetries(plan: ArmPlan, seed: number, options: LaunchOptions, settings: LocalLauncherOptions, gpu: string | undefined): Promise<RunRecord> {
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
    let outcome: Awaited<ReturnType<typeof executeRun>>;
    try {
      outcome = await execute(plan, seed, executeOptions);
    } catch (error) {
      if (last || options.signal.aborted) throw launcherFault(plan, seed, attempt, error);
      continue;
    }
    const { retryable, ...record } = outcome;
    if (!retryable || last || options.signal.aborted) return record;
  }
}

/** mlreg could not create a run's directory or store its record (disk full, permissions): not the run's failure. */
function launcherFault(plan: ArmPlan, seed: number, attempts: number, error: unknown): InfrastructureError {
  const tries = attempts === 1 ? '' : ` (${attempts} attempts)`;
  return new InfrastructureError(
    `mlreg could not run or store seed ${seed} of ${plan.config.name} in ${plan.armDir}${tries}: ${(error as Error).message}. ` +
      'No run was recorded for it; the runs in flight were cancelled. Fix the cause, then run the same command with --resume.',
    { cause: error },
  );
}

/** Wakes the launch loop when it is told to stop, so it notices without waiting for a run to end. */
function listenForStop(options: LaunchOptions, notify: () => void): () => void {
  const signals = [options.signal, options.stopLaunching].filter((signal): signal is AbortSignal => signal !== undefined);
  for (const signal of signals) signal.addEventListener('abort', notify);
  return () => {
    for (const signal of signals) signal.removeEventListener('abort', notify);
  };
}
