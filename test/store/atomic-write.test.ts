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
  it('replaces a file and leaves no temporary behind, durable or not', async () => {
    const dir = await scratch();
    const file = join(dir, 'record.json');
    await writeFile(file, 'old');
    await writeJsonAtomic(file, { a: 1 });
    expect(await readFile(file, 'utf8')).toBe('{\n  "a": 1\n}\n');
    await writeJsonAtomic(file, { a: 2 }, { durable: false, createDirectory: false });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ a: 2 });
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('creates the directory unless told it exists, and cleans up when the write fails', async () => {
    const dir = await scratch();
    await writeFileAtomic(join(dir, 'a', 'b', 'c.txt'), 'x');
    expect(await readFile(join(dir, 'a', 'b', 'c.txt'), 'utf8')).toBe('x');
    await expect(writeFileAtomic(join(dir, 'missing', 'c.txt'), 'x', { createDirectory: false, durable: false })).rejects.toThrow(/ENOENT/);
    // A rename onto a directory fails: the temporary file is removed.
    await expect(writeFileAtomic(join(dir, 'a'), 'x', { durable: false })).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['a']);
  });
});
