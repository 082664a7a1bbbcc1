/** The CLI's warm-up: what a command needs after the runs loads once the candidate arm has launched every seed. */
import { describe, expect, it } from 'vitest';
import { warmUpAfterLaunch } from '../../src/cli/warm-up.js';
import type { RunRecord } from '../../src/model/run-record.js';
import type { RunObserver } from '../../src/runner/observer.js';

function record(seed: number): RunRecord {
  return { seed, status: 'ok', metrics: {}, runDir: `/runs/${seed}`, durationMs: 1 } as unknown as RunRecord;
}

function watched(): { observer: RunObserver; events: string[]; warmUps: () => number } {
  const events: string[] = [];
  let warmUps = 0;
  const progress: RunObserver = {
    onArmStart: (arm) => events.push(`arm ${arm}`),
    onRunStart: (arm, seed) => events.push(`start ${arm} ${seed}`),
    onRunEnd: (arm, run) => events.push(`end ${arm} ${run.seed}`),
    onNotice: (message) => events.push(message),
  };
  const observer = warmUpAfterLaunch(progress, async () => {
    warmUps++;
  });
  return { observer, events, warmUps: () => warmUps };
}

describe('warmUpAfterLaunch', () => {
  it('warms up once, when the last candidate seed starts, and passes every event on', () => {
    const { observer, events, warmUps } = watched();
    observer.onArmStart?.('baseline', 'c', [0, 1]);
    observer.onRunStart?.('baseline', 0);
    observer.onRunStart?.('baseline', 1);
    expect(warmUps()).toBe(0);
    observer.onArmStart?.('candidate', 'c', [0, 1, 2]);
    observer.onRunStart?.('candidate', 0);
    observer.onRunStart?.('candidate', 1);
    expect(warmUps()).toBe(0);
    observer.onRunStart?.('candidate', 2);
    observer.onRunEnd?.('candidate', record(2), false);
    observer.onNotice?.('done');
    expect(warmUps()).toBe(1);
    expect(events).toEqual([
      'arm baseline',
      'start baseline 0',
      'start baseline 1',
      'arm candidate',
      'start candidate 0',
      'start candidate 1',
      'start candidate 2',
      'end candidate 2',
      'done',
    ]);
  });

  it('counts seeds finished by an earlier attempt (--resume) as launched, and a suite config’s candidate arm', () => {
    const { observer, warmUps } = watched();
    observer.onArmStart?.('wider/candidate', 'wider', [0, 1]);
    observer.onRunEnd?.('wider/candidate', record(0), true);
    expect(warmUps()).toBe(0);
    observer.onRunStart?.('wider/candidate', 1);
    expect(warmUps()).toBe(1);
  });
});
