/** The history file: opened and migrated safely, and refused with exit 3 naming it when unusable. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfrastructureError } from '../../src/errors.js';
import { SqliteHistory as History } from '../../src/store/history.js';
import { prepareHistory } from '../../src/store/open-history.js';

const opener = resolve(import.meta.dirname, '../fixtures/history/open-history.ts');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlreg-history-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('History', () => {
  it('creates and migrates a new file, and opens it again', async () => {
    const file = join(dir, 'new', 'history.db');
    await prepareHistory(file, {});
    const history = new History(file);
    expect(await history.series()).toEqual([]);
    await history.close();
  });

  it('refuses a file that is not a database with an InfrastructureError naming it', async () => {
    const file = join(dir, 'garbage.db');
    await writeFile(file, 'not a database\n'.repeat(100));
    expect(() => new History(file)).toThrow(InfrastructureError);
    expect(() => new History(file)).toThrow(new RegExp(`cannot use the run history ${file}: file is not a database`));
  });

  it('refuses a path it cannot open', async () => {
    const file = join(dir, 'a-directory.db');
    await mkdir(file);
    await expect(prepareHistory(file, {})).rejects.toThrow(/cannot use the run history .*a-directory\.db/);
  });

  it('lets several processes create the same file at the same moment', async () => {
    for (let round = 0; round < 4; round++) {
      const file = join(dir, `race-${round}.db`);
      const children = Array.from({ length: 4 }, () => execa('node', ['--import', 'tsx', opener, file], { reject: false }));
      // Each child says "ready" once loaded; all are told to open at once.
      await Promise.all(children.map((child) => new Promise<void>((ready) => child.stdout!.once('data', () => ready()))));
      for (const child of children) child.stdin!.write('go\n');
      const results = await Promise.all(children);
      expect(results.map((result) => result.stdout.trim().split('\n').at(-1))).toEqual(['opened', 'opened', 'opened', 'opened']);
    }
  }, 60_000);
});
