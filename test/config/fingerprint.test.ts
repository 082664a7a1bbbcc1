import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, configFingerprint, loadConfig, shortFingerprint } from '../../src/config/index.js';
import { writeTree } from './tree-dir.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('configFingerprint', () => {
  const trainer = { adapter: 'builtin' };

  it('is the SHA-256 of the canonical trainer (without timeout) and params', () => {
    // sha256 of {"params":{"width":16},"trainer":{"adapter":"builtin"}}, computed with `printf … | sha256sum`.
    expect(configFingerprint({ trainer: { ...trainer, timeout: 5 }, params: { width: 16 } })).toBe('9ad1de6adfd2487bde5f3c5ab9f428864cada01f51e1f7c8b4848ec07ecd8e36');
  });

  it('ignores timeout but not params or other trainer settings', () => {
    const base = configFingerprint({ trainer, params: { width: 16 } });
    expect(configFingerprint({ trainer: { ...trainer, timeout: 99 }, params: { width: 16 } })).toBe(base);
    expect(configFingerprint({ trainer, params: { width: 17 } })).not.toBe(base);
    expect(configFingerprint({ trainer: { adapter: 'module', module: 'x.js' }, params: { width: 16 } })).not.toBe(base);
  });

  it('has a 12-digit short form', () => {
    expect(shortFingerprint('a2e3a7ba6ac6e0e62dfc30f0b3e36d2d')).toBe('a2e3a7ba6ac6');
  });
});

describe('fingerprint of loaded configs', () => {
  it('does not change with key order, seeds, metrics, tags or timeout', () => {
    const dir = writeTree({
      'a.yaml': 'trainer: { adapter: builtin, timeout: 10 }\nparams: { width: 16, lr: 0.1, bugs: { x: false, y: true } }\nseeds: 3\ntags: [a]\n',
      'b.yaml': 'tags: [b]\nmetrics: { fid: lower }\nparams: { bugs: { y: true, x: false }, lr: 0.1, width: 16 }\nseeds: 5\ntrainer: { adapter: builtin }\n',
    });
    const a = loadConfig(path.join(dir, 'a.yaml'));
    const b = loadConfig(path.join(dir, 'b.yaml'));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.shortFingerprint).toBe(a.fingerprint.slice(0, 12));
  });

  it('changes when a param changes, also through --set', () => {
    const dir = writeTree({ 'head.yaml': 'params: { width: 16 }\n', 'wide.yaml': 'extends: head.yaml\nparams: { width: 32 }\n' });
    const head = loadConfig(path.join(dir, 'head.yaml'));
    expect(loadConfig(path.join(dir, 'wide.yaml')).fingerprint).not.toBe(head.fingerprint);
    expect(loadConfig(path.join(dir, 'head.yaml'), { sets: ['params.width=16.0'] }).fingerprint).toBe(head.fingerprint);
    expect(loadConfig(path.join(dir, 'head.yaml'), { sets: ['params.bugs.eval_on_train=true'] }).fingerprint).not.toBe(head.fingerprint);
  });

  it('is computed from paths as written, so it does not depend on where the repository lives', () => {
    const files = { 'c.yaml': 'trainer: { adapter: module, module: ./train.js }\n' };
    const one = loadConfig(path.join(writeTree(files), 'c.yaml'));
    const two = loadConfig(path.join(writeTree(files), 'c.yaml'));
    expect(one.config.trainer).not.toEqual(two.config.trainer);
    expect(one.fingerprint).toBe(two.fingerprint);
  });
});
