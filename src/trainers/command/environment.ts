/** The environment of one command-trainer run under the trainer protocol (PRODUCT.md). */
import type { RunContext } from '../types.js';

/** The protocol's variables: MLREG_* for the trainer, WANDB_* so W&B tags and groups the run by config. */
export function trainerEnvironment(ctx: RunContext): Record<string, string> {
  return {
    ...wandbEnvironment(ctx),
    MLREG_SEED: String(ctx.seed),
    MLREG_RUN_DIR: ctx.runDir,
    MLREG_METRICS_FILE: ctx.metricsFile,
    MLREG_PARAMS: JSON.stringify(ctx.params),
    MLREG_CONFIG_NAME: ctx.config.name,
  };
}

/** W&B reads these at `wandb.init()`: the run is tagged with the config's tags and name, grouped by config tree. */
export function wandbEnvironment(ctx: Pick<RunContext, 'seed' | 'config'>): Record<string, string> {
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
 * shell must not make every run train the same seed.
 */
export function commandEnvironment(ctx: RunContext, extra: Record<string, string> = {}): Record<string, string> {
  const protocol = trainerEnvironment(ctx);
  const fixed = Object.fromEntries(Object.entries(protocol).filter(([name]) => name.startsWith('MLREG_')));
  return { ...protocol, ...extra, ...fixed };
}
