/**
 * Notifiers by plain name: the catalogue's entries (src/plugins/notifiers.ts, from which the
 * config's `notify.<name>` blocks are built) with their `create`. To add one, copy `_template.ts`,
 * declare it in the catalogue and add it here (docs/plugins.md).
 */
import { parseSettings } from '../plugins/settings.js';
import { slackNotifier } from './slack-plugin.js';
import type { Notifier, NotifierPlugin } from './types.js';
export type { Notifier, NotifierPlugin } from './types.js';

/** Every registered notifier, each asked after every run and suite (src/notify/notify-document.ts, from the publish step). */
export const notifierPlugins = [slackNotifier] as const satisfies readonly NotifierPlugin[];

export type NotifierName = (typeof notifierPlugins)[number]['name'];
export const notifierNames: NotifierName[] = notifierPlugins.map((plugin) => plugin.name);

/** The notifier registered under `name`, created with `settings` (defaults when omitted); throws naming the known notifiers otherwise. */
export function getNotifier(name: string, settings: unknown = {}): Notifier {
  const plugin: NotifierPlugin | undefined = notifierPlugins.find((candidate) => candidate.name === name);
  if (!plugin) throw new Error(`Unknown notifier "${name}": expected one of ${notifierNames.join(', ')}.`);
  return plugin.create(parseSettings(plugin, `notify.${name}`, settings));
}
