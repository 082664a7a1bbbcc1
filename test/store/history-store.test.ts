/** The history store's contract, on a real SQLite file and on the PostgreSQL test server. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/run-document.js';
import { SqliteHistory } from '../../src/store/history.js';
import { MIGRATIONS } from '../../src/store/history-schema.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { historyLocation, maskDatabaseUrl, openHistory } from '../../src/store/open-history.js';
import { loadDocument } from '../report/fixtures.js';
import { createTestDatabase, postgresAnswers, postgresRequired } from '../support/postgres.js';

/** The fixture document at another time and fingerprint, its first metric's candidate mean set to `value`. */
function documentAt(hour: number, value: number, fingerprint = 'f'.repeat(64)): RunDocument {
  const doc = loadDocument('softmax-bug');
  doc.createdAt = new Date(Date.UTC(2031, 0, 1, hour)).toISOString();
  doc.config.fingerprint = fingerprint;
  doc.comparisons[0]!.candidate.mean = value;
  return doc;
}

const stores: Array<[string, () => Promise<HistoryStore>]> = [['sqlite', async () => new SqliteHistory(join(mkdtempSync(join(tmpdir(), 'mlreg-history-')), 'history.db'))]];
if (postgresAnswers) stores.push(['postgres', async () => openHistory('unused.db', { MLREG_DATABASE_URL: await createTestDatabase() })]);

describe.runIf(postgresRequired && !postgresAnswers)('PostgreSQL required', () => {
  it('answers', () => {
    expect.fail('MLREG_POSTGRES_TESTS=required but the test server does not answer: run scripts/postgres-dev.sh start');
  });
});

describe.each(stores)('history store (%s)', (_name, open) => {
  it('reads back recorded comparisons as series, oldest first, per fingerprint, with --set runs left out unless asked', async () => {
    const store = await open();
    try {
      const metric = documentAt(0, 1).comparisons[0]!.metric;
      await store.record(documentAt(2, 3), { kind: 'run' });
      await store.record(documentAt(1, 2), { kind: 'run' });
      await store.record(documentAt(3, 4), { kind: 'run', sets: ['params.width=8'] });
      await store.record(documentAt(4, 5, 'e'.repeat(64)), { kind: 'run' });
      await store.record(documentAt(5, 6), { kind: 'suite', suite: 'nightly', suiteRun: 'r1' });

      const runs = (await store.series({ suite: null, metric })).map((p) => [p.createdAt.slice(11, 13), p.value, p.fingerprint[0], p.adhoc]);
      expect(runs).toEqual([
        ['01', 2, 'f', false],
        ['02', 3, 'f', false],
        ['04', 5, 'e', false],
      ]);
      const withSets = await store.series({ suite: null, metric, fingerprint: 'f'.repeat(64), includeAdhoc: true });
      expect(withSets.map((p) => [p.value, p.adhoc])).toEqual([
        [2, false],
        [3, false],
        [4, true],
      ]);
      expect((await store.series({ suite: 'nightly', metric })).map((p) => p.value)).toEqual([6]);
      expect((await store.series({ suite: null, metric, newest: 1 })).map((p) => p.value)).toEqual([5]);
      expect((await store.series({ suite: null, config: 'softmax-bug', fingerprint: 'f'.repeat(64), newest: 2 })).filter((p) => p.metric === metric).map((p) => p.value)).toEqual([
        2, 3,
      ]);
      const [point] = await store.series({ suite: null, metric, newest: 1, fingerprint: 'e'.repeat(64) });
      expect(point).toMatchObject({ config: 'softmax-bug', suite: null, failed: true, verdict: expect.any(String), n: expect.any(Number) });

      expect((await store.fingerprints('softmax-bug', null)).map((s) => [s.fingerprint[0], s.invocations])).toEqual([
        ['f', 2],
        ['e', 1],
      ]);
    } finally {
      await store.close();
    }
  });

  it('exports every invocation as lines that import into an empty store unchanged, and a second import adds nothing', async () => {
    const source = await open();
    const target = await open();
    try {
      await source.record(documentAt(1, 2), { kind: 'run' });
      await source.record(documentAt(2, 3), { kind: 'suite', suite: 'nightly', suiteRun: 'r1', sets: ['seeds=3'] });
      const exported = [];
      for await (const line of source.exportInvocations()) exported.push(line);
      expect(exported).toHaveLength(2);
      expect(exported[1]).toMatchObject({ kind: 'suite', suite: 'nightly', suiteRun: 'r1', sets: ['seeds=3'] });
      expect(exported[0]!.runs.length).toBeGreaterThan(0);
      expect(exported[0]!.comparisons.length).toBeGreaterThan(0);

      expect(await target.importInvocations(exported)).toBe(2);
      expect(await target.importInvocations(exported)).toBe(0);
      const again = [];
      for await (const line of target.exportInvocations()) again.push(line);
      expect(again).toEqual(exported);
      expect(await target.series({ includeAdhoc: true })).toEqual((await source.series({ includeAdhoc: true })).map((point) => ({ ...point, invocationId: expect.any(Number) })));
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('keeps one change-point cache per series, each save replacing the one before', async () => {
    const store = await open();
    try {
      expect(await store.changePointCache('["a"]')).toBeUndefined();
      await store.saveChangePointCache('["a"]', Uint8Array.from([1, 2, 3]));
      await store.saveChangePointCache('["b"]', Uint8Array.from([9]));
      await store.saveChangePointCache('["a"]', Uint8Array.from([4, 5]));
      expect([...((await store.changePointCache('["a"]')) ?? [])]).toEqual([4, 5]);
      expect([...((await store.changePointCache('["b"]')) ?? [])]).toEqual([9]);
    } finally {
      await store.close();
    }
  });

  it('keeps the schema version where an mlreg without change-point caches still opens the history', async () => {
    const store = await open();
    try {
      await store.saveChangePointCache('["a"]', Uint8Array.from([1]));
    } finally {
      await store.close();
    }
    if (store instanceof SqliteHistory) {
      const db = new Database(store.location, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.close();
    }
    expect(MIGRATIONS).toHaveLength(2);
  });
});

describe.runIf(postgresAnswers)('history store (postgres) with two writers', () => {
  it('migrates a new database once when two processes open it at the same time, and keeps every record of both', async () => {
    const url = await createTestDatabase();
    const [a, b] = await Promise.all([openHistory('unused.db', { MLREG_DATABASE_URL: url }), openHistory('unused.db', { MLREG_DATABASE_URL: url })]);
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).record(documentAt(i, i), { kind: 'run' })));
      const metric = documentAt(0, 0).comparisons[0]!.metric;
      expect((await a.series({ metric })).map((p) => p.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // The first change-point caches of both at once: the table is created once, and both rows land.
      await Promise.all([a.saveChangePointCache('["a"]', Uint8Array.from([1])), b.saveChangePointCache('["b"]', Uint8Array.from([2]))]);
      expect([...((await b.changePointCache('["a"]')) ?? [])]).toEqual([1]);
      expect([...((await a.changePointCache('["b"]')) ?? [])]).toEqual([2]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('openHistory', () => {
  it('masks the password wherever the store is named', () => {
    expect(maskDatabaseUrl('postgres://ci:s3cr%40t@db.internal:5432/mlreg?sslmode=require&password=x')).toBe(
      'postgres://ci:***@db.internal:5432/mlreg?sslmode=require&password=***',
    );
    expect(historyLocation('.mlreg/history.db', { MLREG_DATABASE_URL: 'postgres://ci:hunter2@db/mlreg' })).toBe('postgres://ci:***@db/mlreg');
    expect(historyLocation('.mlreg/history.db', {})).toBe('.mlreg/history.db');
  });

  it('is an infrastructure error (exit 3) naming the store, without its password, when the server does not answer', async () => {
    const error = (await openHistory('unused.db', { MLREG_DATABASE_URL: 'postgres://ci:hunter2@127.0.0.1:9/mlreg' }).catch((e: unknown) => e)) as Error & { exitCode: number };
    expect(error).toMatchObject({ exitCode: 3 });
    expect(error.message).toMatch(/^cannot use the run history postgres:\/\/ci:\*\*\*@127\.0\.0\.1:9\/mlreg: /);
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects a URL of another database as bad input (exit 2)', async () => {
    const error = (await openHistory('unused.db', { MLREG_DATABASE_URL: 'mysql://ci:hunter2@db/mlreg' }).catch((e: unknown) => e)) as Error & { exitCode: number };
    expect(error).toMatchObject({ exitCode: 2 });
    expect(error.message).toBe('MLREG_DATABASE_URL: expected a PostgreSQL URL (postgres://user:password@host:port/database), received a URL with scheme mysql:');
  });
});
