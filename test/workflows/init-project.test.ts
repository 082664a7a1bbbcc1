import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/workflows/init-project.js';

describe('initProject', () => {
  it('writes the scaffold with the chosen CI file and keeps files that exist unless forced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-init-'));
    await writeFile(join(dir, 'train.py'), 'my own trainer\n');
    const first = await initProject({ dir, ci: 'circleci' });
    expect(first.written).toEqual(['configs/head.yaml', 'configs/ablations/more-steps.yaml', 'suites/nightly.yaml', 'mlreg_report.py', '.circleci/config.yml']);
    expect(first.kept).toEqual(['train.py']);
    expect(await readFile(join(dir, 'train.py'), 'utf8')).toBe('my own trainer\n');
    const forced = await initProject({ dir, ci: 'none', force: true });
    expect(forced.written).toContain('train.py');
    expect(forced.written.some((file) => file.startsWith('.github') || file.startsWith('.circleci'))).toBe(false);
  });

  it('adds .mlreg/ to an existing .gitignore once, after a last line without a newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlreg-init-'));
    await writeFile(join(dir, '.gitignore'), 'node_modules/\n*.pyc');
    expect((await initProject({ dir, ci: 'none' })).gitignore).toBe('updated');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n*.pyc\n# mlreg: run directories and the history of results\n.mlreg/\n');
    expect((await initProject({ dir, ci: 'none' })).gitignore).toBe('unchanged');
  });
});
