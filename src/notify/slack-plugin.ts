/** The `slack` notifier's entry in the registry (settings: `notify.slack`); the webhook client loads on first send. */
import { slackNotifierDeclaration } from '../plugins/notifiers.js';
import { defineNotifier } from './types.js';

export type { SlackSettings } from '../plugins/notifiers.js';

export const slackNotifier = defineNotifier({
  ...slackNotifierDeclaration,
  isConfigured: (settings, env) => Boolean(env[settings.webhook_env]),
  create: (settings) => ({
    name: 'slack',
    notify: async (doc, context) => (await import('./slack.js')).notifySlack(doc, { ...context, settings }),
  }),
});
