import { describe, expect, it } from 'vitest';
import { classifySlurmState, normaliseSlurmState } from '../../../src/launchers/slurm/states.js';

describe('classifySlurmState', () => {
  it('keeps polling while a task is queued, running or in transition', () => {
    for (const state of ['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'REQUEUED', 'SUSPENDED']) {
      expect(classifySlurmState(state)).toEqual({ kind: 'active', state });
    }
  });

  it('maps final states to run statuses with reasons', () => {
    expect(classifySlurmState('COMPLETED')).toEqual({ kind: 'finished', state: 'COMPLETED', status: 'ok', retryable: false });
    expect(classifySlurmState('FAILED', { exitCode: 3, signal: 0 })).toMatchObject({ status: 'failed', reason: 'exited with code 3' });
    expect(classifySlurmState('FAILED', { exitCode: 0, signal: 9 })).toMatchObject({ reason: 'killed by signal 9 (SIGKILL)' });
    expect(classifySlurmState('TIMEOUT')).toMatchObject({ status: 'timeout', retryable: false });
    expect(classifySlurmState('OUT_OF_MEMORY')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/memory/) });
    expect(classifySlurmState('CANCELLED by 0')).toMatchObject({ state: 'CANCELLED', status: 'cancelled' });
  });

  it('marks node failures retryable and preemption as a requeue', () => {
    expect(classifySlurmState('NODE_FAIL')).toMatchObject({ kind: 'finished', status: 'failed', retryable: true });
    expect(classifySlurmState('PREEMPTED')).toEqual({ kind: 'requeue', state: 'PREEMPTED', reason: 'preempted by Slurm (PREEMPTED)' });
  });

  it('reports an unknown state as a failure that names it, rather than polling forever', () => {
    expect(classifySlurmState('WEIRD_NEW_STATE')).toMatchObject({
      kind: 'finished',
      status: 'failed',
      reason: expect.stringContaining("'WEIRD_NEW_STATE'"),
    });
  });
});

describe('normaliseSlurmState', () => {
  it("drops sacct's 'by <uid>' and a truncation '+'", () => {
    expect(normaliseSlurmState('CANCELLED by 1000')).toBe('CANCELLED');
    expect(normaliseSlurmState('CANCELLED+')).toBe('CANCELLED');
    expect(normaliseSlurmState(' timeout ')).toBe('TIMEOUT');
  });
});
