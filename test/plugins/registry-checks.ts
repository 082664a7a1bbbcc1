/** What every plugin registry with a catalogue must hold, for the conformance test of each kind. */
import { describe, expect, it } from 'vitest';

interface Described {
  name: string;
  description: string;
  settingsSchema: unknown;
}

/**
 * The registry lists the catalogue the config schema is built from, in its order, with the same
 * settings schemas; `plugins` (the registry and any template) have unique names, each described.
 */
export function describeRegistry(
  kind: string,
  registry: readonly Described[],
  catalogue: ReadonlyArray<Pick<Described, 'name' | 'settingsSchema'>>,
  plugins: readonly Described[],
): void {
  describe(`the ${kind} registry`, () => {
    it('lists the catalogue the config schema is built from, in its order, with the same settings schemas', () => {
      expect(registry.map((plugin) => plugin.name)).toEqual(catalogue.map((entry) => entry.name));
      registry.forEach((plugin, index) => expect(plugin.settingsSchema).toBe(catalogue[index]!.settingsSchema));
    });

    it('has unique names, each described', () => {
      expect(new Set(plugins.map((plugin) => plugin.name)).size).toBe(plugins.length);
      for (const plugin of plugins) expect(plugin.description.length).toBeGreaterThan(10);
    });
  });
}
