import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from '../../src/store/atomic-write.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlreg-atomic-'));
  dirs.push(dir);
  return dir;
}

describe('atomic writes', () => {
  it('replaces a file and leaves no temporary behind', async () => {
    const dir = await scratch();
    const file = join(dir, 'record.json');
    await writeFile(file, 'old');
    await writeJsonAtomic(file, { a: 1 });
    expect(await readFile(file, 'utf8')).toBe('{\n  "a": 1\n}\n');
    await writeJsonAtomic(file, { a: 2 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ a: 2 });
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('creates the directory, and cleans up when the write fails', async () => {
    const dir = await scratch();
    await writeFileAtomic(join(dir, 'a', 'b', 'c.txt'), 'x');
    expect(await readFile(join(dir, 'a', 'b', 'c.txt'), 'utf8')).toBe('x');
    // A rename onto a directory fails: the temporary file is removed.
    await expect(writeFileAtomic(join(dir, 'a'), 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['a']);
  });
});
