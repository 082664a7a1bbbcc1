/** A launcher as registered (src/launchers/registry.ts): its settings are the config's `launcher.<name>` block. */
import type * as z from 'zod';
import type { PluginBase, SettingsSchema } from '../plugins/types.js';
import type { Launcher, RunnableConfig } from '../runner/types.js';

/** What a launcher reads besides its own settings block. */
interface LauncherContext {
  /** The config's `runner` block: retries, GPU slots. */
  runner: RunnableConfig['runner'];
  /** mlreg's environment (documented overrides such as `MLREG_SLURM_POLL_MS`). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface LauncherPlugin<Schema extends SettingsSchema = SettingsSchema> extends PluginBase<Schema> {
  /** Creates the launcher for one config's arms; may load its code lazily. */
  create(settings: z.output<Schema>, context: LauncherContext): Promise<Launcher>;
}

/** Declares a launcher plugin, inferring its settings' type from its schema. */
export function defineLauncher<const Name extends string, Schema extends SettingsSchema>(plugin: LauncherPlugin<Schema> & { name: Name }): LauncherPlugin<Schema> & { name: Name } {
  return plugin;
}
