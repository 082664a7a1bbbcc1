import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchema, generatedFiles, renderConfigReference } from '../../scripts/generate-config-docs.js';

describe('generated config docs', () => {
  it('are up to date with the schema (run `npm run docs:config`)', () => {
    for (const [file, contents] of Object.entries(generatedFiles())) expect(readFileSync(file, 'utf8'), file).toBe(contents);
  });

  it('have a table row with type, default and description for each key', () => {
    const reference = renderConfigReference(buildJsonSchema());
    expect(reference).toContain('| `seeds` | integer or list of integer | `10` | How many seeded runs per config');
    expect(reference).toContain('| `alpha` | number | `0.05` |');
    expect(reference).toContain('## trainer (adapter: command)');
    expect(reference).toContain('| `command` | list of string | required |');
  });

  it('give editors a strict JSON Schema with defaults', () => {
    const schema = buildJsonSchema() as { additionalProperties?: unknown; properties: Record<string, { default?: unknown }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.metrics!.default).toEqual({});
    expect(schema.properties.trainer!.default).toEqual({ adapter: 'builtin' });
  });
});
