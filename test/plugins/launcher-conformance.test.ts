/**
 * What every launcher in the registry must do: a unique name that matches the catalogue the
 * config schema is built from, settings whose schema rejects garbage naming the key, `create`
 * returning a launcher of that name, and a preview (`run --dry-run`) that accounts for every seed
 * without running or submitting anything.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launcherPlugins } from '../../src/launchers/registry.js';
import type { LauncherPlugin } from '../../src/launchers/types.js';
import { launcherCatalogue } from '../../src/plugins/launchers.js';
import { parseSettings, PluginSettingsError } from '../../src/plugins/settings.js';
import type { ArmPlan } from '../../src/runner/types.js';
import { describeRegistry } from './registry-checks.js';

const root = mkdtempSync(join(tmpdir(), 'mlreg-launcher-conformance-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plugins: LauncherPlugin[] = [...launcherPlugins];

function planFor(type: string): ArmPlan {
  return {
    arm: 'candidate',
    armDir: join(root, type, 'candidate'),
    seeds: [0, 1, 2],
    config: {
      name: 'conformance',
      file: join(root, 'conformance.yaml'),
      group: 'conformance',
      fingerprint: 'f'.repeat(64),
      tags: [],
      trainer: { adapter: 'builtin' },
      params: {},
      metrics: { loss: { direction: 'lower' } },
      launcher: { type },
    },
  };
}

describeRegistry('launcher', launcherPlugins, launcherCatalogue, plugins);

describe.each(plugins.map((plugin) => [plugin.name, plugin] as const))('the %s launcher', (name, plugin) => {
  it('rejects garbage settings, naming the key and what it received', () => {
    expect(() => parseSettings(plugin, `launcher.${name}`, { no_such_key: 1 })).toThrow(
      new RegExp(`launcher\\.${name}: expected (only the keys .*|no keys), received "no_such_key"`),
    );
    expect(() => parseSettings(plugin, `launcher.${name}`, 'fast')).toThrow(PluginSettingsError);
  });

  it('creates a launcher of its name whose preview accounts for every seed and starts nothing', async () => {
    const launcher = await plugin.create(parseSettings(plugin, `launcher.${name}`, {}), { runner: { retries: 0 }, env: {} });
    expect(launcher.name).toBe(name);
    expect(typeof launcher.launch).toBe('function');
    const preview = launcher.preview?.(planFor(name), { concurrency: 2 });
    expect(preview?.summary).toMatch(/3 (runs|tasks)/);
    expect(readdirSync(root)).toEqual([]);
  });
});
