import { afterEach, describe, expect, it } from 'vitest';
import { environmentSnapshot, trainerEnvironment } from '../../../src/trainers/command/environment.js';
import type { RunContext } from '../../../src/trainers/types.js';

const VARIABLE = 'MLREG_TEST_SNAPSHOT_VALUE';
afterEach(() => {
  delete process.env[VARIABLE];
});

describe('environmentSnapshot', () => {
  it('copies process.env once per owner: later runs of the arm reuse the copy', () => {
    process.env[VARIABLE] = 'first';
    const arm = {};
    const snapshot = environmentSnapshot(arm);
    process.env[VARIABLE] = 'second';
    expect(environmentSnapshot(arm)).toBe(snapshot);
    expect(snapshot[VARIABLE]).toBe('first');
  });

  it('reads process.env afresh for a new owner (the next arm or invocation)', () => {
    process.env[VARIABLE] = 'first';
    environmentSnapshot({});
    process.env[VARIABLE] = 'second';
    expect(environmentSnapshot({})[VARIABLE]).toBe('second');
  });
});

describe('trainerEnvironment', () => {
  it('serialises the params of every run, also when runs share one params object', () => {
    const params = { lr: 0.1, layers: [2, 3] };
    const ctx = (seed: number) =>
      ({
        seed,
        params,
        runDir: `/runs/seed-${seed}`,
        metricsFile: `/runs/seed-${seed}/metrics.json`,
        config: { name: 'head', tags: ['a'], group: 'g', jobType: 'candidate' },
      }) as unknown as RunContext;
    expect(trainerEnvironment(ctx(0)).MLREG_PARAMS).toBe('{"lr":0.1,"layers":[2,3]}');
    expect(trainerEnvironment(ctx(1))).toMatchObject({ MLREG_PARAMS: '{"lr":0.1,"layers":[2,3]}', MLREG_SEED: '1', WANDB_NAME: 'head-seed1' });
  });
});
