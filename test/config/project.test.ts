import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../src/config/project.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temp tree with the given directories (and `.git` files where a path ends in `.git-file`). */
function tree(...paths: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mlreg-root-'));
  dirs.push(root);
  for (const path of paths) {
    if (!path.endsWith('.git-file')) {
      mkdirSync(join(root, path), { recursive: true });
      continue;
    }
    const file = join(root, path.replace(/-file$/, ''));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'gitdir: elsewhere\n');
  }
  return root;
}

describe('the project root', () => {
  it('is the nearest directory of the repository that holds baselines/ or .mlreg/', () => {
    const root = tree('repo/.git', 'repo/baselines', 'repo/configs/ablations');
    expect(findProjectRoot(join(root, 'repo/configs/ablations'))).toBe(join(root, 'repo'));
    expect(findProjectRoot(join(root, 'repo'))).toBe(join(root, 'repo'));
    const nested = tree('repo/.git', 'repo/.mlreg', 'repo/ml/baselines', 'repo/ml/configs');
    expect(findProjectRoot(join(nested, 'repo/ml/configs'))).toBe(join(nested, 'repo/ml'));
  });

  it('is the working directory when the repository has neither yet, or outside a repository', () => {
    const fresh = tree('repo/.git', 'repo/configs');
    expect(findProjectRoot(join(fresh, 'repo/configs'))).toBe(join(fresh, 'repo/configs'));
    const loose = tree('baselines', 'work/configs');
    expect(findProjectRoot(join(loose, 'work/configs'))).toBe(join(loose, 'work/configs'));
  });

  it('does not look above the repository, and knows a worktree by its .git file', () => {
    const root = tree('baselines', 'repo/.git-file', 'repo/configs');
    expect(findProjectRoot(join(root, 'repo/configs'))).toBe(join(root, 'repo/configs'));
  });
});
