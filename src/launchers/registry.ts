/**
 * Launchers by name: where an arm's runs execute. The catalogue (src/plugins/launchers.ts) gives
 * the config's `launcher` block: `type` names one, and `launcher.<name>` holds its settings; this
 * list adds each one's `create`. To add one, implement `Launcher` (src/runner/types.ts), declare
 * it in the catalogue, define it with `defineLauncher` and add it here (docs/plugins.md).
 */
import { parseSettings } from '../plugins/settings.js';
import { pluginNamed } from '../plugins/types.js';
import type { Launcher, RunnableConfig } from '../runner/types.js';
import { localLauncher } from './local/plugin.js';
import { slurmLauncher } from './slurm/plugin.js';
import type { LauncherPlugin } from './types.js';

/** Every registered launcher; the first is the default. */
export const launcherPlugins = [localLauncher, slurmLauncher] as const satisfies readonly LauncherPlugin[];

/** The launcher a config asks for (`launcher.type`, default `local`), created with its `launcher.<type>` settings. */
export async function loadLauncher(config: RunnableConfig, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Launcher> {
  const type = config.launcher?.type ?? 'local';
  const plugin: LauncherPlugin = pluginNamed(launcherPlugins, type, 'launcher.type');
  const settings = parseSettings(plugin, `launcher.${type}`, config.launcher?.[type]);
  return plugin.create(settings, { runner: config.runner, env });
}
