/** Pooling HEAD's earlier runs into its stored baseline: what is read from the history, on a real SQLite file and on the PostgreSQL test server. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineFile } from '../../../src/store/baseline-file.js';
import { SqliteHistory } from '../../../src/store/history.js';
import type { ExportedInvocation, HistoryStore } from '../../../src/store/history-store.js';
import { openHistory } from '../../../src/store/open-history.js';
import { poolFrom } from '../../../src/workflows/steps/baseline-pool.js';
import { createTestDatabase, postgresAnswers } from '../../support/postgres.js';

const HEAD = 'a'.repeat(64);
const at = (hour: number) => new Date(Date.UTC(2031, 0, 1, hour)).toISOString();

/** An invocation of config `head` at `hour` whose three candidate runs (seeds 0–2) report loss ≈ `level`. */
function invocation(hour: number, level: number, changes: Partial<ExportedInvocation> & { baselineArm?: boolean } = {}): ExportedInvocation {
  const { baselineArm, ...rest } = changes;
  const seeds = [0, 1, 2];
  const runs = seeds.map((seed) => ({ arm: 'candidate', seed, status: 'ok', reason: null, metrics: { loss: level + 0.01 * seed }, durationMs: 10 }));
  if (baselineArm) runs.push(...seeds.map((seed) => ({ arm: 'baseline', seed, status: 'ok', reason: null, metrics: { loss: 99 }, durationMs: 10 })));
  return {
    createdAt: at(hour),
    kind: 'run',
    suite: null,
    suiteRun: null,
    sets: null,
    config: 'head',
    configFile: 'configs/head.yaml',
    fingerprint: HEAD,
    gitCommit: null,
    verdict: 'pass',
    exitCode: 0,
    document: {},
    runs,
    comparisons: [
      {
        config: 'head',
        metric: 'loss',
        direction: 'lower',
        verdict: 'pass',
        baselineMean: 1,
        candidateMean: level + 0.01,
        candidateSd: 0.01,
        candidateN: 3,
        pValue: 0.5,
        probBetter: 0.5,
      },
    ],
    ...rest,
  };
}

function baselineAt(hour: number): BaselineFile {
  return {
    schema: 'mlreg.baseline/1',
    name: 'head',
    configFile: 'configs/head.yaml',
    fingerprint: HEAD,
    recordedAt: at(hour),
    gitCommit: null,
    mlregVersion: '0.1.0',
    seeds: [0, 1, 2],
    metrics: { loss: { direction: 'lower', samples: [1.1, 1.2, 1.3] } },
    runs: [0, 1, 2].map((seed) => ({ seed, status: 'ok' as const, metrics: { loss: 1.1 + 0.1 * seed } })),
  };
}

const stores: Array<[string, () => Promise<HistoryStore>]> = [['sqlite', async () => new SqliteHistory(join(mkdtempSync(join(tmpdir(), 'mlreg-pool-')), 'history.db'))]];
if (postgresAnswers) stores.push(['postgres', async () => openHistory('unused.db', { MLREG_DATABASE_URL: await createTestDatabase() })]);

async function withStore<T>(open: () => Promise<HistoryStore>, invocations: ExportedInvocation[], use: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    await store.importInvocations(invocations);
    return await use(store);
  } finally {
    await store.close();
  }
}

describe.each(stores)('poolFrom (%s)', (_name, open) => {
  it("joins the candidate runs of earlier passing runs of the same config, fingerprint and scope, after the file's samples", async () => {
    const history = [
      invocation(1, 1),
      invocation(2, 1, { baselineArm: true }),
      invocation(3, 1),
      invocation(4, 7, { sets: ['params.width=8'] }), // an ad-hoc variant
      invocation(5, 7, { verdict: 'fail', exitCode: 1 }), // a regressed candidate
      invocation(6, 7, { kind: 'baseline' }), // `baseline record`
      invocation(7, 7, { fingerprint: 'b'.repeat(64) }), // another fingerprint
      invocation(8, 7, { suite: 'nightly', suiteRun: 'n1' }), // another scope
    ];
    const { samples, pool } = await withStore(open, history, (store) => poolFrom(store, { baseline: baselineAt(0), suite: null, metrics: ['loss'], maxRuns: 200 }));
    expect(samples.loss!).toEqual([1.1, 1.2, 1.3, ...[1, 1, 1].flatMap((level) => [level, level + 0.01, level + 0.02])]);
    expect(pool).toMatchObject({ from: 'history', fileSamples: { loss: 3 }, historySamples: { loss: 9 }, runs: 9, invocations: 3, firstAt: at(1), lastAt: at(3) });
    expect(pool.seeds).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(pool.skipped).toBeUndefined();
  });

  it("pools a suite's own runs in that suite", async () => {
    const history = [invocation(1, 1), invocation(2, 1, { suite: 'nightly', suiteRun: 'n1' })];
    const { pool } = await withStore(open, history, (store) => poolFrom(store, { baseline: baselineAt(0), suite: 'nightly', metrics: ['loss'], maxRuns: 200 }));
    expect([pool.runs, pool.firstAt]).toEqual([3, at(2)]);
  });

  it("pools only the runs since the series' newest change point", async () => {
    // Level 5 for ten runs, then level 1 from hour 11 on; the baseline was recorded at hour 15.
    const history = Array.from({ length: 18 }, (_, i) => invocation(i + 1, i < 10 ? 5 : 1));
    const { samples, pool } = await withStore(open, history, (store) => poolFrom(store, { baseline: baselineAt(15), suite: null, metrics: ['loss'], maxRuns: 200 }));
    expect(pool.changePointAt).toBe(at(11));
    expect([pool.runs, pool.invocations, pool.firstAt, pool.lastAt]).toEqual([24, 8, at(11), at(18)]);
    expect(samples.loss!.slice(3).every((value) => value < 2)).toBe(true);
  });

  it('pools nothing when the series changed after the baseline was recorded', async () => {
    const history = Array.from({ length: 18 }, (_, i) => invocation(i + 1, i < 10 ? 1 : 5));
    const { samples, pool } = await withStore(open, history, (store) => poolFrom(store, { baseline: baselineAt(5), suite: null, metrics: ['loss'], maxRuns: 200 }));
    expect(pool).toMatchObject({ skipped: 'changed-after-baseline', changePointAt: at(11), runs: 0, historySamples: { loss: 0 } });
    expect(samples.loss!).toEqual([1.1, 1.2, 1.3]);
  });

  it('takes at most max_runs runs, the newest', async () => {
    const history = Array.from({ length: 4 }, (_, i) => invocation(i + 1, 1));
    const { pool } = await withStore(open, history, (store) => poolFrom(store, { baseline: baselineAt(0), suite: null, metrics: ['loss'], maxRuns: 5 }));
    expect([pool.runs, pool.invocations, pool.firstAt, pool.lastAt]).toEqual([5, 2, at(3), at(4)]);
  });

  it('says so when there is nothing to pool', async () => {
    const { pool } = await withStore(open, [], (store) => poolFrom(store, { baseline: baselineAt(0), suite: null, metrics: ['loss'], maxRuns: 200 }));
    expect(pool).toMatchObject({ skipped: 'no-runs', runs: 0, fileSamples: { loss: 3 }, historySamples: { loss: 0 } });
    const withoutHistory = await poolFrom(undefined, { baseline: baselineAt(0), suite: null, metrics: ['loss'], maxRuns: 200 });
    expect(withoutHistory).toEqual({ samples: { loss: [1.1, 1.2, 1.3] }, pool: expect.objectContaining({ skipped: 'no-runs', runs: 0 }) });
  });
});
