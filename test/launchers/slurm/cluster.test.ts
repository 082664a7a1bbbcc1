/**
 * Against a real Slurm cluster (scripts/slurm-dev-cluster.sh start); skipped where `sinfo`
 * does not answer. Takes 60–95 s: Slurm enforces the shortest time limit, one minute,
 * from a check that runs every 30 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingAvailable, sacct, sbatch, scancel, squeue } from '../../../src/launchers/slurm/client.js';
import { classifySlurmState, type SlurmTaskOutcome } from '../../../src/launchers/slurm/states.js';
import { lockCluster } from './cluster-lock.js';

const clusterAnswers = spawnSync('sinfo', ['--noheader'], { timeout: 10_000 }).status === 0;
// CI sets MLREG_SLURM_TESTS=required so that a cluster that failed to start fails the run instead of skipping.
const clusterRequired = process.env.MLREG_SLURM_TESTS === 'required';

// Task 0 succeeds, 1 exits 3, 2 outlives --time, 3 is cancelled running, 4 cancelled pending.
const TASKS_SCRIPT = `#!/bin/bash
case $SLURM_ARRAY_TASK_ID in
  0) echo done ;;
  1) echo "failing on purpose" >&2; exit 3 ;;
  *) sleep 150 ;;
esac
`;
const TASKS = [0, 1, 2, 3, 4];
const POLL_MS = 1_000;

type Final = Extract<SlurmTaskOutcome, { kind: 'finished' }>;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Every task's final outcome from squeue, or undefined while any task is still active. */
async function finalFromSqueue(jobId: string): Promise<Map<number, Final> | undefined> {
  const tasks = await squeue(jobId);
  const finals = new Map<number, Final>();
  for (const [task, { state }] of tasks) {
    const outcome = classifySlurmState(state);
    if (outcome.kind !== 'finished') return undefined;
    finals.set(task, outcome);
  }
  return finals.size === TASKS.length ? finals : undefined;
}

describe.runIf(clusterRequired && !clusterAnswers)('Slurm cluster required', () => {
  it('answers sinfo', () => {
    expect.fail('MLREG_SLURM_TESTS=required but `sinfo` does not answer: run scripts/slurm-dev-cluster.sh start');
  });
});

describe.skipIf(!clusterAnswers)('Slurm client against the dev cluster', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'mlreg-slurm-client-'));
  let jobId: string | undefined;
  let release: (() => void) | undefined;

  // The test counts on the node's two cores: wait while another Slurm test file uses them.
  beforeAll(async () => {
    release = await lockCluster();
  }, 250_000);

  afterAll(async () => {
    if (jobId !== undefined) await scancel(jobId);
    rmSync(workDir, { recursive: true, force: true });
    release?.();
  });

  it('submits an array and reads ok, failed, timeout and cancelled tasks', { timeout: 180_000 }, async () => {
    const submitted = await sbatch(
      ['--array=0-4', '--time=0:01', '--cpus-per-task=1', '--job-name=mlreg-client-test', `--output=${workDir}/%A_%a.out`],
      { text: TASKS_SCRIPT },
      { cwd: workDir },
    );
    jobId = submitted.jobId;
    const id = jobId;
    expect(id).toMatch(/^\d+$/);

    // Two cores: tasks 2 and 3 run once 0 and 1 have ended, and task 4 waits for a free core.
    const live = await waitFor('tasks 2 and 3 to run', 60_000, async () => {
      const tasks = await squeue(id);
      const running = tasks.get(2)?.state === 'RUNNING' && tasks.get(3)?.state === 'RUNNING';
      return running ? tasks : undefined;
    });
    expect(live.get(4)?.state).toBe('PENDING');
    expect(live.get(0)?.state).toBe('COMPLETED');
    expect(live.get(1)).toEqual({ state: 'FAILED', reason: 'NonZeroExitCode' });

    await scancel(id, [4]);
    await scancel(id, [3]);

    const finals = await waitFor('every task to end', 150_000, () => finalFromSqueue(id));
    const statuses = Object.fromEntries([...finals].map(([task, outcome]) => [task, outcome.status]));
    expect(statuses).toEqual({ 0: 'ok', 1: 'failed', 2: 'timeout', 3: 'cancelled', 4: 'cancelled' });
    expect((await squeue(id)).get(2)?.reason).toBe('TimeLimit');

    if (!(await accountingAvailable())) return;
    // slurmdbd receives records a little after slurmctld: wait until every task is final there too.
    const records = await waitFor('sacct to record every task', 30_000, async () => {
      const rows = await sacct(id);
      const done = TASKS.every((task) => {
        const row = rows.get(task);
        return row !== undefined && classifySlurmState(row.state).kind === 'finished';
      });
      return done ? rows : undefined;
    });
    const failed = records.get(1)!;
    expect(classifySlurmState(failed.state, failed)).toMatchObject({ status: 'failed', reason: 'exited with code 3' });
    expect(records.get(2)?.state).toBe('TIMEOUT');
    expect(records.get(2)?.elapsedSeconds).toBeGreaterThanOrEqual(60);
    expect(classifySlurmState(records.get(3)!.state)).toMatchObject({ status: 'cancelled' });
    expect(classifySlurmState(records.get(4)!.state)).toMatchObject({ status: 'cancelled' });
    expect(records.get(0)).toMatchObject({ state: 'COMPLETED', exitCode: 0, signal: 0 });
  });

  it('returns no tasks for a job id the controller does not know', async () => {
    expect((await squeue('999999999')).size).toBe(0);
    if (await accountingAvailable()) {
      expect((await sacct('999999999')).size).toBe(0);
    } else {
      await expect(sacct('999999999')).rejects.toThrow(/sacct .* exited with code 1: .*accounting storage is disabled/);
    }
  });
});
