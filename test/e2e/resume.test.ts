/**
 * Interruption and resume: SIGINT, SIGTERM or `kill -9` in the middle of `mlreg run`, then
 * `--resume`, ends with exactly the configured seeds, each finished once, and the same report
 * as an uninterrupted run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const trainer = join(repoRoot, 'test/fixtures/trainers/slow.mjs');
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

const files = {
  'configs/slow.yaml': `
trainer:
  adapter: command
  command: [node, ${JSON.stringify(trainer)}]
seeds: [${SEEDS.join(', ')}]
metrics: { score: higher }
runner: { concurrency: 2 }
`,
  'baselines/slow.json': storedBaseline('slow', { score: { direction: 'higher', samples: [9.6, 10.4, 10.1, 9.2, 10.8, 9.9, 10.3, 9.5] } }),
};

interface LogEntry {
  event: 'start' | 'end';
  seed: number;
  pid?: number;
}

function readLog(file: string): LogEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [event, seed, pid] = line.split(' ');
      return { event: event as LogEntry['event'], seed: Number(seed), ...(pid ? { pid: Number(pid) } : {}) };
    });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function settle(pids: number[]): Promise<boolean[]> {
  for (let attempt = 0; attempt < 40 && pids.some(isAlive); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  return pids.map(isAlive);
}

const count = (entries: LogEntry[], event: LogEntry['event'], seed: number) => entries.filter((e) => e.event === event && e.seed === seed).length;

/**
 * Runs seeds 0–3 to completion and catches 4 and 5 mid-run (they hang in the first attempt),
 * then stops mlreg with `signal`; returns the project, the log and the pids caught mid-run.
 */
async function interruptMidway(signal: NodeJS.Signals) {
  const dir = await testProject(files);
  const log = join(dir, 'seeds.log');
  const first = mlreg(dir, ['run', '--config', 'configs/slow.yaml'], { env: { SEED_LOG: log, HANG_FROM_SEED: '4' } });
  await waitFor(
    () => readLog(log).filter((e) => e.event === 'end').length === 4 && readLog(log).filter((e) => e.event === 'start').length === 6,
    'seeds 0-3 to finish and 4-5 to start',
  );
  const midRun = readLog(log)
    .filter((e) => e.event === 'start' && e.seed >= 4)
    .map((e) => e.pid!);
  first.kill(signal);
  const result = await first;
  return { dir, log, result, midRun };
}

async function resume(dir: string, log: string) {
  const result = await mlreg(dir, ['run', '--config', 'configs/slow.yaml', '--resume', '--json'], { env: { SEED_LOG: log } });
  return { result, doc: JSON.parse(result.stdout) };
}

/** What must not differ between an interrupted-and-resumed run and an uninterrupted one. */
function essence(doc: { runs: Array<{ seed: number; status: string; metrics: unknown }>; comparisons: unknown; verdict: string; exitCode: number; failureRate: unknown }) {
  return {
    runs: doc.runs.map((run) => ({ seed: run.seed, status: run.status, metrics: run.metrics })),
    comparisons: doc.comparisons,
    failureRate: doc.failureRate,
    verdict: doc.verdict,
    exitCode: doc.exitCode,
  };
}

describe('interruption and resume', () => {
  let uninterrupted: ReturnType<typeof essence> | undefined;
  async function uninterruptedEssence() {
    if (uninterrupted) return uninterrupted;
    const dir = await testProject(files);
    const result = await mlreg(dir, ['run', '--config', 'configs/slow.yaml', '--json'], { env: { SEED_LOG: join(dir, 'seeds.log') } });
    uninterrupted = essence(JSON.parse(result.stdout));
    expect(uninterrupted.runs.map((run) => run.seed)).toEqual(SEEDS);
    return uninterrupted;
  }

  it('on SIGINT cancels the runs in flight, keeps the finished ones and exits 130; --resume runs only the rest', async () => {
    const { dir, log, result, midRun } = await interruptMidway('SIGINT');
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/SIGINT: stopping/);
    expect(result.stderr).toMatch(/--resume/);
    // The trainers caught mid-run were ended with mlreg.
    expect(await settle(midRun)).toEqual([false, false]);

    const { result: resumed, doc } = await resume(dir, log);
    expect(resumed.stderr).toMatch(/resuming/);
    const entries = readLog(log);
    for (const seed of SEEDS) {
      expect(count(entries, 'end', seed), `seed ${seed} finished once`).toBe(1);
      // Only the seeds caught mid-run started twice.
      expect(count(entries, 'start', seed), `seed ${seed} starts`).toBe(seed === 4 || seed === 5 ? 2 : 1);
    }
    expect(doc.runs.map((run: { seed: number }) => run.seed)).toEqual(SEEDS);
    expect(essence(doc)).toEqual(await uninterruptedEssence());
    expect(resumed.exitCode).toBe(doc.exitCode);
  });

  it('after kill -9 of mlreg, --resume ends the stray trainers and runs every missing seed once', async () => {
    const { dir, log, result, midRun } = await interruptMidway('SIGKILL');
    expect(result.signal).toBe('SIGKILL');
    // mlreg could not end them: they are still running.
    expect(midRun.map(isAlive)).toEqual([true, true]);

    const { doc } = await resume(dir, log);
    expect(await settle(midRun)).toEqual([false, false]);
    const entries = readLog(log);
    for (const seed of SEEDS) expect(count(entries, 'end', seed), `seed ${seed} finished once`).toBe(1);
    expect(essence(doc)).toEqual(await uninterruptedEssence());
  });

  it('exits 143 on SIGTERM', async () => {
    const { result } = await interruptMidway('SIGTERM');
    expect(result.exitCode).toBe(143);
  });
});
