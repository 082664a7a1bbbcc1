/** The environment of one command-trainer run under the trainer protocol (PRODUCT.md). */
import { deviceEnvironment } from './device-environment.js';
import { withoutWithheld } from '../../secrets/index.js';
import type { RunContext } from '../types.js';

/** Snapshots of `process.env`, one per trainer settings object, i.e. per arm of an invocation. */
const snapshots = new WeakMap<object, Readonly<Record<string, string | undefined>>>();

/**
 * mlreg's own environment for the runs of one arm, copied from `process.env` at the arm's first
 * run, without mlreg's notification secrets (see src/secrets). Copying `process.env` goes through a native accessor per variable, which was a visible
 * share of the per-run cost with hundreds of short runs; a plain object copies cheaply.
 */
export function environmentSnapshot(owner: object): Readonly<Record<string, string | undefined>> {
  let snapshot = snapshots.get(owner);
  if (!snapshot) {
    snapshot = withoutWithheld(process.env);
    snapshots.set(owner, snapshot);
  }
  return snapshot;
}

/** The protocol's variables: MLREG_* for the trainer, WANDB_* so W&B tags and groups the run by config. */
export function trainerEnvironment(ctx: RunContext): Record<string, string> {
  return {
    ...wandbEnvironment(ctx),
    MLREG_SEED: String(ctx.seed),
    MLREG_RUN_DIR: ctx.runDir,
    MLREG_METRICS_FILE: ctx.metricsFile,
    MLREG_PARAMS: paramsJson(ctx.params),
    MLREG_CONFIG_NAME: ctx.config.name,
    ...(ctx.resumedAfter === undefined ? {} : { MLREG_RESUMED_AFTER: ctx.resumedAfter }),
  };
}

const paramsJsonCache = new WeakMap<object, string>();

/** `params` as JSON, serialised once per params object (every seed of an arm shares it). */
function paramsJson(params: Record<string, unknown>): string {
  let json = paramsJsonCache.get(params);
  if (json === undefined) {
    json = JSON.stringify(params);
    paramsJsonCache.set(params, json);
  }
  return json;
}

/** W&B reads these at `wandb.init()`: the run is tagged with the config's tags and name, grouped by config tree. */
function wandbEnvironment(ctx: Pick<RunContext, 'seed' | 'config'>): Record<string, string> {
  return {
    WANDB_TAGS: [...new Set([...ctx.config.tags, ctx.config.name])].join(','),
    WANDB_RUN_GROUP: ctx.config.group,
    WANDB_NAME: `${ctx.config.name}-seed${ctx.seed}`,
    WANDB_JOB_TYPE: ctx.config.jobType,
  };
}

/**
 * The full environment: mlreg's own, then the config's `trainer.env` (which may set WANDB_*
 * differently), then the MLREG_* variables, which nothing overrides: a stray MLREG_SEED in the
 * shell must not make every run train the same seed. Likewise the device variables of a run's GPU
 * slot: a CUDA_VISIBLE_DEVICES in `trainer.env` must not put every run on one device.
 */
export function commandEnvironment(ctx: RunContext, extra: Record<string, string> = {}): Record<string, string> {
  const protocol = trainerEnvironment(ctx);
  const fixed = Object.fromEntries(Object.entries(protocol).filter(([name]) => name.startsWith('MLREG_')));
  return { ...protocol, ...extra, ...fixed, ...(ctx.gpu === undefined ? {} : deviceEnvironment(ctx.gpu)) };
}
