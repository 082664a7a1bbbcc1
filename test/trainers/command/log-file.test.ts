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

  it("writes a short run's output at close, in order", async () => {
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

describe('a capped log', () => {
  it('keeps everything when the output fits the limit', async () => {
    const path = await logPath();
    const log = lazyLog(path, { limitBytes: 100 });
    log.write('a'.repeat(60));
    log.write('b'.repeat(40));
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe(`${'a'.repeat(60)}${'b'.repeat(40)}`);
  });

  it('keeps the first and last halves with a marker saying how many bytes were cut', async () => {
    const path = await logPath();
    const log = lazyLog(path, { limitBytes: 1000 });
    log.write('H'.repeat(400));
    for (let i = 0; i < 100; i++) log.write(`${String(i).padStart(4, '0')}${'.'.repeat(96)}`);
    log.write('the end\n');
    await log.close();
    const text = readFileSync(path, 'utf8');
    const total = 400 + 100 * 100 + 8;
    const [head, tail] = text.split(/\n\[mlreg: [^\]]*\]\n/);
    expect(head).toBe(`${'H'.repeat(400)}0000${'.'.repeat(96)}`);
    expect(tail).toHaveLength(500);
    expect(tail!.endsWith(`0099${'.'.repeat(96)}the end\n`)).toBe(true);
    expect(text).toContain(`[mlreg: ${(total - 1000).toLocaleString('en-US')} bytes of output cut here (runner.log_limit_mb); the log keeps the first 500 and the last 500 bytes]`);
  });

  it('counts bytes, not characters, and never splits a character', async () => {
    const path = await logPath();
    const log = lazyLog(path, { limitBytes: 10 });
    log.write('ééééééé'); // 14 bytes
    await log.close();
    const text = readFileSync(path, 'utf8');
    expect(text).toBe('éé\n[mlreg: 6 bytes of output cut here (runner.log_limit_mb); the log keeps the first 4 and the last 4 bytes]\néé');
    expect(text).not.toContain('\uFFFD');
  });
});
