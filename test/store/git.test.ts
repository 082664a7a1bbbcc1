import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentCommit } from '../../src/store/git.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('the current commit', () => {
  it('is null outside a repository, the HEAD sha when clean, and marked -dirty with tracked changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-git-'));
    dirs.push(dir);
    expect(await currentCommit(dir)).toBeNull();
    git(dir, 'init', '-q');
    expect(await currentCommit(dir)).toBeNull(); // no commit yet
    await writeFile(join(dir, 'train.py'), 'print(1)\n');
    git(dir, 'add', 'train.py');
    git(dir, 'commit', '-q', '-m', 'first');
    const sha = git(dir, 'rev-parse', 'HEAD');
    await writeFile(join(dir, 'untracked.txt'), 'ignored\n');
    expect(await currentCommit(dir)).toBe(sha);
    await writeFile(join(dir, 'train.py'), 'print(2)\n');
    expect(await currentCommit(dir)).toBe(`${sha}-dirty`);
    git(dir, 'add', 'train.py'); // staged, not committed: still dirty
    expect(await currentCommit(dir)).toBe(`${sha}-dirty`);
  });
});
