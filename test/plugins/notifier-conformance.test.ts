/**
 * What every notifier in the registry (and the `_template`) must do: a unique name that matches
 * the catalogue the config schema is built from, settings whose schema rejects garbage naming the
 * key and parses `{}` to its defaults, secrets named by variables (skipped when they are unset),
 * and against a real HTTP server on 127.0.0.1: one request per notification, and a failure that
 * comes back as `{ ok: false }` without the secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { notifierPlugins } from '../../src/notify/index.js';
import { templateNotifier } from '../../src/notify/_template.js';
import type { NotifierPlugin } from '../../src/notify/types.js';
import { notifierCatalogue } from '../../src/plugins/notifiers.js';
import { parseSettings, PluginSettingsError } from '../../src/plugins/settings.js';
import { loadDocument } from '../report/fixtures.js';
import { startWebhookServer, type WebhookServer } from '../notify/server.js';
import { describeRegistry } from './registry-checks.js';

const SECRET = 'ConformanceSecretToken0123';
const plugins: NotifierPlugin[] = [...notifierPlugins, templateNotifier];

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An environment where each of the notifier's secret variables holds `url`. */
function environmentWith(plugin: NotifierPlugin, url: string): Record<string, string> {
  const settings = parseSettings(plugin, `notify.${plugin.name}`, {});
  return Object.fromEntries(plugin.secretVariables(settings).map((name) => [name, url]));
}

describeRegistry('notifier', notifierPlugins, notifierCatalogue, plugins);

describe.each(plugins.map((plugin) => [plugin.name, plugin] as const))('the %s notifier', (name, plugin) => {
  it('rejects garbage settings, naming the key, and parses no block to its defaults', () => {
    expect(() => parseSettings(plugin, `notify.${name}`, { no_such_key: 1 })).toThrow(new RegExp(`notify\\.${name}: expected (only the keys .*|no keys), received "no_such_key"`));
    expect(() => parseSettings(plugin, `notify.${name}`, 'yes')).toThrow(PluginSettingsError);
    expect(() => parseSettings(plugin, `notify.${name}`, {})).not.toThrow();
  });

  it('names its secrets by variable and is skipped while they are unset', () => {
    const settings = parseSettings(plugin, `notify.${name}`, {});
    const variables = plugin.secretVariables(settings);
    expect(variables.length).toBeGreaterThan(0);
    for (const variable of variables) expect(variable).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(plugin.isConfigured(settings, {})).toBe(false);
  });

  it('sends one request per notification to the URL its secret holds', async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    const url = `http://127.0.0.1:${server.port}/hooks/${SECRET}`;
    const settings = parseSettings(plugin, `notify.${name}`, {});
    const env = environmentWith(plugin, url);
    expect(plugin.isConfigured(settings, env)).toBe(true);
    const notifier = plugin.create(settings);
    expect(notifier.name).toBe(name);
    expect(await notifier.notify(loadDocument('softmax-bug'), { env })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toContain('softmax-bug');
  });

  it('returns a failure without the secret when the server refuses it', async () => {
    server = await startWebhookServer((request) => ({ status: 500, body: `no thanks, ${request.url}` }));
    const url = `http://127.0.0.1:${server.port}/hooks/${SECRET}`;
    const settings = parseSettings(plugin, `notify.${name}`, {});
    const result = await plugin.create(settings).notify(loadDocument('softmax-bug'), { env: environmentWith(plugin, url) });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
