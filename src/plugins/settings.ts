/**
 * Parsing a plugin's settings outside the config loader (a library caller, a run on a Slurm node
 * reading its plan): the same schema, with every problem named by its key path, what was expected
 * and what was received, as config errors read.
 */
import type * as z from 'zod';
import type { PluginBase, SettingsSchema } from './types.js';

/** Thrown when settings do not fit a plugin's schema; the message names each key. */
export class PluginSettingsError extends Error {
  override readonly name = 'PluginSettingsError';
}

/** `value` parsed by the plugin's schema (defaults filled in); throws a PluginSettingsError naming each bad key under `keyPath`. */
export function parseSettings<Schema extends SettingsSchema>(plugin: PluginBase<Schema>, keyPath: string, value: unknown): z.output<Schema> {
  const result = plugin.settingsSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  const known = Object.keys(plugin.settingsSchema.shape);
  const lines = result.error.issues.map((issue) => {
    const where = [keyPath, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return `${where}: expected ${known.length > 0 ? `only the keys ${known.join(', ')}` : 'no keys'}, received ${keys}`;
    }
    const expected = issue.message.replace(/^Invalid input: /, '');
    const received = expected.includes('received') ? '' : `, received ${describe(valueAt(value, issue.path))}`;
    return `${where}: ${expected}${received}`;
  });
  throw new PluginSettingsError(`invalid settings for the ${plugin.name} ${keyPath.split('.')[0]}:\n  ${lines.join('\n  ')}`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
