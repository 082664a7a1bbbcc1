/**
 * What every plugin (trainer adapter, launcher, reporter, notifier) exports: a plain name, the
 * zod schema of its settings, and `create`, which turns settings that schema has parsed into the
 * working object. The config schema, schema/mlreg.schema.json and docs/config-reference.md are
 * built from the registries of these, so a plugin declares its settings once and receives them
 * typed. Each kind names its own `create` (see src/trainers/types.ts, src/runner/types.ts,
 * src/report/types.ts, src/notify/types.ts); docs/plugins.md says how to add one.
 */
import type * as z from 'zod';

/** A plugin's settings: a map whose keys are documented in the schema (descriptions, defaults). */
export type SettingsSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

export interface PluginBase<Schema extends SettingsSchema = SettingsSchema> {
  /** Plain name used in configs and on the command line, e.g. `command`, `slurm`, `markdown`, `slack`. */
  readonly name: string;
  /** A few words for the config reference on what this plugin does (a trainer's: a sentence; others: lower case, no full stop). */
  readonly description: string;
  readonly settingsSchema: Schema;
}

/** The plugin named `name` in a registry; an unknown name is an error listing the known ones at `keyPath`. */
export function pluginNamed<P extends PluginBase>(registry: readonly P[], name: string, keyPath: string): P {
  const plugin = registry.find((candidate) => candidate.name === name);
  if (!plugin) throw new Error(`${keyPath}: expected one of ${registry.map((known) => known.name).join(', ')}, received "${name}"`);
  return plugin;
}

/** Declares a plugin's name, description and settings, keeping the literal name and the schema's type. */
export function declarePlugin<const Name extends string, Schema extends SettingsSchema>(declaration: PluginBase<Schema> & { name: Name }): PluginBase<Schema> & { name: Name } {
  return declaration;
}
