/** The fixture configs under test/fixtures/config, which end-to-end tests of the CLI reuse. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const root = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const load = (file: string) => loadConfig(path.join(root, file), { cwd: root });

function messageOf(file: string): string {
  try {
    load(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`${file} loaded without error`);
}

describe('good fixtures', () => {
  it('load, with the ablation differing from HEAD in width only', () => {
    const head = load('good/head.yaml');
    const wider = load('good/ablations/wider.yaml');
    expect(wider.config.params).toEqual({ ...head.config.params, width: 32 });
    expect(wider.config.tags).toEqual(['ablation', 'width']);
    expect(wider.group).toBe('head');
    expect(wider.fingerprint).not.toBe(head.fingerprint);
  });
});

describe('bad fixtures: each message names the file and the key path', () => {
  it.each([
    ['bad/unknown-key.yaml', 'bad/unknown-key.yaml: seed: expected a known key, received unknown key `seed` (line 2); did you mean `seeds`?'],
    ['bad/wrong-type.yaml', 'bad/wrong-type.yaml: trainer.timeout: expected a number, received "soon" (line 3)'],
    [
      'bad/missing-extends.yaml',
      'bad/missing-extends.yaml: extends: expected an existing config file, received "../good/haed.yaml" (tried good/haed.yaml: no such file) (line 1); did you mean `good/head.yaml`?',
    ],
    [
      'bad/cycle-a.yaml',
      'bad/cycle-b.yaml: extends: expected a chain of `extends` that ends at a config without `extends`, received a cycle: bad/cycle-a.yaml → bad/cycle-b.yaml → bad/cycle-a.yaml (line 1)',
    ],
    ['bad/syntax.yaml', 'bad/syntax.yaml: YAML syntax error:'],
  ])('%s', (file, expected) => {
    expect(messageOf(file)).toContain(expected);
  });

  it('bad/multiple.yaml reports all three problems', () => {
    const message = messageOf('bad/multiple.yaml');
    expect(message.split('\n')[0]).toBe('invalid config bad/multiple.yaml (3 problems):');
    expect(message).toContain('bad/multiple.yaml: seed:');
    expect(message).toContain('bad/multiple.yaml: trainer.command: expected a list of arguments');
    expect(message).toContain('bad/multiple.yaml: metrics.fid.direction: expected one of `lower`, `higher`, received "lowr" (line 4); did you mean `lower`?');
  });
});
