import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/index.js';
import { loadSuite, suiteFileOf } from '../../src/suite/index.js';
import { captureError, writeTree } from '../config/tree-dir.js';

const HEAD = `name: head
params: { width: 16, steps: 400 }
seeds: 10
metrics: { fid: lower }
`;
const WIDER = `extends: ../head.yaml
params: { width: 32 }
`;

function project(suite: string, extra: Record<string, string> = {}): string {
  return writeTree({ 'configs/head.yaml': HEAD, 'configs/ablations/wider.yaml': WIDER, 'suites/s.yaml': suite, ...extra });
}

describe('suiteFileOf', () => {
  it('maps a plain name to suites/<name>.yaml and keeps paths as paths', () => {
    expect(suiteFileOf('hourly', '/p')).toBe('/p/suites/hourly.yaml');
    expect(suiteFileOf('ci/x.yaml', '/p')).toBe('/p/ci/x.yaml');
    expect(suiteFileOf('other.yml', '/p')).toBe('/p/other.yml');
  });
});

describe('loadSuite', () => {
  it("loads every config with the suite overrides, then the entry's dotted `set`", () => {
    const root = project(`configs:
  - config: ../configs/head.yaml
  - config: ../configs/ablations/wider.yaml
    set: { params.steps: 50 }
    seeds: 3
overrides:
  params: { steps: 100 }
  seeds: 4
`);
    const suite = loadSuite('s', { cwd: root });
    expect(suite.name).toBe('s');
    expect(suite.spec.correction).toBe('holm');
    const [head, wider] = suite.entries;
    expect(head!.loaded.config.params).toEqual({ width: 16, steps: 100 });
    expect(head!.loaded.config.seeds).toEqual([0, 1, 2, 3]);
    expect(wider!.loaded.config.params).toEqual({ width: 32, steps: 50 });
    expect(wider!.entry.seeds).toBe(3);
    // The suite file is blamed for what it set, in `config show`'s provenance.
    expect(wider!.loaded.provenance['params.steps']).toBe(path.join(root, 'suites/s.yaml'));
    expect(wider!.loaded.provenance['params.width']).toBe(path.join(root, 'configs/ablations/wider.yaml'));
  });

  it('names the suite file, the key, what was expected and a hint for an unknown key', () => {
    const root = project(`configs:
  - config: ../configs/head.yaml
corection: bh
`);
    const error = captureError<ConfigError>(() => loadSuite('s', { cwd: root }));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^invalid suite .*suites\/s\.yaml \(1 problem\)/);
    expect(error.message).toMatch(/s\.yaml: corection: expected a known key, received unknown key `corection` \(line 3\); did you mean `correction`/);
  });

  it('collects every problem of the suite file at once', () => {
    const root = project(`configs:
  - config: ../configs/head.yaml
    seeds: 0
correction: bonferroni
notify: { slack: { webhook_env: "https://hooks.example/x" } }
`);
    const error = captureError<ConfigError>(() => loadSuite('s', { cwd: root }));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['configs.0.seeds', 'correction', 'notify.slack.webhook_env']);
    expect(error.message).toMatch(/correction: expected one of `holm`, `bh`, received "bonferroni"/);
    expect(error.message).toMatch(/configs\.0\.seeds: expected a positive number of seeds/);
    // A URL where a variable name belongs is not echoed.
    expect(error.message).not.toContain('hooks.example');
  });

  it("points at the entry whose config is missing or invalid, with the config's own problems", () => {
    const root = project(`configs:
  - config: ../configs/missing.yaml
  - config: ../configs/head.yaml
overrides:
  params: { steps: -1 }
  seeds: many
`);
    const error = captureError<ConfigError>(() => loadSuite('s', { cwd: root }));
    expect(error.message).toMatch(/s\.yaml: configs\.0\.config: expected a valid config \(with the suite's overrides\), received configs\/missing\.yaml with 1 problem/);
    expect(error.message).toMatch(/configs\/missing\.yaml: expected a readable config file, received no such file/);
    expect(error.message).toMatch(/s\.yaml: configs\.1\.config: expected a valid config/);
    // The bad override is blamed on the suite file, at the config key it sets.
    expect(error.message).toMatch(/suites\/s\.yaml: seeds: expected a positive integer/);
  });

  it('refuses the same config twice (its runs, baseline and history are keyed by name)', () => {
    const root = project(`configs:
  - config: ../configs/head.yaml
  - config: ../configs/head.yaml
    set: { params.width: 8 }
`);
    const error = captureError<ConfigError>(() => loadSuite('s', { cwd: root }));
    expect(error.message).toMatch(/configs\.1\.config: expected a config not already in the suite .*received "head" again \(also configs\.0\)/);
  });

  it('says which file it could not read', () => {
    const root = project('configs: []\n');
    const error = captureError<ConfigError>(() => loadSuite('nightly', { cwd: root }));
    expect(error.message).toMatch(/suites\/nightly\.yaml: expected a readable suite file, received no such file/);
    const empty = captureError<ConfigError>(() => loadSuite('s', { cwd: root }));
    expect(empty.message).toMatch(/configs: expected at least one config/);
  });

  it('ships hourly, nightly and weekly suites that load against the example configs', () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    for (const name of ['hourly', 'nightly', 'weekly']) {
      const suite = loadSuite(name, { cwd: repo });
      expect(suite.entries.map((entry) => entry.loaded.name)).toContain('head');
    }
    const seeds = (name: string) => loadSuite(name, { cwd: repo }).entries[0]!.loaded.config.seeds.length;
    expect(seeds('hourly')).toBeLessThan(seeds('nightly'));
    expect(seeds('nightly')).toBeLessThan(seeds('weekly'));
  });
});
