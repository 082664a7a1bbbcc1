/**
 * The run history in PostgreSQL (`MLREG_DATABASE_URL=postgres://…`), so every CI runner and
 * developer reads and appends one history. Same tables as the SQLite store (history-schema.ts);
 * migrations run under an advisory lock, so two mlreg processes starting at once on a new
 * database do not both create the tables.
 */
import pg from 'pg';
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

/** Any 64-bit key; all mlreg processes take this one while they migrate. */
const MIGRATION_LOCK = 0x6d6c7265;
const dollar = (index: number) => `$${index}`;

export class PostgresHistory implements HistoryStore {
  /** Whether this connection made sure the change-point cache table exists (history-schema.ts). */
  private cacheTableExists = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  /** Connects to `url` and brings the schema up to date; `location` names the store in messages (password masked). */
  static async open(url: string, location: string): Promise<PostgresHistory> {
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, application_name: 'mlreg' });
    // An idle client losing its connection must not crash mlreg; the next query reports it.
    pool.on('error', () => undefined);
    const store = new PostgresHistory(pool, location);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async record(doc: RunDocument, options: RecordOptions): Promise<number> {
    return this.transaction((client) => insert(client, invocationRows(doc, options)));
  }

  async series(query: SeriesQuery = {}): Promise<SeriesPoint[]> {
    const { sql, args } = seriesSql(query, dollar);
    const { rows } = await this.pool.query(sql, args);
    return rows.map((row: Record<string, unknown>) => ({
      invocationId: Number(row.invocationId),
      createdAt: row.createdAt as string,
      config: row.config as string,
      metric: row.metric as string,
      suite: row.suite as string | null,
      fingerprint: row.fingerprint as string,
      adhoc: row.sets !== null,
      gitCommit: row.gitCommit as string | null,
      value: row.value as number,
      sd: row.sd as number | null,
      n: row.n as number | null,
      verdict: row.verdict as string,
      failed: failedVerdict(row.verdict as string),
    }));
  }

  async fingerprints(config: string, suite: string | null): Promise<FingerprintSpan[]> {
    const { rows } = await this.pool.query(fingerprintsSql(suite, dollar), suite === null ? [config] : [config, suite]);
    return rows.map((row: Record<string, unknown>) => ({
      fingerprint: row.fingerprint as string,
      firstAt: row.firstAt as string,
      lastAt: row.lastAt as string,
      invocations: Number(row.invocations),
    }));
  }

  async headRuns(query: HeadRunsQuery): Promise<HeadRun[]> {
    const { sql, args } = headRunsSql(query, dollar);
    const { rows } = await this.pool.query(sql, args);
    return (rows as Array<{ invocationId: string; createdAt: string; gitCommit: string | null; seed: number; metrics: string }>).map((row) => ({
      invocationId: Number(row.invocationId),
      createdAt: row.createdAt,
      gitCommit: row.gitCommit,
      seed: row.seed,
      metrics: JSON.parse(row.metrics) as Record<string, number>,
    }));
  }

  async *exportInvocations(): AsyncIterable<ExportedInvocation> {
    const [invocations, runs, comparisons] = await Promise.all([
      this.pool.query(
        `SELECT id, created_at AS "createdAt", kind, suite, suite_run AS "suiteRun", sets, config, config_file AS "configFile", fingerprint,
                git_commit AS "gitCommit", verdict, exit_code AS "exitCode", document
         FROM invocations ORDER BY created_at, id`,
      ),
      this.pool.query('SELECT invocation_id, arm, seed, status, reason, metrics, duration_ms AS "durationMs" FROM runs ORDER BY invocation_id, ctid'),
      this.pool.query(
        `SELECT invocation_id, config, metric, direction, verdict, baseline_mean AS "baselineMean", candidate_mean AS "candidateMean",
                candidate_sd AS "candidateSd", candidate_n AS "candidateN", p_value AS "pValue", prob_better AS "probBetter"
         FROM comparisons ORDER BY invocation_id, ctid`,
      ),
    ]);
    const byInvocation = <T extends { invocation_id: string }>(rows: T[]) => {
      const grouped = new Map<string, Array<Omit<T, 'invocation_id'>>>();
      for (const { invocation_id: id, ...row } of rows) grouped.set(id, [...(grouped.get(id) ?? []), row]);
      return grouped;
    };
    const runsOf = byInvocation(
      runs.rows as Array<{ invocation_id: string; metrics: string; arm: string; seed: number; status: string; reason: string | null; durationMs: number }>,
    );
    const comparisonsOf = byInvocation(comparisons.rows as Array<{ invocation_id: string } & ExportedInvocation['comparisons'][number]>);
    for (const { id, sets, document, ...invocation } of invocations.rows as Array<Record<string, unknown> & { id: string; sets: string | null; document: string }>) {
      yield {
        ...(invocation as Omit<ExportedInvocation, 'sets' | 'document' | 'runs' | 'comparisons'>),
        sets: sets === null ? null : (JSON.parse(sets) as string[]),
        document: JSON.parse(document) as unknown,
        runs: (runsOf.get(id) ?? []).map((run) => ({ ...run, metrics: JSON.parse(run.metrics) as unknown })),
        comparisons: comparisonsOf.get(id) ?? [],
      };
    }
  }

  async changePointCache(series: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query("SELECT to_regclass('change_point_caches') IS NOT NULL AS present");
    if (!(rows[0] as { present: boolean }).present) return undefined;
    const { rows: found } = await this.pool.query('SELECT state FROM change_point_caches WHERE series = $1', [series]);
    const state = (found[0] as { state: Buffer } | undefined)?.state;
    return state && new Uint8Array(state.buffer, state.byteOffset, state.byteLength);
  }

  async saveChangePointCache(series: string, state: Uint8Array): Promise<void> {
    if (!this.cacheTableExists) {
      await this.transaction(async (client) => {
        // Two processes creating the table at once would collide: the lock makes the second wait and find it.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(CHANGE_POINT_CACHES.postgres);
      });
      this.cacheTableExists = true;
    }
    await this.pool.query(saveChangePointCacheSql(dollar), [series, Buffer.from(state.buffer, state.byteOffset, state.byteLength), new Date().toISOString()]);
  }

  async importInvocations(invocations: Iterable<ExportedInvocation>): Promise<number> {
    return this.transaction(async (client) => {
      let added = 0;
      for (const invocation of invocations) {
        const { rowCount } = await client.query(
          `SELECT 1 FROM invocations WHERE created_at = $1 AND kind = $2 AND config = $3 AND fingerprint = $4 AND suite_run IS NOT DISTINCT FROM $5 LIMIT 1`,
          [invocation.createdAt, invocation.kind, invocation.config, invocation.fingerprint, invocation.suiteRun],
        );
        if (rowCount) continue;
        await insert(client, invocation);
        added++;
      }
      return added;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS mlreg_schema (version INTEGER NOT NULL)');
      const { rows } = await client.query('SELECT version FROM mlreg_schema');
      if (rows.length === 0) await client.query('INSERT INTO mlreg_schema (version) VALUES (0)');
      const version = rows.length === 0 ? 0 : Number((rows[0] as { version: number }).version);
      for (let next = version; next < MIGRATIONS.length; next++) await client.query(MIGRATIONS[next]!.postgres);
      if (version < MIGRATIONS.length) await client.query('UPDATE mlreg_schema SET version = $1', [MIGRATIONS.length]);
    });
  }
}

async function insert(client: pg.PoolClient, invocation: ExportedInvocation): Promise<number> {
  const inserts = invocationInserts(invocation, (index) => `$${index}`);
  const { rows } = await client.query(`${inserts.invocation.sql} RETURNING id`, inserts.invocation.rows[0]);
  const id = (rows[0] as { id: string }).id;
  for (const { sql, rows: values } of [inserts.runs, inserts.comparisons]) {
    for (const row of values) await client.query(sql, [id, ...row]);
  }
  return Number(id);
}
