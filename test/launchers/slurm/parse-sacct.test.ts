import { describe, expect, it } from 'vitest';
import { WHOLE_JOB } from '../../../src/launchers/slurm/array-range.js';
import { parseElapsed, parseExitCode, parseSacct } from '../../../src/launchers/slurm/parse-sacct.js';
import { fixture } from './fixtures.js';

describe('parseSacct on recorded output', () => {
  it('reads final states, exit codes, signals and elapsed times', () => {
    const tasks = parseSacct(fixture('sacct-final.txt'), '11');
    expect(tasks.get(0)).toEqual({ state: 'COMPLETED', exitCode: 0, signal: 0, elapsedSeconds: 0 });
    expect(tasks.get(1)).toEqual({ state: 'FAILED', exitCode: 3, signal: 0, elapsedSeconds: 0 });
    expect(tasks.get(2)).toEqual({ state: 'TIMEOUT', exitCode: 0, signal: 0, elapsedSeconds: 78 });
    expect(tasks.get(3)?.state).toBe('CANCELLED by 0');
    expect(tasks.get(4)).toEqual({ state: 'FAILED', exitCode: 0, signal: 9, elapsedSeconds: 0 });
    expect([...tasks.keys()]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('expands the range record of an array cancelled while pending', () => {
    const held = parseSacct(fixture('sacct-final.txt'), '12');
    expect([...held.keys()]).toEqual([0, 1, 2, 3]);
    expect(held.get(1)?.state).toBe('CANCELLED by 0');
  });

  it('expands pending ranges while the array runs', () => {
    const tasks = parseSacct(fixture('sacct-running.txt'), '11');
    expect(Object.fromEntries([...tasks].map(([task, row]) => [task, row.state]))).toEqual({
      0: 'COMPLETED',
      1: 'FAILED',
      4: 'PENDING',
      5: 'PENDING',
    });
  });

  it('lets task rows outrank the stale range record of tasks that have since started', () => {
    // Recorded after tasks 2 and 3 ran and task 4 was cancelled while pending.
    const tasks = parseSacct(fixture('sacct-stale-range.txt'), '4');
    expect(Object.fromEntries([...tasks].map(([task, row]) => [task, row.state]))).toEqual({
      0: 'COMPLETED',
      1: 'FAILED',
      2: 'TIMEOUT',
      3: 'CANCELLED by 0',
      4: 'CANCELLED by 0',
    });
  });

  it('keys a record without a task list WHOLE_JOB', () => {
    const tasks = parseSacct(fixture('sacct-cancelled-pending-array.txt'), '3');
    expect([...tasks.keys()]).toEqual([WHOLE_JOB]);
    expect(tasks.get(WHOLE_JOB)?.state).toBe('CANCELLED by 0');
  });

  it('reads no rows for an unknown job', () => {
    expect(parseSacct(fixture('sacct-unknown-job.txt'), '999999').size).toBe(0);
  });

  it('rejects step rows, which --allocations leaves out', () => {
    expect(() => parseSacct(fixture('sacct-final-with-steps.txt'), '11')).toThrow(/received '11_0.batch'/);
  });
});

describe('parseExitCode and parseElapsed', () => {
  it('split exit:signal and convert [D-]HH:MM:SS to seconds', () => {
    expect(parseExitCode('0:15')).toEqual([0, 15]);
    expect(parseElapsed('00:01:18')).toBe(78);
    expect(parseElapsed('1-02:03:04')).toBe(93_784);
    expect(parseElapsed('12:34')).toBe(754);
  });

  it('name what they received when the text is malformed', () => {
    expect(() => parseExitCode('3')).toThrow(/received '3'/);
    expect(() => parseElapsed('INVALID')).toThrow(/received 'INVALID'/);
  });
});
