/**
 * A trainer that crashes, hangs, reports NaN, writes no metrics or malformed metrics, or is
 * killed: every run gets its status and reason, the good runs are compared, nothing hangs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlreg, repoRoot, storedBaseline, testProject } from './harness.js';

const trainer = join(repoRoot, 'test/fixtures/trainers/faulty.mjs');

function baselineFile(samples: number[]) {
  return storedBaseline('faulty', { fid: { direction: 'lower', samples } });
}

const baselineSamples = [29.6, 30.2, 29.9, 30.4, 30.1, 29.7, 30.0, 30.3, 29.8, 30.05];

function config(seeds: number[]) {
  return `
trainer:
  adapter: command
  command: [node, ${JSON.stringify(trainer)}]
  timeout: 2
params: { centre: 30 }
seeds: [${seeds.join(', ')}]
metrics: { fid: lower }
`;
}

/** Whether a process runs; a zombie (killed, not yet reaped by its new parent) does not count. */
async function isAlive(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat === '' || / Z /.test(stat)) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('faults are data', () => {
  it('records every failure with its status and reason and compares the rest', async () => {
    const dir = await testProject({
      // The good seeds first: six failures of twelve make the crash-rate regression certain
      // (fail-fast.ts), and launching stops then; every seed has been launched by that time.
      'configs/faulty.yaml': config([6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5]),
      'baselines/faulty.json': baselineFile(baselineSamples),
    });
    const started = Date.now();
    const result = await mlreg(dir, ['run', '--config', 'configs/faulty.yaml', '--json', '--concurrency', '6']);
    expect(Date.now() - started).toBeLessThan(30_000);
    const doc = JSON.parse(result.stdout);
    const bySeed = Object.fromEntries(doc.runs.map((run: { seed: number }) => [run.seed, run]));
    expect(bySeed[0].status).toBe('failed');
    expect(bySeed[0].reason).toMatch(/exited with code 3/);
    expect(bySeed[0].reason).toMatch(/CUDA error/);
    expect(bySeed[1].status).toBe('timeout');
    expect(bySeed[2].status).toBe('invalid');
    expect(bySeed[2].reason).toMatch(/"fid" is NaN/);
    expect(bySeed[3].status).toBe('invalid');
    expect(bySeed[3].reason).toMatch(/missing/);
    expect(bySeed[4].status).toBe('invalid');
    expect(bySeed[4].reason).toMatch(/not valid JSON/);
    expect(bySeed[5].status).toBe('failed');
    expect(bySeed[5].reason).toMatch(/SIGKILL/);
    for (const seed of [6, 7, 8, 9, 10, 11]) expect(bySeed[seed].status).toBe('ok');
    expect(bySeed[6].links).toEqual(['https://wandb.example/runs/seed-6']);
    // Six of twelve runs failed against none of ten in the baseline: a failure-rate regression.
    expect(doc.failureRate.verdict).toBe('regression');
    expect(doc.comparisons[0].candidate.n).toBe(6);
    expect(result.exitCode).toBe(1);

    // The hung trainer's own child process was killed with it.
    const childPid = Number(await readFile(join(bySeed[1].runDir, 'child.pid'), 'utf8'));
    expect(await isAlive(childPid)).toBe(false);
  });

  it('exits 3 when too few runs finished to decide', async () => {
    const dir = await testProject({
      'configs/faulty.yaml': config([0, 6]),
      'baselines/faulty.json': baselineFile(baselineSamples),
    });
    const result = await mlreg(dir, ['run', '--config', 'configs/faulty.yaml']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout + result.stderr).toMatch(/only 1 of 2 candidate runs/);
  });
});
