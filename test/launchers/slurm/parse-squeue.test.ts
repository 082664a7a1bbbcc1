import { describe, expect, it } from 'vitest';
import { WHOLE_JOB } from '../../../src/launchers/slurm/array-range.js';
import { parseSqueue } from '../../../src/launchers/slurm/parse-squeue.js';
import { fixture } from './fixtures.js';

const states = (map: Map<number, { state: string }>) => Object.fromEntries([...map].map(([task, row]) => [task, row.state]));

describe('parseSqueue on recorded output', () => {
  it('reads one row per task with --array, and keeps only the asked job', () => {
    const tasks = parseSqueue(fixture('squeue-array-running.txt'), '11');
    expect(states(tasks)).toEqual({
      0: 'COMPLETED',
      1: 'FAILED',
      2: 'RUNNING',
      3: 'CANCELLED',
      4: 'FAILED',
      5: 'PENDING',
    });
    expect(tasks.get(5)).toEqual({ state: 'PENDING', reason: 'JobArrayTaskLimit' });
    expect(tasks.get(1)?.reason).toBe('NonZeroExitCode');
  });

  it('expands compact pending ranges, throttle suffix included', () => {
    expect([...parseSqueue(fixture('squeue-compact-submitted.txt'), '11').keys()]).toEqual([0, 1, 2, 3, 4, 5]);
    const held = parseSqueue(fixture('squeue-compact-running.txt'), '12');
    expect([...held.keys()]).toEqual([0, 2, 3]);
    expect(held.get(2)).toEqual({ state: 'PENDING', reason: 'BeginTime' });
  });

  it('shows final states while the controller still holds the job', () => {
    const tasks = parseSqueue(fixture('squeue-array-final.txt'), '11');
    expect(tasks.get(2)).toEqual({ state: 'TIMEOUT', reason: 'TimeLimit' });
    // The held array's task 1 was cancelled while pending: Slurm keeps no record of it.
    expect([...parseSqueue(fixture('squeue-array-final.txt'), '12').keys()]).toEqual([0, 2, 3]);
  });

  it('prefers a row for one task over a range row naming the same task', () => {
    const tasks = parseSqueue('7_[0-3]|PENDING|None\n7_1|RUNNING|None\n', '7');
    expect(states(tasks)).toEqual({ 0: 'PENDING', 1: 'RUNNING', 2: 'PENDING', 3: 'PENDING' });
  });

  it('keys a non-array job WHOLE_JOB and skips --clusters headers', () => {
    const tasks = parseSqueue('CLUSTER: mlreg-dev\n18|FAILED|NonZeroExitCode\n', '18');
    expect(tasks.get(WHOLE_JOB)).toEqual({ state: 'FAILED', reason: 'NonZeroExitCode' });
  });

  it('rejects rows in another format', () => {
    expect(() => parseSqueue('11_0 COMPLETED\n', '11')).toThrow(/Expected a Slurm job id/);
    expect(() => parseSqueue('11_0|COMPLETED\n', '11')).toThrow(/JOBID\|STATE\|REASON/);
  });
});
