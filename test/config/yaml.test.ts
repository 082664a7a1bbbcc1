import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DELETE, loadYamlFile } from '../../src/config/index.js';
import { captureError, writeTree } from './tree-dir.js';

describe('loadYamlFile', () => {
  it('parses YAML and keeps !delete as a marker', () => {
    const dir = writeTree({ 's.yaml': 'configs: [a.yaml, b.yaml]\noverrides: { seeds: 3, params: { x: !delete } }\n' });
    expect(loadYamlFile(path.join(dir, 's.yaml'), 'suite')).toEqual({ configs: ['a.yaml', 'b.yaml'], overrides: { seeds: 3, params: { x: DELETE } } });
  });

  it('names the file and its role when it is missing', () => {
    const dir = writeTree({});
    const error = captureError<ConfigError>(() => loadYamlFile(path.join(dir, 'hourly.yaml'), 'suite', dir));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('invalid suite hourly.yaml (1 problem):\n  hourly.yaml: expected a readable suite file, received no such file');
  });

  it('reports every syntax error with its line and column', () => {
    const dir = writeTree({ 's.yaml': 'a: 1\nb: !nope 2\na: 3\n' });
    const error = captureError<ConfigError>(() => loadYamlFile(path.join(dir, 's.yaml'), 'suite', dir));
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [3, 1, 'YAML syntax error: Map keys must be unique'],
      [2, 4, 'YAML syntax error: Unresolved tag: !nope'],
    ]);
  });

  it('refuses aliases that expand without bound (a "billion laughs" document), naming the file', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const dir = writeTree({ 'bomb.yaml': `${levels.join('\n')}\n` });
    const started = Date.now();
    const error = captureError<ConfigError>(() => loadYamlFile(path.join(dir, 'bomb.yaml'), 'config', dir));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^invalid config bomb\.yaml \(1 problem\):\n {2}bomb\.yaml: expected a config file whose aliases \(\*name\) expand at most 100 times/);
  });

  it('keeps the few aliases a config uses', () => {
    const dir = writeTree({ 'c.yaml': 'defaults: &d { lr: 0.1, width: 8 }\nparams: { <<: *d, width: 16 }\nother: *d\n' });
    expect(loadYamlFile(path.join(dir, 'c.yaml'), 'config')).toMatchObject({ other: { lr: 0.1, width: 8 } });
  });
});
