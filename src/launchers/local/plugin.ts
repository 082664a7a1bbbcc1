/** The `local` launcher's entry in the registry: no settings of its own; `runner.gpus` and `runner.retries` shape it. */
import { localLauncherDeclaration } from '../../plugins/launchers.js';
import { resolveGpus } from '../../runner/gpus.js';
import { defineLauncher } from '../types.js';

export const localLauncher = defineLauncher({
  ...localLauncherDeclaration,
  async create(_settings, { runner }) {
    const gpus = resolveGpus(runner?.gpus);
    return (await import('./index.js')).createLocalLauncher({
      retries: runner?.retries ?? 0,
      ...(gpus ? { gpus, runsPerGpu: runner?.runs_per_gpu ?? 1 } : {}),
    });
  },
});
