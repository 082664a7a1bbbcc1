/**
 * The launchers mlreg knows and the settings each takes (`launcher.<name>`). The config schema is
 * built from this catalogue; each launcher's plugin (src/launchers/<name>/plugin.ts) adds `create`
 * to its entry, and src/launchers/registry.ts lists exactly these.
 */
import * as z from 'zod';
import { slurmSettingsSchema } from './slurm-settings.js';
import { declarePlugin } from './types.js';

export const localLauncherDeclaration = declarePlugin({
  name: 'local',
  description: 'a process pool on this machine',
  settingsSchema: z.strictObject({}),
});

export const slurmLauncherDeclaration = declarePlugin({
  name: 'slurm',
  description: 'one Slurm job array per arm, see docs/slurm.md',
  settingsSchema: slurmSettingsSchema.describe('Slurm job options, used when `launcher.type` is `slurm`.'),
});

/** Every launcher; the first is the default. */
export const launcherCatalogue = [localLauncherDeclaration, slurmLauncherDeclaration] as const;
