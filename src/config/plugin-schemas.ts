/**
 * The parts of the config schema that come from the plugin catalogues (src/plugins/): the
 * `trainer` union (one variant per adapter), and the settings blocks of launchers
 * (`launcher.<name>`) and notifiers (`notify.<name>`). A plugin declares its settings once; the
 * types here keep each block's keys, so the resolved config stays fully typed.
 */
import * as z from 'zod';
import type { PluginBase } from '../plugins/types.js';

type Names<Plugins extends readonly PluginBase[]> = { [K in keyof Plugins]: Plugins[K]['name'] };

/** The plugins' names, as a tuple `z.enum` accepts. */
export function pluginNames<const Plugins extends readonly [PluginBase, ...PluginBase[]]>(plugins: Plugins): Names<Plugins> {
  return plugins.map((plugin) => plugin.name) as Names<Plugins>;
}

/** "`a` (what a does), `b` (…) or `c` (…)": the plugins for a description. */
export function describePlugins(plugins: readonly PluginBase[]): string {
  const items = plugins.map((plugin) => `\`${plugin.name}\` (${plugin.description})`);
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

/** One adapter's `trainer` block: `adapter` naming it, its own settings, then the keys every adapter shares. */
function trainerVariant<P extends PluginBase, Common extends z.ZodRawShape>(plugin: P, common: Common) {
  return z
    .strictObject({
      adapter: z.literal(plugin.name as P['name']).describe(plugin.description),
      ...(plugin.settingsSchema.shape as P['settingsSchema']['shape']),
      ...common,
    })
    .describe(`The ${plugin.name} trainer.`);
}

type TrainerVariants<Plugins extends readonly PluginBase[], Common extends z.ZodRawShape> = {
  [K in keyof Plugins]: ReturnType<typeof trainerVariant<Plugins[K], Common>>;
};

/** The variants of the `trainer` union, one per registered adapter, each with the `common` keys. */
export function trainerVariants<const Plugins extends readonly PluginBase[], Common extends z.ZodRawShape>(plugins: Plugins, common: Common): TrainerVariants<Plugins, Common> {
  return plugins.map((plugin) => trainerVariant(plugin, common)) as TrainerVariants<Plugins, Common>;
}

/** Plugins that have settings: a plugin without any gets no block. */
type WithSettings<P extends PluginBase> = keyof P['settingsSchema']['shape'] extends never ? never : P['name'];

type SettingsBlocks<Plugins extends readonly PluginBase[]> = {
  [P in Plugins[number] as WithSettings<P>]: z.ZodOptional<P['settingsSchema']>;
};

/** One optional block per plugin with settings, keyed by its name (`launcher.slurm`, `notify.slack`). */
export function settingsBlocks<const Plugins extends readonly PluginBase[]>(plugins: Plugins): SettingsBlocks<Plugins> {
  const withSettings = plugins.filter((plugin) => Object.keys(plugin.settingsSchema.shape).length > 0);
  return Object.fromEntries(withSettings.map((plugin) => [plugin.name, plugin.settingsSchema.optional()])) as SettingsBlocks<Plugins>;
}
