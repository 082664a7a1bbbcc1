/** The `slurm` launcher's entry in the registry: its settings are `launcher.slurm`; the launcher loads when first created. */
import { defineLauncher } from '../types.js';
import { slurmSettingsSchema } from './settings.js';

export const slurmLauncher = defineLauncher({
  name: 'slurm',
  description: 'one Slurm job array per arm, see docs/slurm.md',
  settingsSchema: slurmSettingsSchema.describe('Slurm job options, used when `launcher.type` is `slurm`.'),
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
