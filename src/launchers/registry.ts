/**
 * Launchers by name: where an arm's runs execute. Lazy, like the trainer registry.
 * A new launcher implements `Launcher` (src/runner/types.ts) and gets a line here.
 */
import { resolveGpus } from '../runner/gpus.js';
import type { Launcher, RunnableConfig } from '../runner/types.js';

const launchers: Record<string, (config: RunnableConfig) => Promise<Launcher>> = {
  local: async (config) => {
    const gpus = resolveGpus(config.runner?.gpus);
    return (await import('./local/index.js')).createLocalLauncher({
      retries: config.runner?.retries ?? 0,
      ...(gpus ? { gpus, runsPerGpu: config.runner?.runs_per_gpu ?? 1 } : {}),
    });
  },
  slurm: async (config) => (await import('./slurm/index.js')).createSlurmLauncher({ retries: config.runner?.retries ?? 0 }),
};

/** The launcher a config asks for (`launcher.type`, default `local`). */
export async function loadLauncher(config: RunnableConfig): Promise<Launcher> {
  const type = config.launcher?.type ?? 'local';
  const create = launchers[type];
  if (!create) throw new Error(`launcher.type: expected one of ${Object.keys(launchers).join(', ')}, received "${type}"`);
  return create(config);
}
