/** The `slurm` launcher's entry in the registry: its settings are `launcher.slurm`; the launcher loads when first created. */
import { slurmLauncherDeclaration } from '../../plugins/launchers.js';
import { defineLauncher } from '../types.js';

export const slurmLauncher = defineLauncher({
  ...slurmLauncherDeclaration,
  async create(settings, { runner, env }) {
    const { createSlurmLauncher, pollIntervalFromEnv } = await import('./index.js');
    const configured = settings.poll_interval === undefined ? undefined : settings.poll_interval * 1000;
    return createSlurmLauncher({
      retries: runner?.retries ?? 0,
      job: settings,
      pollIntervalMs: pollIntervalFromEnv(env, configured),
      ...(settings.unreachable_timeout === undefined ? {} : { unreachableMs: settings.unreachable_timeout * 1000 }),
    });
  },
});
