/**
 * schema/mlreg.schema.json as an editor uses it (JSON Schema 2020-12, checked with Ajv): every
 * config of the repository and of `mlreg init` is valid, a child config may set only what it
 * changes, a root config must be complete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/harness.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/mlreg.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const valid = (config: unknown) => [validate(config), JSON.stringify(validate.errors?.slice(0, 3))] as const;

describe('the editor schema', () => {
  it.each([
    'configs/head.yaml',
    'configs/ablations/wider.yaml',
    'configs/ablations/softmax-bug.yaml',
    'examples/sklearn-digits/configs/head.yaml',
    'examples/sklearn-digits/configs/ablations/unscaled.yaml',
    'templates/init/configs/head.yaml',
    'templates/init/configs/ablations/more-steps.yaml',
  ])('accepts %s', (path) => {
    const [ok, errors] = valid(parse(readFileSync(join(repoRoot, path), 'utf8')));
    expect(ok, errors).toBe(true);
  });

  it("accepts a child that sets only part of a map (trainer.timeout, a metric's rope)", () => {
    expect(valid({ extends: '../head.yaml', trainer: { timeout: 30 } })[0]).toBe(true);
    expect(valid({ extends: '../head.yaml', trainer: { command: ['python3', 'other.py'] } })[0]).toBe(true);
    expect(valid({ extends: '../head.yaml', metrics: { loss: { rope: 0.1 } } })[0]).toBe(true);
  });

  it('still rejects what no config may hold, and an incomplete root config', () => {
    expect(valid({ extends: '../head.yaml', trainer: { timeout: 'soon' } })[0]).toBe(false);
    expect(valid({ extends: '../head.yaml', unknown_key: 1 })[0]).toBe(false);
    expect(valid({ name: 'head', trainer: { adapter: 'command' }, metrics: { loss: { direction: 'lower' } } })[0]).toBe(false);
    expect(valid({ name: 'head', metrics: { loss: { rope: 0.1 } } })[0]).toBe(false);
  });
});
