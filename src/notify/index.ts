/** Notifiers by plain name. To add one, copy `_template.ts`, implement `notify`, and list it here. */
import type { Notifier } from './types.js';
import { slackNotifier } from './slack.js';

export type { Notifier, NotifyContext, NotifyResult } from './types.js';

const notifiers = {
  slack: slackNotifier,
} satisfies Record<string, Notifier>;

export type NotifierName = keyof typeof notifiers;

export const notifierNames = Object.keys(notifiers) as NotifierName[];

/** Returns the notifier registered under `name`; throws naming the known notifiers otherwise. */
export function getNotifier(name: string): Notifier {
  if (!Object.hasOwn(notifiers, name)) {
    throw new Error(`Unknown notifier "${name}": expected one of ${notifierNames.join(', ')}.`);
  }
  return notifiers[name as NotifierName];
}
