/** Runs one arm of an invocation with the config's launcher, reporting to the observer. */
import { protectNotifierSecrets } from '../../plugins/notifiers.js';
import { protectConfigSecrets } from '../../secrets/index.js';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { LoadedConfig } from '../../config/index.js';
import { loadLauncher } from '../../launchers/registry.js';
import { resolveGpus } from '../../runner/gpus.js';
import { runArm } from '../../runner/run-arm.js';
import type { ArmPlan, RunnableConfig } from '../../runner/types.js';
import type { RunRecord } from '../../model/run-record.js';
import type { ArmWatch } from '../../runner/fail-fast.js';
import type { RunObserver } from '../../runner/observer.js';
import type { MetricPoint } from '../../trainers/types.js';

export interface ArmExecution {
  arm: string;
  loaded: LoadedConfig;
  seeds: number[];
  invocationDir: string;
  concurrency?: number | undefined;
  signal: AbortSignal;
  stopLaunching?: AbortSignal | undefined;
  observer?: RunObserver | undefined;
  /** Sees every record as it arrives (sequential decisions). */
  onRecord?: ((record: RunRecord) => void) | undefined;
  /** Sees every point a run streams while it trains (learning-curve decisions). */
  onProgress?: ((seed: number, point: MetricPoint) => void) | undefined;
  /**
   * Fail-fast rules: a finding stops launching; one that ends the command (all but a certain
   * crash-rate regression, whose runs in flight still report) also cancels the runs in flight.
   * The caller reads `watch.finding`.
   */
  watch?: ArmWatch | undefined;
}

/** What the runner needs of a loaded config. */
export function runnableConfig(loaded: LoadedConfig): RunnableConfig {
  const { config } = loaded;
  return {
    name: config.name,
    file: loaded.file,
    group: loaded.group,
    fingerprint: loaded.fingerprint,
    tags: config.tags,
    trainer: config.trainer as RunnableConfig['trainer'],
    params: config.params,
    metrics: config.metrics,
    runner: config.runner,
    launcher: config.launcher as RunnableConfig['launcher'],
  };
}

/**
 * The concurrency to use: the flag, else the config (on Slurm `launcher.slurm.max_parallel`
 * first), else the number of cores on this machine (with GPU slots, the number of slots) — or,
 * on a cluster, every seed at once (the cluster's scheduler is the limit, not this machine).
 */
export function resolveConcurrency(loaded: LoadedConfig, flag?: number, seeds?: number): number {
  const { runner, launcher } = loaded.config;
  const throttle = launcher.type === 'slurm' ? launcher.slurm?.max_parallel : undefined;
  return flag ?? throttle ?? runner.concurrency ?? defaultConcurrency(loaded, seeds);
}

function defaultConcurrency(loaded: LoadedConfig, seeds?: number): number {
  const { runner, launcher } = loaded.config;
  if (launcher.type !== 'local') return Math.max(1, seeds ?? 1);
  const gpus = resolveGpus(runner.gpus);
  return gpus ? gpus.length * (runner.runs_per_gpu ?? 1) : availableParallelism();
}

/** Runs the arm's missing seeds and returns all its records in seed order. */
export async function executeArm(execution: ArmExecution): Promise<RunRecord[]> {
  // The config's webhook variable and trainer.env secrets are known before any trainer starts.
  protectConfigSecrets(execution.loaded.config);
  protectNotifierSecrets(execution.loaded.config.notify);
  const config = runnableConfig(execution.loaded);
  const plan: ArmPlan = {
    arm: execution.arm,
    config,
    seeds: execution.seeds,
    armDir: join(execution.invocationDir, execution.arm),
  };
  const launcher = await loadLauncher(config);
  const { observer, arm } = execution;
  const { watch } = execution;
  const halted = new AbortController();
  const cancelled = new AbortController();
  observer?.onArmStart?.(arm, config.name, plan.seeds);
  const records = await runArm(plan, launcher, {
    concurrency: resolveConcurrency(execution.loaded, execution.concurrency, execution.seeds.length),
    signal: watch ? AbortSignal.any([execution.signal, cancelled.signal]) : execution.signal,
    stopLaunching: watch ? AbortSignal.any([execution.stopLaunching ?? halted.signal, halted.signal]) : execution.stopLaunching,
    onStart: (seed) => observer?.onRunStart?.(arm, seed),
    onProgress: (seed, point) => {
      observer?.onRunProgress?.(arm, seed, point);
      execution.onProgress?.(seed, point);
    },
    onRecord: (record, resumed) => {
      observer?.onRunEnd?.(arm, record, resumed);
      execution.onRecord?.(record);
      const finding = watch?.add(record);
      if (finding) {
        halted.abort();
        if (finding.kind !== 'crash-rate-certain') cancelled.abort();
      }
    },
  });
  observer?.onArmEnd?.(arm, records);
  return records;
}
