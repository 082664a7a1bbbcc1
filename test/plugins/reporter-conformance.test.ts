/**
 * What every reporter in the registry (and the `_template`) must do: a unique name and report
 * file, options whose schema rejects garbage, `create` from its defaults returning a reporter of
 * that name, and a pure render of a run and a suite document that names their configs and
 * verdicts, the same text each time.
 */
import { describe, expect, it } from 'vitest';
import { parseSettings, PluginSettingsError } from '../../src/plugins/settings.js';
import { templateReporterPlugin } from '../../src/report/_template.js';
import { reporterPlugins } from '../../src/report/index.js';
import type { ReporterPlugin } from '../../src/report/types.js';
import { loadDocument, suiteDocument } from '../report/fixtures.js';

const plugins: ReporterPlugin[] = [...reporterPlugins, templateReporterPlugin];

describe('the reporter registry', () => {
  it('has unique names and report files, each described', () => {
    expect(new Set(plugins.map((plugin) => plugin.name)).size).toBe(plugins.length);
    const files = plugins.map((plugin) => plugin.create(parseSettings(plugin, 'reporter', {})).fileName);
    expect(new Set(files).size).toBe(files.length);
    for (const plugin of plugins) expect(plugin.description.length).toBeGreaterThan(10);
  });
});

describe.each(plugins.map((plugin) => [plugin.name, plugin] as const))('the %s reporter', (name, plugin) => {
  it('rejects options that are not a map, and wrongly typed ones', () => {
    expect(() => parseSettings(plugin, `reporter ${name}`, 42)).toThrow(PluginSettingsError);
    expect(() => parseSettings(plugin, `reporter ${name}`, 42)).toThrow(/expected object, received number/);
    for (const key of Object.keys(plugin.settingsSchema.shape)) {
      expect(() => parseSettings(plugin, `reporter ${name}`, { [key]: Symbol('garbage') }), key).toThrow(new RegExp(`reporter ${name}\\.${key}: expected`));
    }
  });

  it('renders a run and a suite from its defaults, naming configs and verdicts, the same each time', () => {
    const reporter = plugin.create(parseSettings(plugin, `reporter ${name}`, {}));
    expect(reporter.name).toBe(name);
    const run = reporter.render(loadDocument('softmax-bug'));
    expect(run).toContain('softmax-bug');
    expect(run).toMatch(/fail/);
    expect(reporter.render(loadDocument('softmax-bug'))).toBe(run);
    const suite = reporter.render(suiteDocument());
    expect(suite).toContain('wider');
  });
});
