/**
 * The run history in an SQLite file (`.mlreg/history.db`), the default store (history-store.ts).
 * Schema changes are the numbered migrations of history-schema.ts, counted in `user_version`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InfrastructureError } from '../errors.js';
import type { RunDocument } from '../model/run-document.js';
import { CHANGE_POINT_CACHES, fingerprintsSql, headRunsSql, invocationInserts, MIGRATIONS, saveChangePointCacheSql, seriesSql } from './history-schema.js';
import {
  failedVerdict,
  invocationRows,
  type ExportedInvocation,
  type FingerprintSpan,
  type HeadRun,
  type HeadRunsQuery,
  type HistoryStore,
  type RecordOptions,
  type SeriesPoint,
  type SeriesQuery,
} from './history-store.js';

export type { RecordOptions, SeriesPoint, SeriesQuery } from './history-store.js';

export class SqliteHistory implements HistoryStore {
  private readonly db: Database.Database;

  /**
   * Opens the history file, creating and migrating it as needed. A file that cannot be opened or
   * is not an mlreg history is an InfrastructureError naming it: `mlreg run` opens the history
   * before the first trainer starts, so such a file costs no training.
   */
  constructor(readonly location: string) {
    try {
      if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
      this.db = new Database(location);
    } catch (error) {
      throw unusableHistory(location, error);
    }
    // Before anything that takes a lock: a second mlreg creating the file at the same time waits.
    this.db.pragma('busy_timeout = 5000');
    const deadline = Date.now() + OPEN_RETRY_MS;
    for (;;) {
      try {
        this.db.pragma('journal_mode = WAL');
        this.migrate();
        return;
      } catch (error) {
        // Switching a new file to WAL can answer SQLITE_BUSY at once, without SQLite's busy
        // handler, while another process is creating the same file: wait and try again.
        if (isBusy(error) && Date.now() < deadline) {
          sleepSync(OPEN_RETRY_PAUSE_MS);
          continue;
        }
        this.db.close();
        throw unusableHistory(location, error);
      }
    }
  }

  async record(doc: RunDocument, options: RecordOptions): Promise<number> {
    try {
      return this.insert(invocationRows(doc, options));
    } catch (error) {
      throw new InfrastructureError(`cannot record the result in the run history ${this.location}: ${(error as Error).message}`, { cause: error });
    }
  }

  async series(query: SeriesQuery = {}): Promise<SeriesPoint[]> {
    const { sql, args } = seriesSql(query, () => '?');
    const rows = this.db.prepare(sql).all(...args) as Array<Omit<SeriesPoint, 'failed' | 'adhoc'> & { sets: string | null }>;
    return rows.map(({ sets, ...row }) => ({
      invocationId: row.invocationId,
      createdAt: row.createdAt,
      config: row.config,
      metric: row.metric,
      suite: row.suite,
      fingerprint: row.fingerprint,
      adhoc: sets !== null,
      gitCommit: row.gitCommit,
      value: row.value,
      sd: row.sd,
      n: row.n,
      verdict: row.verdict,
      failed: failedVerdict(row.verdict),
    }));
  }

  async fingerprints(config: string, suite: string | null): Promise<FingerprintSpan[]> {
    return this.db.prepare(fingerprintsSql(suite, () => '?')).all(...(suite === null ? [config] : [config, suite])) as FingerprintSpan[];
  }

  async headRuns(query: HeadRunsQuery): Promise<HeadRun[]> {
    const { sql, args } = headRunsSql(query, () => '?');
    const rows = this.db.prepare(sql).all(...args) as Array<Omit<HeadRun, 'metrics'> & { metrics: string }>;
    return rows.map((row) => ({ ...row, metrics: JSON.parse(row.metrics) as Record<string, number> }));
  }

  async changePointCache(series: string): Promise<Uint8Array | undefined> {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_point_caches'").get();
    if (!table) return undefined;
    const row = this.db.prepare('SELECT state FROM change_point_caches WHERE series = ?').get(series) as { state: Buffer } | undefined;
    return row && new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength);
  }

  async saveChangePointCache(series: string, state: Uint8Array): Promise<void> {
    this.db.exec(CHANGE_POINT_CACHES.sqlite);
    this.db.prepare(saveChangePointCacheSql(() => '?')).run(series, Buffer.from(state.buffer, state.byteOffset, state.byteLength), new Date().toISOString());
  }

  async *exportInvocations(): AsyncIterable<ExportedInvocation> {
    const runs = this.db.prepare('SELECT arm, seed, status, reason, metrics, duration_ms AS durationMs FROM runs WHERE invocation_id = ? ORDER BY rowid');
    const comparisons = this.db.prepare(
      `SELECT config, metric, direction, verdict, baseline_mean AS baselineMean, candidate_mean AS candidateMean, candidate_sd AS candidateSd,
              candidate_n AS candidateN, p_value AS pValue, prob_better AS probBetter
       FROM comparisons WHERE invocation_id = ? ORDER BY rowid`,
    );
    const invocations = this.db.prepare(
      `SELECT id, created_at AS createdAt, kind, suite, suite_run AS suiteRun, sets, config, config_file AS configFile, fingerprint,
              git_commit AS gitCommit, verdict, exit_code AS exitCode, document
       FROM invocations ORDER BY created_at, id`,
    );
    for (const row of invocations.iterate() as Iterable<Record<string, unknown> & { id: number; sets: string | null; document: string }>) {
      const { id, sets, document, ...invocation } = row;
      yield {
        ...(invocation as Omit<ExportedInvocation, 'sets' | 'document' | 'runs' | 'comparisons'>),
        sets: sets === null ? null : (JSON.parse(sets) as string[]),
        document: JSON.parse(document) as unknown,
        runs: (runs.all(id) as Array<ExportedInvocation['runs'][number] & { metrics: string }>).map((run) => ({ ...run, metrics: JSON.parse(run.metrics) as unknown })),
        comparisons: comparisons.all(id) as ExportedInvocation['comparisons'],
      };
    }
  }

  async importInvocations(invocations: Iterable<ExportedInvocation>): Promise<number> {
    const exists = this.db.prepare('SELECT 1 FROM invocations WHERE created_at = ? AND kind = ? AND config = ? AND fingerprint = ? AND suite_run IS ? LIMIT 1');
    let added = 0;
    this.db.transaction(() => {
      for (const invocation of invocations) {
        if (exists.get(invocation.createdAt, invocation.kind, invocation.config, invocation.fingerprint, invocation.suiteRun)) continue;
        this.insert(invocation);
        added++;
      }
    })();
    return added;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private insert(invocation: ExportedInvocation): number {
    const inserts = invocationInserts(invocation, () => '?');
    return this.db.transaction(() => {
      const id = Number(this.db.prepare(inserts.invocation.sql).run(...inserts.invocation.rows[0]!).lastInsertRowid);
      for (const { sql, rows } of [inserts.runs, inserts.comparisons]) {
        const statement = this.db.prepare(sql);
        for (const row of rows) statement.run(id, ...row);
      }
      return id;
    })();
  }

  /**
   * Brings the schema to the newest migration. The version is read under SQLite's write lock
   * (BEGIN IMMEDIATE): two mlreg processes creating the file at once would otherwise both read
   * version 0 and the second would fail on `CREATE TABLE`.
   */
  private migrate(): void {
    const upgrade = this.db.transaction(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) {
        throw new Error(`its schema version is ${version}, newer than this mlreg knows (${MIGRATIONS.length}); upgrade mlreg`);
      }
      for (let next = version; next < MIGRATIONS.length; next++) {
        this.db.exec(MIGRATIONS[next]!.sqlite);
        this.db.pragma(`user_version = ${next + 1}`);
      }
    });
    upgrade.immediate();
  }
}

/** How long opening the history keeps trying while another process holds the file's lock. */
const OPEN_RETRY_MS = 10_000;
const OPEN_RETRY_PAUSE_MS = 25;

/** Whether SQLite answered that the file is locked by another connection. */
function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');
}

/** Blocks this thread for `ms` (the store opens synchronously, before any trainer starts). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The error for a history file mlreg cannot use, naming the file and what to do. */
function unusableHistory(file: string, error: unknown): InfrastructureError {
  const message = error instanceof Error ? error.message : String(error);
  return new InfrastructureError(`cannot use the run history ${file}: ${message}; move the file aside (mlreg starts a new history) or fix its permissions`, { cause: error });
}
