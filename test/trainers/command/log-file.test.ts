import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyLog } from '../../../src/trainers/command/log-file.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function logPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlreg-log-'));
  dirs.push(dir);
  return join(dir, 'stdout.log');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a lazily created log', () => {
  it('creates no file for a trainer that said nothing', async () => {
    const path = await logPath();
    await lazyLog(path).close();
    expect(existsSync(path)).toBe(false);
  });

  it('writes a short run\'s output at close, in order', async () => {
    const path = await logPath();
    const log = lazyLog(path);
    log.write('one\n');
    log.write('two\n');
    expect(existsSync(path)).toBe(false);
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
  });

  it('opens the file once output has waited long enough, so a long run can be followed', async () => {
    const path = await logPath();
    const log = lazyLog(path, { holdMs: 30 });
    log.write('early\n');
    await sleep(150);
    expect(readFileSync(path, 'utf8')).toBe('early\n');
    log.write('late\n');
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe('early\nlate\n');
  });

  it('opens the file at once when much output is waiting', async () => {
    const path = await logPath();
    const log = lazyLog(path, { holdChars: 10 });
    log.write('0123456789abc\n');
    await sleep(50);
    expect(readFileSync(path, 'utf8')).toBe('0123456789abc\n');
    log.write('more\n');
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe('0123456789abc\nmore\n');
  });
});
