import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { captureError, writeTree } from './tree-dir.js';

const HEAD = `
name: head
description: the current best model
tags: [head]
trainer: { adapter: builtin, timeout: 120 }
params:
  learning_rate: 0.05
  width: 16
  layers: [16, 16]
  bugs: { softmax_into_logit_loss: false, eval_on_train: false }
seeds: 10
metrics:
  fid: { direction: lower, rope: 0.5 }
  accuracy: higher
  loss: { direction: lower, rope: "2%" }
`;

function configError(fn: () => unknown): ConfigError {
  const error = captureError(fn);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig: extends chain', () => {
  it('merges a deep chain root first: maps merge, scalars and lists replace', () => {
    const dir = writeTree({
      'head.yaml': HEAD,
      'a/mid.yaml': 'extends: ../head.yaml\nparams: { width: 32, layers: [8] }\n',
      'a/b/c/leaf.yaml': 'extends: ../../mid.yaml\nparams: { learning_rate: 0.1 }\nseeds: [3, 7]\n',
    });
    const loaded = loadConfig(path.join(dir, 'a/b/c/leaf.yaml'));
    expect(loaded.config.params).toEqual({
      learning_rate: 0.1,
      width: 32,
      layers: [8],
      bugs: { softmax_into_logit_loss: false, eval_on_train: false },
    });
    expect(loaded.config.seeds).toEqual([3, 7]);
    expect(loaded.chain.map((link) => link.name)).toEqual(['leaf', 'mid', 'head']);
    expect(loaded.name).toBe('leaf');
    expect(loaded.group).toBe('head');
  });

  it('validates a name taken from the file name like an explicit `name:`', () => {
    const unnamed = HEAD.replace('name: head\n', '');
    const dir = writeTree({ '...yaml': unnamed, 'my run.yaml': unnamed });
    for (const [file, name] of [
      ['...yaml', '..'],
      ['my run.yaml', 'my run'],
    ] as const) {
      const error = captureError<ConfigError>(() => loadConfig(path.join(dir, file), { cwd: dir }));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.issues[0]).toMatchObject({ path: 'name', received: `"${name}" from the file name "${file}"`, hint: 'set `name:` in the file, or rename it' });
      expect(error.message).toContain(`${file}: name: expected a name of letters`);
    }
    expect(loadConfig(path.join(dir, '...yaml'), { sets: ['name=dots'], cwd: dir }).name).toBe('dots');
  });

  it('does not inherit name and description', () => {
    const dir = writeTree({ 'head.yaml': HEAD, 'child.yaml': 'extends: head.yaml\n' });
    const loaded = loadConfig(path.join(dir, 'child.yaml'));
    expect(loaded.config.name).toBe('child');
    expect(loaded.config.description).toBeUndefined();
    expect(loaded.config.tags).toEqual(['head']);
  });

  it('removes an inherited key tagged !delete, at any depth', () => {
    const dir = writeTree({
      'head.yaml': HEAD,
      'child.yaml': 'extends: head.yaml\ntrainer: { timeout: !delete }\nparams:\n  bugs: { eval_on_train: !delete }\nmetrics: { loss: !delete }\n',
    });
    const { config } = loadConfig(path.join(dir, 'child.yaml'));
    expect(config.trainer).toEqual({ adapter: 'builtin' });
    expect(config.params.bugs).toEqual({ softmax_into_logit_loss: false });
    expect(Object.keys(config.metrics)).toEqual(['fid', 'accuracy']);
  });

  it('names the whole chain of a cycle', () => {
    const dir = writeTree({
      'leaf.yaml': 'extends: a.yaml\n',
      'a.yaml': 'extends: sub/b.yaml\n',
      'sub/b.yaml': 'extends: ../a.yaml\n',
    });
    const error = configError(() => loadConfig(path.join(dir, 'leaf.yaml'), { cwd: dir }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: path.join(dir, 'sub/b.yaml'), path: 'extends', line: 1 });
    expect(error.message).toContain('a cycle: leaf.yaml → a.yaml → sub/b.yaml → a.yaml');
  });

  it('reports a config that extends itself', () => {
    const dir = writeTree({ 'self.yaml': 'extends: ./self.yaml\n' });
    const error = configError(() => loadConfig(path.join(dir, 'self.yaml'), { cwd: dir }));
    expect(error.message).toContain('self.yaml → self.yaml');
  });

  it('names the file that extends a missing target and the path it tried', () => {
    const dir = writeTree({ 'head.yaml': HEAD, 'ablations/child.yaml': 'seeds: 3\nextends: ../haed.yaml\n' });
    const error = configError(() => loadConfig(path.join(dir, 'ablations/child.yaml'), { cwd: dir }));
    expect(error.issues[0]).toMatchObject({ file: path.join(dir, 'ablations/child.yaml'), path: 'extends', line: 2 });
    expect(error.message).toContain('ablations/child.yaml: extends: expected an existing config file, received "../haed.yaml" (tried haed.yaml: no such file)');
    expect(error.message).toContain('did you mean `head.yaml`?');
  });

  it('reports a missing leaf file and YAML syntax errors with line and column', () => {
    const dir = writeTree({ 'broken.yaml': 'seeds: 3\nparams: [1, 2\n' });
    expect(configError(() => loadConfig(path.join(dir, 'nope.yaml'), { cwd: dir })).message).toContain('nope.yaml: expected a readable config file, received no such file');
    const syntax = configError(() => loadConfig(path.join(dir, 'broken.yaml'), { cwd: dir }));
    expect(syntax.issues[0]).toMatchObject({ file: path.join(dir, 'broken.yaml'), line: 3 });
    expect(syntax.message).toMatch(/broken\.yaml: YAML syntax error: .*\(line 3, column \d+\)/);
  });

  it('requires the file to be a map', () => {
    const dir = writeTree({ 'list.yaml': '- 1\n- 2\n' });
    expect(configError(() => loadConfig(path.join(dir, 'list.yaml'), { cwd: dir })).message).toContain('list.yaml: expected a map of config keys, received a list [1,2]');
  });
});

describe('loadConfig: validation', () => {
  it('names an unknown key with its path, file, line and the closest known key', () => {
    const dir = writeTree({ 'head.yaml': HEAD, 'child.yaml': 'extends: head.yaml\nseed: 3\nrunner:\n  concurency: 2\n' });
    const error = configError(() => loadConfig(path.join(dir, 'child.yaml'), { cwd: dir }));
    expect(error.message).toContain('child.yaml: seed: expected a known key, received unknown key `seed` (line 2); did you mean `seeds`?');
    expect(error.message).toContain('child.yaml: runner.concurency: expected a known key, received unknown key `concurency` (line 4); did you mean `concurrency`?');
  });

  it('says what type was expected and what was received', () => {
    const dir = writeTree({ 'c.yaml': 'seeds: many\ntrainer: { adapter: builtin, timeout: soon }\nmetrics: { fid: { direction: lower, alpha: 2 } }\n' });
    const error = configError(() => loadConfig(path.join(dir, 'c.yaml'), { cwd: dir }));
    const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue]));
    expect(byPath.seeds).toMatchObject({ expected: 'a positive integer (the number of seeds) or a list of distinct non-negative integers', received: '"many"' });
    expect(byPath['trainer.timeout']).toMatchObject({ expected: 'a number', received: '"soon"' });
    expect(byPath['metrics.fid.alpha']).toMatchObject({ expected: 'a significance level between 0 and 1 (exclusive)', received: '2' });
  });

  it('reports every problem at once, each blamed on the file that set the key', () => {
    const dir = writeTree({
      'head.yaml': 'trainer: { adapter: builtin, timeout: -1 }\nmetrics: { fid: lowr }\n',
      'sub/child.yaml': 'extends: ../head.yaml\ntrainer: { adapter: command }\ntags: tagged\n',
    });
    const error = configError(() => loadConfig(path.join(dir, 'sub/child.yaml'), { cwd: dir, sets: ['seeds=0'] }));
    const lines = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(error.message.split('\n')[0]).toBe('invalid config sub/child.yaml (5 problems):');
    expect(lines).toEqual(
      expect.arrayContaining([
        'head.yaml: trainer.timeout: expected a positive number of seconds, received -1 (line 1)',
        'sub/child.yaml: trainer.command: expected a list of arguments such as [python, train.py, --seed, "{seed}"] (never a shell string), received nothing (the key is missing)',
        'head.yaml: metrics.fid: expected one of `lower`, `higher`, received "lowr" (line 2); did you mean `lower`?',
        'sub/child.yaml: tags: expected a list, received "tagged" (line 3)',
        '--set: seeds: expected a positive number of seeds, received 0',
      ]),
    );
  });

  it('reports a misspelled adapter with the adapters it knows', () => {
    const dir = writeTree({ 'c.yaml': 'trainer: { adapter: comand }\n' });
    const error = configError(() => loadConfig(path.join(dir, 'c.yaml'), { cwd: dir }));
    expect(error.message).toContain('c.yaml: trainer.adapter: expected one of `builtin`, `command`, `module`, received "comand" (line 1); did you mean `command`?');
  });

  it('never prints a Slack webhook URL written where its variable name belongs', () => {
    const url = 'https://hooks.slack.com/services/T000/B000/XXXXSECRET';
    const dir = writeTree({ 'c.yaml': `notify: { slack: { webhook_env: "${url}" } }\n` });
    const error = configError(() => loadConfig(path.join(dir, 'c.yaml'), { cwd: dir }));
    expect(error.issues[0]!.path).toBe('notify.slack.webhook_env');
    expect(error.message).not.toContain('XXXXSECRET');
  });

  it('keeps the zod error as the cause', () => {
    const dir = writeTree({ 'c.yaml': 'seeds: x\n' });
    expect(configError(() => loadConfig(path.join(dir, 'c.yaml'))).cause).toBeDefined();
  });
});

describe('loadConfig: normalisation', () => {
  it('normalises metric shorthands, relative ropes and a seeds count', () => {
    const dir = writeTree({ 'head.yaml': HEAD });
    const { config } = loadConfig(path.join(dir, 'head.yaml'));
    expect(config.metrics.accuracy).toEqual({ direction: 'higher', alpha: 0.05, gate: true });
    expect(config.metrics.fid!.rope).toBe(0.5);
    expect(config.metrics.loss!.rope).toEqual({ relative: 0.02 });
    expect(config.seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(config.launcher).toEqual({ type: 'local' });
    expect(config.runner).toEqual({ retries: 0 });
  });

  it('rejects repeated seeds', () => {
    const dir = writeTree({ 'c.yaml': 'seeds: [1, 2, 1]\n' });
    expect(configError(() => loadConfig(path.join(dir, 'c.yaml'), { cwd: dir })).message).toContain(
      'c.yaml: seeds: expected distinct seeds (a seed appears twice), received a list [1,2,1] (line 1)',
    );
  });

  it('resolves trainer paths against the file that set them', () => {
    const dir = writeTree({
      'configs/base.yaml': 'trainer: { adapter: module, module: ./trainers/train.js }\n',
      'configs/ablations/child.yaml': 'extends: ../base.yaml\nparams: { width: 8 }\nbaseline: ../../baselines/special.json\n',
      'configs/cmd.yaml': 'trainer: { adapter: command, command: [python, train.py], cwd: ../scripts }\n',
    });
    const child = loadConfig(path.join(dir, 'configs/ablations/child.yaml'));
    expect(child.config.trainer).toMatchObject({ module: path.join(dir, 'configs/trainers/train.js'), export: 'train' });
    expect(child.config.baseline).toBe(path.join(dir, 'baselines/special.json'));
    expect(child.chain[0]!.baseline).toBe(path.join(dir, 'baselines/special.json'));
    const cmd = loadConfig(path.join(dir, 'configs/cmd.yaml'), { sets: ['trainer.env.THREADS=1'] });
    expect(cmd.config.trainer).toMatchObject({ cwd: path.join(dir, 'scripts'), env: { THREADS: '1' } });
    const fromSet = loadConfig(path.join(dir, 'configs/cmd.yaml'), { cwd: dir, sets: ['trainer.cwd=work'] });
    expect(fromSet.config.trainer).toMatchObject({ cwd: path.join(dir, 'work') });
  });

  it('keeps a baseline name as a name and records which ancestor set it', () => {
    const dir = writeTree({ 'head.yaml': `${HEAD}baseline: head\n`, 'child.yaml': 'extends: head.yaml\n' });
    const loaded = loadConfig(path.join(dir, 'child.yaml'));
    expect(loaded.config.baseline).toBe('head');
    expect(loaded.chain).toEqual([
      { file: path.join(dir, 'child.yaml'), name: 'child' },
      { file: path.join(dir, 'head.yaml'), name: 'head', baseline: 'head' },
    ]);
  });
});

describe('loadConfig: --set', () => {
  const dir = () => writeTree({ 'head.yaml': HEAD });

  it('parses values as YAML: numbers, booleans, strings, lists, maps', () => {
    const { config } = loadConfig(path.join(dir(), 'head.yaml'), {
      sets: ['params.width=64', 'params.learning_rate=1e-3', 'params.bugs.eval_on_train=true', 'params.layers=[4, 4, 4]', 'params.name=wide', 'tags=[a, b]'],
    });
    expect(config.params).toMatchObject({ width: 64, learning_rate: 0.001, layers: [4, 4, 4], name: 'wide' });
    expect(config.params.bugs).toEqual({ softmax_into_logit_loss: false, eval_on_train: true });
    expect(config.tags).toEqual(['a', 'b']);
  });

  it('creates nested maps, replaces maps it sets, applies in order, and deletes with !delete', () => {
    const { config } = loadConfig(path.join(dir(), 'head.yaml'), {
      sets: ['params.optimizer.beta.one=0.9', 'params.bugs={eval_on_train: true}', 'seeds=3', 'seeds=2', 'trainer.timeout=!delete'],
    });
    expect(config.params.optimizer).toEqual({ beta: { one: 0.9 } });
    expect(config.params.bugs).toEqual({ eval_on_train: true });
    expect(config.seeds).toEqual([0, 1]);
    expect(config.trainer).toEqual({ adapter: 'builtin' });
  });

  it('names each malformed --set', () => {
    const error = configError(() => loadConfig(path.join(dir(), 'head.yaml'), { sets: ['width', '=3', 'params..x=1', 'params.w=[1', 'seeds.x=1', 'extends=x.yaml'] }));
    expect(error.issues.map((issue) => `${issue.file} ${issue.path} ${issue.received}`)).toEqual([
      '--set  "width" (no "=")',
      '--set  "=3" (bad key path "")',
      '--set  "params..x=1" (bad key path "params..x")',
      '--set  "params.w=[1" (the value is not valid YAML: Flow sequence must end with a ])',
      '--set seeds.x 10',
      '--set extends "extends=x.yaml"',
    ]);
    expect(error.message).toContain('--set: expected key.path=value (value in YAML), e.g. params.width=32, received "width" (no "=")');
  });

  it('validates what --set wrote and blames --set', () => {
    const error = configError(() => loadConfig(path.join(dir(), 'head.yaml'), { sets: ['runner.retrys=2'] }));
    expect(error.message).toContain('--set: runner.retrys: expected a known key, received unknown key `retrys`; did you mean `retries`?');
  });
});

describe('loadConfig: provenance', () => {
  it('records which file, --set or default set each leaf', () => {
    const dir = writeTree({
      'head.yaml': HEAD,
      'ablations/wider.yaml': 'extends: ../head.yaml\nparams: { width: 32 }\nmetrics: { fid: { alpha: 0.01 } }\n',
    });
    const head = path.join(dir, 'head.yaml');
    const wider = path.join(dir, 'ablations/wider.yaml');
    const { provenance } = loadConfig(wider, { sets: ['params.steps=10', 'params.width=48', 'seeds=4'] });
    expect(provenance).toMatchObject({
      name: wider,
      tags: head,
      'trainer.adapter': head,
      'trainer.timeout': head,
      'params.learning_rate': head,
      'params.width': '--set',
      'params.steps': '--set',
      'params.layers': head,
      'params.bugs.eval_on_train': head,
      seeds: '--set',
      'metrics.fid.direction': head,
      'metrics.fid.alpha': wider,
      'metrics.fid.gate': 'default',
      'metrics.accuracy.direction': head,
      'metrics.loss.rope.relative': head,
      'metrics.loss.alpha': 'default',
      'launcher.type': 'default',
      'runner.retries': 'default',
    });
    expect(provenance['metrics.fid.rope']).toBe(head);
    expect(provenance.description).toBeUndefined();
  });

  it('attributes values under a replaced map to the layer that replaced it', () => {
    const dir = writeTree({ 'head.yaml': HEAD, 'child.yaml': 'extends: head.yaml\nmetrics: { fid: higher }\n' });
    const child = path.join(dir, 'child.yaml');
    const { provenance, config } = loadConfig(child, { sets: ['metrics.loss={direction: higher}'] });
    expect(config.metrics.fid).toEqual({ direction: 'higher', alpha: 0.05, gate: true });
    expect(provenance['metrics.fid.direction']).toBe(child);
    expect(provenance['metrics.fid.rope']).toBeUndefined();
    expect(provenance['metrics.loss.direction']).toBe('--set');
    expect(provenance['metrics.loss.alpha']).toBe('default');
  });

  it('has an entry for every leaf of the resolved config', () => {
    const dir = writeTree({ 'head.yaml': HEAD });
    const { provenance } = loadConfig(path.join(dir, 'head.yaml'));
    expect(Object.keys(provenance)).toContain('notify');
    expect(Object.values(provenance).every((source) => source !== undefined)).toBe(true);
  });
});

describe('loadConfig: trainer defaults', () => {
  it('treats a trainer block without an adapter as the builtin trainer', () => {
    const dir = writeTree({ 'c.yaml': 'trainer: { timeout: 5 }\n' });
    const loaded = loadConfig(path.join(dir, 'c.yaml'));
    expect(loaded.config.trainer).toEqual({ adapter: 'builtin', timeout: 5 });
  });
});

describe('loadConfig: sequential.curves', () => {
  it('is off by default, and `true` means the default checkpoints and share of alpha', () => {
    const dir = writeTree({
      'head.yaml': HEAD,
      'curves.yaml': 'extends: head.yaml\nsequential: { curves: true }\n',
      'custom.yaml': 'extends: head.yaml\nsequential: { curves: { checkpoints: [0.2], alpha_share: 0.3 } }\n',
    });
    expect(loadConfig(path.join(dir, 'head.yaml'), { cwd: dir }).config.sequential).toEqual({ curves: false });
    expect(loadConfig(path.join(dir, 'curves.yaml'), { cwd: dir }).config.sequential).toEqual({ curves: { checkpoints: [0.1, 0.25, 0.5], alpha_share: 0.5 } });
    expect(loadConfig(path.join(dir, 'custom.yaml'), { cwd: dir }).config.sequential).toEqual({ curves: { checkpoints: [0.2], alpha_share: 0.3 } });
  });

  it('names the key of a checkpoint outside (0, 1)', () => {
    const dir = writeTree({ 'head.yaml': HEAD, 'bad.yaml': 'extends: head.yaml\nsequential: { curves: { checkpoints: [0.5, 1.5] } }\n' });
    const error = configError(() => loadConfig(path.join(dir, 'bad.yaml'), { cwd: dir }));
    expect(error.message).toMatch(/sequential\.curves/);
    expect(error.message).toMatch(/between 0 and 1/);
  });
});
