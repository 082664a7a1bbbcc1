/**
 * What every trainer adapter in the registry (and the `_template`) must do: a unique name that
 * matches the catalogue the config schema is built from, settings whose schema rejects garbage
 * naming the key, `create` returning an adapter of that name, and a run whose signal is already
 * aborted ending as `cancelled` without training. A new adapter needs one line in MINIMAL_SETTINGS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSettings, PluginSettingsError } from '../../src/plugins/settings.js';
import { trainerCatalogue } from '../../src/plugins/trainers.js';
import { templateTrainer } from '../../src/trainers/_template/index.js';
import { trainerPlugins } from '../../src/trainers/registry.js';
import type { RunContext, TrainerPlugin } from '../../src/trainers/types.js';
import { fixtures } from '../trainers/command/context.js';
import { describeRegistry } from './registry-checks.js';

/** The least each adapter needs to run, by name. */
const MINIMAL_SETTINGS: Record<string, Record<string, unknown>> = {
  builtin: {},
  command: { command: [process.execPath, '-e', 'process.exit(0)'] },
  module: { module: join(fixtures, 'module-trainer.mjs') },
  template: {},
};

const plugins: TrainerPlugin[] = [...trainerPlugins, templateTrainer];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function abortedContext(): Promise<RunContext> {
  const runDir = await mkdtemp(join(tmpdir(), 'mlreg-conformance-'));
  dirs.push(runDir);
  const controller = new AbortController();
  controller.abort();
  return {
    seed: 0,
    params: {},
    runDir,
    metricsFile: join(runDir, 'metrics.json'),
    config: { name: 'conformance', file: 'conformance.yaml', tags: [], group: 'conformance', jobType: 'candidate' },
    signal: controller.signal,
  };
}

describeRegistry('trainer', trainerPlugins, trainerCatalogue, plugins);

describe.each(plugins.map((plugin) => [plugin.name, plugin] as const))('the %s trainer', (name, plugin) => {
  it('has minimal settings in this test', () => {
    expect(MINIMAL_SETTINGS[name], `add the least settings the ${name} trainer runs with to MINIMAL_SETTINGS`).toBeDefined();
  });

  it('rejects garbage settings, naming the key and what it received', () => {
    expect(() => parseSettings(plugin, 'trainer', { ...MINIMAL_SETTINGS[name], no_such_key: 1 })).toThrow(
      /trainer: expected only the keys .*, received "no_such_key"|trainer: expected no keys, received "no_such_key"/,
    );
    expect(() => parseSettings(plugin, 'trainer', 42)).toThrow(PluginSettingsError);
    expect(() => parseSettings(plugin, 'trainer', 42)).toThrow(/trainer: expected object, received number/);
  });

  it('creates an adapter of its name from settings its schema parsed', async () => {
    const adapter = await plugin.create(parseSettings(plugin, 'trainer', MINIMAL_SETTINGS[name]));
    expect(adapter.name).toBe(name);
    expect(typeof adapter.run).toBe('function');
    if (adapter.validateParams) expect(Array.isArray(adapter.validateParams({}))).toBe(true);
  });

  it('ends a run whose signal is already aborted as cancelled, without training', async () => {
    const adapter = await plugin.create(parseSettings(plugin, 'trainer', MINIMAL_SETTINGS[name]));
    const outcome = await adapter.run(await abortedContext());
    expect(outcome.status).toBe('cancelled');
    expect(outcome.metrics).toEqual({});
  });
});
