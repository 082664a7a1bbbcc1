import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { changesFingerprint, suiteBaselinesDir } from '../../src/suite/index.js';
import { projectPaths } from '../../src/config/project.js';
import { writeTree } from '../config/tree-dir.js';

function configs(): { head: string; wider: string } {
  const root = writeTree({
    'head.yaml': 'name: head\ntrainer: { adapter: builtin }\nparams: { width: 16, steps: 400 }\nmetrics: { fid: lower }\n',
    'wider.yaml': 'extends: head.yaml\nparams: { width: 32 }\n',
  });
  return { head: path.join(root, 'head.yaml'), wider: path.join(root, 'wider.yaml') };
}

const layer = (value: Record<string, unknown>) => [{ source: 'suite', value }];

describe('which baselines a suite config uses', () => {
  it('shorter training changes the fingerprint: the suite keeps its own baselines', () => {
    const { head } = configs();
    expect(changesFingerprint(loadConfig(head), { overrides: layer({ params: { steps: 100 } }) })).toBe(true);
    expect(changesFingerprint(loadConfig(head), { sets: ['params.steps=100'] })).toBe(true);
  });

  it('more seeds or a time limit do not: the suite shares baselines/ with mlreg run', () => {
    const { head } = configs();
    expect(changesFingerprint(loadConfig(head), { overrides: layer({ seeds: 20, trainer: { timeout: 5 } }) })).toBe(false);
    expect(changesFingerprint(loadConfig(head), { overrides: [] })).toBe(false);
  });

  it('an override that leaves the config as it is but changes an ancestor counts too', () => {
    const { wider } = configs();
    // wider already has width 32; its parent does not, and wider is compared with its parent.
    expect(changesFingerprint(loadConfig(wider), { overrides: layer({ params: { width: 32 } }) })).toBe(true);
  });

  it("puts a variant suite's baselines in baselines/<suite>/", () => {
    const paths = projectPaths('/p');
    expect(suiteBaselinesDir(paths, 'hourly', true)).toBe('/p/baselines/hourly');
    expect(suiteBaselinesDir(paths, 'weekly', false)).toBe('/p/baselines');
  });
});
