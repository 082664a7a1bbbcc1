/** Bad configs exit 2 with a message naming the file and the key path, and write nothing. */
import { describe, expect, it } from 'vitest';
import { listFiles, mlreg, testProject } from './harness.js';

const head = `
trainer: { adapter: builtin }
params: { steps: 50 }
seeds: 3
metrics: { fid: lower }
`;

async function expectRejected(files: Record<string, string>, config: string, expected: RegExp[]) {
  const dir = await testProject(files);
  const before = await listFiles(dir);
  const result = await mlreg(dir, ['run', '--config', config]);
  expect(result.exitCode).toBe(2);
  for (const pattern of expected) expect(result.stderr).toMatch(pattern);
  expect(await listFiles(dir)).toEqual(before);
  return result;
}

describe('mlreg run with a bad config', () => {
  it('names a misspelled key with its file and a suggestion', async () => {
    await expectRejected({ 'configs/head.yaml': head, 'configs/child.yaml': 'extends: head.yaml\nseedz: 4\n' }, 'configs/child.yaml', [/child\.yaml/, /seedz/, /seeds/]);
  });

  it('names a wrong type with expected and received', async () => {
    await expectRejected({ 'configs/head.yaml': head, 'configs/child.yaml': 'extends: head.yaml\nseeds: many\n' }, 'configs/child.yaml', [
      /child\.yaml/,
      /seeds/,
      /expected/i,
      /received/i,
    ]);
  });

  it('names a missing extends target', async () => {
    await expectRejected({ 'configs/child.yaml': 'extends: nowhere.yaml\nseeds: 3\n' }, 'configs/child.yaml', [/child\.yaml/, /nowhere\.yaml/]);
  });

  it('names the whole chain of an extends cycle', async () => {
    await expectRejected({ 'configs/a.yaml': 'extends: b.yaml\n', 'configs/b.yaml': 'extends: c.yaml\n', 'configs/c.yaml': 'extends: a.yaml\n' }, 'configs/a.yaml', [
      /cycle/i,
      /a\.yaml/,
      /b\.yaml/,
      /c\.yaml/,
    ]);
  });

  it('rejects an unknown param of the builtin trainer before running anything', async () => {
    await expectRejected({ 'configs/head.yaml': head.replace('steps: 50', 'stepz: 50') }, 'configs/head.yaml', [/head\.yaml/, /params\.stepz/]);
  });

  it('rejects a missing config file', async () => {
    await expectRejected({}, 'configs/absent.yaml', [/absent\.yaml/]);
  });

  it('treats a malformed --set as a usage error', async () => {
    const dir = await testProject({ 'configs/head.yaml': head });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--set', 'no-equals-sign']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--set/);
  });

  it('treats an unknown flag as a usage error', async () => {
    const dir = await testProject({ 'configs/head.yaml': head });
    const result = await mlreg(dir, ['run', '--config', 'configs/head.yaml', '--sedes', '3']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--sedes/);
  });
});
