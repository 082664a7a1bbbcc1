/** `mlreg history`'s series: change points found with the cache the store keeps per series, the same as without it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { detectChangePoints } from '../../src/history/changepoint/index.js';
import type { RunDocument } from '../../src/model/run-document.js';
import { readHistorySeries } from '../../src/store/history-series.js';
import { openHistory } from '../../src/store/open-history.js';
import { seriesWithShifts } from '../history/changepoint/simulate.js';
import { loadDocument } from '../report/fixtures.js';
import { createTestDatabase, postgresAnswers } from '../support/postgres.js';

/** The fixture document at minute `minute`, its first metric's candidate mean set to `value`. */
function documentAt(minute: number, value: number): RunDocument {
  const doc = loadDocument('softmax-bug');
  doc.createdAt = new Date(Date.UTC(2031, 0, 1) + minute * 60_000).toISOString();
  doc.config.fingerprint = 'f'.repeat(64);
  doc.comparisons[0]!.candidate.mean = value;
  return doc;
}

const stores: Array<[string, () => Promise<{ file: string; env: NodeJS.ProcessEnv }>]> = [
  ['sqlite', async () => ({ file: join(mkdtempSync(join(tmpdir(), 'mlreg-series-')), 'history.db'), env: {} })],
];
if (postgresAnswers) stores.push(['postgres', async () => ({ file: 'unused.db', env: { MLREG_DATABASE_URL: await createTestDatabase() } })]);

describe.each(stores)('readHistorySeries (%s)', (_name, where) => {
  it('finds the change points of a grown series with the cache it left, as a detection without one does', async () => {
    const { file, env } = await where();
    const values = seriesWithShifts(21, 92, [
      { at: 60, shift: 3 },
      { at: 89, shift: -4 },
    ]);
    const metric = documentAt(0, 0).comparisons[0]!.metric;
    const store = await openHistory(file, env);
    const key = JSON.stringify([null, 'softmax-bug', 'f'.repeat(64), metric, false]);
    try {
      for (const [minute, value] of values.slice(0, 90).entries()) await store.record(documentAt(minute, value), { kind: 'run' });
      const read = async () => (await readHistorySeries(file, { metric }, {}, env))[0]!;

      expect((await read()).changePoints.map((change) => change.index)).toEqual(detectChangePoints(values.slice(0, 90)).map((change) => change.index));
      const cached = await store.changePointCache(key);
      expect(cached?.length).toBeGreaterThan(1_000);

      for (const minute of [90, 91]) {
        await store.record(documentAt(minute, values[minute]!), { kind: 'run' });
        const { changePoints, points } = await read();
        expect(points).toHaveLength(minute + 1);
        expect(changePoints.map(({ createdAt: _, ...change }) => change)).toEqual(detectChangePoints(values.slice(0, minute + 1)));
      }
      expect((await read()).changePoints.map((change) => change.index)).toContain(60);

      // A damaged cache is ignored and replaced.
      await store.saveChangePointCache(key, Uint8Array.from([7, 7, 7]));
      expect((await read()).changePoints).toEqual((await read()).changePoints);
      expect((await store.changePointCache(key))!.length).toBeGreaterThan(1_000);
    } finally {
      await store.close();
    }
  });
});

describe('readHistorySeries (sqlite) with a store that refuses the change-point cache', () => {
  it('still answers, from a search of the whole series', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mlreg-series-')), 'history.db');
    const values = seriesWithShifts(22, 40, [{ at: 25, shift: 4 }]);
    const store = await openHistory(file, {});
    try {
      for (const [minute, value] of values.entries()) await store.record(documentAt(minute, value), { kind: 'run' });
    } finally {
      await store.close();
    }
    const db = new Database(file);
    db.exec(`CREATE TABLE change_point_caches (series TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL);
      CREATE TRIGGER refuse BEFORE INSERT ON change_point_caches BEGIN SELECT RAISE(ABORT, 'read-only for this user'); END;`);
    db.close();
    const metric = documentAt(0, 0).comparisons[0]!.metric;
    const [series] = await readHistorySeries(file, { metric }, {}, {});
    expect(series!.changePoints).toEqual(detectChangePoints(values).map((change) => ({ ...change, createdAt: expect.any(String) })));
    expect(series!.changePoints.map((change) => change.index)).toContain(25);
  });
});
