import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDiff, configShowJson, formatConfigShow, loadConfig } from '../../src/config/index.js';
import { writeTree } from './tree-dir.js';

const files = {
  'configs/head.yaml': 'trainer: { adapter: builtin, timeout: 60 }\nparams: { width: 16, lr: 0.05 }\nseeds: 3\nmetrics: { fid: lower }\n',
  'configs/ablations/wider.yaml': 'extends: ../head.yaml\nparams: { width: 32 }\n',
};

describe('formatConfigShow', () => {
  it('prints each value with the file, --set or default that set it', () => {
    const dir = writeTree(files);
    const loaded = loadConfig(path.join(dir, 'configs/ablations/wider.yaml'), { sets: ['params.lr=0.1'] });
    const text = formatConfigShow(loaded, { cwd: dir });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# config: configs/ablations/wider.yaml (name wider, group head)');
    expect(lines[1]).toBe('# extends: configs/ablations/wider.yaml → configs/head.yaml');
    expect(lines[2]).toBe(`# fingerprint: ${loaded.shortFingerprint} (sha256 ${loaded.fingerprint})`);
    const annotated = lines.slice(3).map((line) => line.replace(/ {2,}#/, '  #'));
    expect(annotated).toEqual([
      'name: wider  # configs/ablations/wider.yaml',
      'tags: []  # default',
      'trainer:',
      '  adapter: builtin  # configs/head.yaml',
      '  timeout: 60  # configs/head.yaml',
      'params:',
      '  width: 32  # configs/ablations/wider.yaml',
      '  lr: 0.1  # --set',
      'seeds: [0, 1, 2]  # configs/head.yaml',
      'metrics:',
      '  fid:',
      '    direction: lower  # configs/head.yaml',
      '    alpha: 0.05  # configs/head.yaml',
      '    gate: true  # configs/head.yaml',
      'baseline_mismatch: warn  # default',
      'baseline_pool:',
      '  from: none  # default',
      '  max_runs: 200  # default',
      'pair_by_seed: true  # default',
      'launcher:',
      '  type: local  # default',
      'runner:',
      '  retries: 0  # default',
      'sequential:',
      '  curves: false  # default',
      'notify: {}  # default',
    ]);
  });

  it('never shows a secret-looking environment value', () => {
    const dir = writeTree({ 'c.yaml': 'trainer: { adapter: command, command: [train], env: { WANDB_API_KEY: abc123secret, MODE: fast } }\n' });
    const loaded = loadConfig(path.join(dir, 'c.yaml'));
    const text = formatConfigShow(loaded, { cwd: dir });
    expect(text).not.toContain('abc123secret');
    expect(text).toContain('MODE: fast');
    expect(JSON.stringify(configShowJson(loaded, { cwd: dir }))).not.toContain('abc123secret');
    expect(loaded.config.trainer).toMatchObject({ env: { WANDB_API_KEY: 'abc123secret' } });
  });
});

describe('configShowJson', () => {
  it('has the file, name, chain, fingerprint, config and sources', () => {
    const dir = writeTree(files);
    const loaded = loadConfig(path.join(dir, 'configs/ablations/wider.yaml'));
    const json = configShowJson(loaded, { cwd: dir });
    expect(json).toMatchObject({
      file: 'configs/ablations/wider.yaml',
      name: 'wider',
      group: 'head',
      chain: ['configs/ablations/wider.yaml', 'configs/head.yaml'],
      fingerprint: loaded.fingerprint,
    });
    expect(json.config.params).toEqual({ width: 32, lr: 0.05 });
    expect(json.sources).toMatchObject({ 'params.width': 'configs/ablations/wider.yaml', 'params.lr': 'configs/head.yaml', 'runner.retries': 'default' });
  });
});

describe('configDiff', () => {
  it('lists the trainer and params leaves that differ, trainer first', () => {
    const a = { trainer: { adapter: 'builtin', timeout: 5 }, params: { width: 16, bugs: { x: false }, same: [1, 2] } };
    const b = { trainer: { adapter: 'builtin' }, params: { width: 32, bugs: { x: false, y: true }, same: [1, 2] } };
    expect(Object.entries(configDiff(a, b))).toEqual([
      ['trainer.timeout', [5, undefined]],
      ['params.width', [16, 32]],
      ['params.bugs.y', [undefined, true]],
    ]);
    expect(configDiff(a, a)).toEqual({});
  });

  it('shows what an ablation changed from its parent', () => {
    const dir = writeTree(files);
    const head = loadConfig(path.join(dir, 'configs/head.yaml'));
    const wider = loadConfig(path.join(dir, 'configs/ablations/wider.yaml'));
    expect(configDiff(head.config, wider.config)).toEqual({ 'params.width': [16, 32] });
  });
});
