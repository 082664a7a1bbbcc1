/**
 * Nothing lost, nothing run twice, on this machine: `--resume` refuses an invocation whose mlreg
 * is still running (exit 2, naming its pid) and takes over one whose mlreg is gone; a trainer
 * that exits with its metrics but leaves a child holding its output is `ok` within the kill
 * grace; and no MaxListenersExceededWarning at any concurrency.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const slow = join(repoRoot, 'test/fixtures/trainers/slow.mjs');
const leavesChild = join(repoRoot, 'test/fixtures/trainers/leaves-child.mjs');

/** A command-trainer config with a stored baseline (`score`, higher is better), so only the candidate arm runs. */
function project(name: string, trainer: object, seeds: number[], extra = ''): Record<string, string> {
  return {
    [`configs/${name}.yaml`]: `trainer: ${JSON.stringify({ adapter: 'command', ...trainer })}\nseeds: [${seeds.join(', ')}]\nmetrics: { score: higher }\n${extra}`,
    [`baselines/${name}.json`]: storedBaseline(name, { score: { direction: 'higher', samples: [9.6, 10.4, 10.1, 9.2, 10.8, 9.9] } }),
  };
}

interface Doc {
  runs: Array<{ seed: number; status: string; reason?: string; durationMs: number }>;
}

function startsIn(log: string): Array<{ seed: number; pid: number }> {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('start '))
    .map((line) => {
      const [, seed, pid] = line.split(' ');
      return { seed: Number(seed), pid: Number(pid) };
    });
}

function isAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('--resume and a live owner', () => {
  it('refuses to resume an invocation whose mlreg is still running (exit 2, its pid), leaving its trainers alone; once that mlreg is gone, exactly one of two --resume at once takes it over', {
    timeout: 60_000,
  }, async () => {
    const dir = await testProject(project('owned', { command: ['node', slow] }, [0, 1, 2, 3], 'runner: { concurrency: 2 }\n'));
    const log = join(dir, 'seeds.log');
    const first = mlreg(dir, ['run', '--config', 'configs/owned.yaml'], { env: { SEED_LOG: log, HANG_FROM_SEED: '0' } });
    await waitFor('two seeds to start', () => startsIn(log).length === 2);
    const trainers = startsIn(log).map((start) => start.pid);

    const second = await mlreg(dir, ['run', '--config', 'configs/owned.yaml', '--resume'], { env: { SEED_LOG: log } });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`still being run by mlreg \\(pid ${first.pid} on `));
    expect(second.stderr).toMatch(new RegExp(`kill ${first.pid}`));
    // The running invocation lost nothing: its trainers run on, and no seed started twice.
    expect(trainers.map(isAlive)).toEqual([true, true]);
    expect(startsIn(log)).toHaveLength(2);

    first.kill('SIGKILL');
    await first;
    // Two --resume at once: one takes the invocation over, the other finds it running.
    const resumes = [0, 1].map(() => mlreg(dir, ['run', '--config', 'configs/owned.yaml', '--resume', '--json'], { env: { SEED_LOG: log } }));
    const [a, b] = await Promise.all(resumes);
    const [resumed, refused, winner] = a!.exitCode === 2 ? [b!, a!, resumes[1]!] : [a!, b!, resumes[0]!];
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`still being run by mlreg \\(pid ${winner.pid} on `));
    expect(resumed.stderr).toMatch(/resuming/);
    const doc = JSON.parse(resumed.stdout) as Doc;
    expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([0, 1, 2, 3].map((seed) => [seed, 'ok']));
    // Each seed finished once.
    const ends = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('end '));
    expect(ends.sort()).toEqual(['end 0', 'end 1', 'end 2', 'end 3']);
  });
});

describe('a trainer that leaves a child holding its output', () => {
  it('is recorded ok within the kill grace, not timeout, whether the child is in its process group or not', { timeout: 60_000 }, async () => {
    const dir = await testProject(project('leaves-child', { command: ['node', leavesChild], timeout: 30, kill_grace: 1 }, [0, 1, 2, 3]));
    const started = Date.now();
    const result = await mlreg(dir, ['run', '--config', 'configs/leaves-child.yaml', '--json', '--concurrency', '4']);
    const elapsed = Date.now() - started;
    const held = heldChildren(dir);
    try {
      const doc = JSON.parse(result.stdout) as Doc;
      expect(doc.runs.map((run) => [run.seed, run.status])).toEqual([0, 1, 2, 3].map((seed) => [seed, 'ok']));
      // Each run ended within the kill grace (1 s) of its trainer's exit, nowhere near the 30 s timeout.
      for (const run of doc.runs) expect(run.durationMs).toBeLessThan(5_000);
      expect(elapsed).toBeLessThan(20_000);
      // The children in the trainer's process group were ended with it.
      expect(held.filter((child) => child.seed % 2 === 0).map((child) => isAlive(child.pid))).toEqual([false, false]);
    } finally {
      for (const child of held) if (isAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
    }
  });
});

/** The children the leaves-child trainer left, by seed. */
function heldChildren(dir: string): Array<{ seed: number; pid: number }> {
  const runs = join(dir, '.mlreg', 'runs', 'leaves-child');
  const children: Array<{ seed: number; pid: number }> = [];
  for (const id of readdirSync(runs)) {
    const arm = join(runs, id, 'candidate');
    for (const name of readdirSync(arm).filter((entry) => entry.startsWith('seed-'))) {
      const file = join(arm, name, 'held.pid');
      if (existsSync(file)) children.push({ seed: Number(name.slice('seed-'.length)), pid: Number(readFileSync(file, 'utf8')) });
    }
  }
  return children.sort((a, b) => a.seed - b.seed);
}

describe('many runs at once', () => {
  const quick = ['node', '-e', "require('fs').writeFileSync(process.env.MLREG_METRICS_FILE, JSON.stringify({ score: 10 + Number(process.env.MLREG_SEED) / 100 }))"];
  const seeds = Array.from({ length: 16 }, (_, seed) => seed);

  it('warns of no listener leak at --concurrency 16, nor with --sequential', { timeout: 60_000 }, async () => {
    const dir = await testProject(project('wide', { command: quick }, seeds));
    for (const extra of [[], ['--sequential']]) {
      const result = await mlreg(dir, ['run', '--config', 'configs/wide.yaml', '--json', '--concurrency', '16', ...extra]);
      expect(result.stderr).not.toMatch(/MaxListenersExceededWarning|memory leak/);
      expect((JSON.parse(result.stdout) as Doc).runs.every((run) => run.status === 'ok')).toBe(true);
    }
  });
});
