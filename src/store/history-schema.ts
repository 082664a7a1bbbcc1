/**
 * The history's schema as numbered migrations, one SQL text per database. SQLite counts them in
 * `PRAGMA user_version`; PostgreSQL in the table `mlreg_schema`. Both hold the same tables and
 * columns, so `mlreg history export/import` moves a history between them.
 */
import type { ExportedInvocation, SeriesQuery } from './history-store.js';

export interface Migration {
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    sqlite: `CREATE TABLE invocations (
       id INTEGER PRIMARY KEY,
       created_at TEXT NOT NULL,
       kind TEXT NOT NULL,              -- run | baseline | suite
       suite TEXT,
       suite_run TEXT,                  -- groups the configs of one suite run
       config TEXT NOT NULL,
       config_file TEXT NOT NULL,
       fingerprint TEXT NOT NULL,
       git_commit TEXT,
       verdict TEXT NOT NULL,
       exit_code INTEGER NOT NULL,
       document TEXT NOT NULL           -- the full run document, JSON
     );
     CREATE TABLE runs (
       invocation_id INTEGER NOT NULL REFERENCES invocations(id),
       arm TEXT NOT NULL,
       seed INTEGER NOT NULL,
       status TEXT NOT NULL,
       reason TEXT,
       metrics TEXT NOT NULL,
       duration_ms INTEGER NOT NULL
     );
     CREATE TABLE comparisons (
       invocation_id INTEGER NOT NULL REFERENCES invocations(id),
       config TEXT NOT NULL,
       metric TEXT NOT NULL,
       direction TEXT NOT NULL,
       verdict TEXT NOT NULL,
       baseline_mean REAL,
       candidate_mean REAL,
       candidate_sd REAL,
       candidate_n INTEGER,
       p_value REAL,
       prob_better REAL
     );
     CREATE INDEX comparisons_series ON comparisons(config, metric);
     CREATE INDEX invocations_suite ON invocations(suite, created_at);`,
    postgres: `CREATE TABLE invocations (
       id BIGSERIAL PRIMARY KEY,
       created_at TEXT NOT NULL,
       kind TEXT NOT NULL,
       suite TEXT,
       suite_run TEXT,
       config TEXT NOT NULL,
       config_file TEXT NOT NULL,
       fingerprint TEXT NOT NULL,
       git_commit TEXT,
       verdict TEXT NOT NULL,
       exit_code INTEGER NOT NULL,
       document TEXT NOT NULL
     );
     CREATE TABLE runs (
       invocation_id BIGINT NOT NULL REFERENCES invocations(id),
       arm TEXT NOT NULL,
       seed INTEGER NOT NULL,
       status TEXT NOT NULL,
       reason TEXT,
       metrics TEXT NOT NULL,
       duration_ms INTEGER NOT NULL
     );
     CREATE TABLE comparisons (
       invocation_id BIGINT NOT NULL REFERENCES invocations(id),
       config TEXT NOT NULL,
       metric TEXT NOT NULL,
       direction TEXT NOT NULL,
       verdict TEXT NOT NULL,
       baseline_mean DOUBLE PRECISION,
       candidate_mean DOUBLE PRECISION,
       candidate_sd DOUBLE PRECISION,
       candidate_n INTEGER,
       p_value DOUBLE PRECISION,
       prob_better DOUBLE PRECISION
     );
     CREATE INDEX comparisons_series ON comparisons(config, metric);
     CREATE INDEX invocations_suite ON invocations(suite, created_at);`,
  },
  {
    // Series identity: runs made with --set overrides are told apart; series are read per config and fingerprint.
    // The index covers a config's series in one scope, newest first, so a run's report reads only its newest points.
    sqlite: `ALTER TABLE invocations ADD COLUMN sets TEXT;  -- JSON list of --set overrides, NULL without
     CREATE INDEX invocations_series ON invocations(config, suite, fingerprint, created_at, sets, kind);
     CREATE INDEX comparisons_invocation ON comparisons(invocation_id);
     CREATE INDEX runs_invocation ON runs(invocation_id);`,
    postgres: `ALTER TABLE invocations ADD COLUMN sets TEXT;
     CREATE INDEX invocations_series ON invocations(config, suite, fingerprint, created_at, sets, kind);
     CREATE INDEX comparisons_invocation ON comparisons(invocation_id);
     CREATE INDEX runs_invocation ON runs(invocation_id);`,
  },
];

/**
 * The table of change-point caches: what the last detection of each series computed
 * (history/changepoint/cache.ts), so the next recomputes only what new points can change. It is
 * outside the numbered migrations on purpose: a cache is optional, so a history that has one stays
 * usable by an mlreg that predates it (a new migration would make that mlreg refuse the history).
 * Created on first save; dropping it, or a row, costs time, never a result; export/import leave it out.
 */
export const CHANGE_POINT_CACHES: Migration = {
  sqlite: `CREATE TABLE IF NOT EXISTS change_point_caches (
     series TEXT PRIMARY KEY,         -- JSON [suite, config, fingerprint, metric, with --set runs]
     state BLOB NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  postgres: `CREATE TABLE IF NOT EXISTS change_point_caches (series TEXT PRIMARY KEY, state BYTEA NOT NULL, updated_at TEXT NOT NULL)`,
};

/** Stores a series' change-point cache, replacing the one before (the same for both databases but for the placeholders). */
export function saveChangePointCacheSql(placeholder: (index: number) => string): string {
  return `INSERT INTO change_point_caches (series, state, updated_at) VALUES (${placeholder(1)}, ${placeholder(2)}, ${placeholder(3)})
    ON CONFLICT (series) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;
}

/**
 * The series query's SQL, the same for both databases but for the placeholders (`?` or `$n`).
 * With `newest`, the newest invocations are chosen first (an index range of invocations_series
 * when config, suite and fingerprint are given) and only their comparisons are read, so a run's
 * report costs the same with 5,000 earlier results as with 50.
 */
export function seriesSql(query: SeriesQuery, placeholder: (index: number) => string): { sql: string; args: Array<string | number> } {
  const args: Array<string | number> = [];
  const bind = (value: string | number) => (args.push(value), placeholder(args.length));
  const scope: string[] = [];
  if (query.config) scope.push(`config = ${bind(query.config)}`);
  if (query.suite === null) scope.push('suite IS NULL');
  else if (query.suite) scope.push(`suite = ${bind(query.suite)}`);
  if (query.fingerprint) scope.push(`fingerprint = ${bind(query.fingerprint)}`);
  if (!query.includeAdhoc) scope.push('sets IS NULL');
  const invocations = `SELECT id, created_at, suite, fingerprint, sets, git_commit FROM invocations
    ${scope.length ? `WHERE ${scope.join(' AND ')}` : ''}
    ${query.newest === undefined ? '' : `ORDER BY created_at DESC, id DESC LIMIT ${bind(Math.max(0, Math.floor(query.newest)))}`}`;
  const metric = query.metric ? `AND c.metric = ${bind(query.metric)}` : '';
  return {
    sql: `SELECT i.id AS "invocationId", i.created_at AS "createdAt", c.config AS config, c.metric AS metric, i.suite AS suite,
        i.fingerprint AS fingerprint, i.sets AS sets, i.git_commit AS "gitCommit", c.candidate_mean AS value, c.candidate_sd AS sd,
        c.candidate_n AS n, c.verdict AS verdict
      FROM (${invocations}) i JOIN comparisons c ON c.invocation_id = i.id ${metric}
      ORDER BY i.created_at, i.id`,
    args,
  };
}

/** The fingerprints query (see HistoryStore.fingerprints). */
export function fingerprintsSql(suite: string | null, placeholder: (index: number) => string): string {
  return `SELECT fingerprint, MIN(created_at) AS "firstAt", MAX(created_at) AS "lastAt", COUNT(*) AS invocations
    FROM invocations WHERE config = ${placeholder(1)} AND ${suite === null ? 'suite IS NULL' : `suite = ${placeholder(2)}`} AND sets IS NULL AND kind <> 'baseline'
    GROUP BY fingerprint ORDER BY MIN(created_at)`;
}

/** The head-runs query (see HistoryStore.headRuns): newest first, so reversed they are oldest first, each invocation's by seed. */
export function headRunsSql(
  query: {
    config: string;
    fingerprint: string;
    suite: string | null;
    since?: string;
    limit: number;
  },
  placeholder: (index: number) => string,
): { sql: string; args: Array<string | number> } {
  const args: Array<string | number> = [];
  const bind = (value: string | number) => (args.push(value), placeholder(args.length));
  const scope = [`i.config = ${bind(query.config)}`, `i.fingerprint = ${bind(query.fingerprint)}`];
  scope.push(query.suite === null ? 'i.suite IS NULL' : `i.suite = ${bind(query.suite)}`);
  if (query.since !== undefined) scope.push(`i.created_at >= ${bind(query.since)}`);
  return {
    sql: `SELECT i.id AS "invocationId", i.created_at AS "createdAt", i.git_commit AS "gitCommit", r.seed AS seed, r.metrics AS metrics
      FROM invocations i JOIN runs r ON r.invocation_id = i.id
      WHERE ${scope.join(' AND ')} AND i.sets IS NULL AND i.kind <> 'baseline'
        AND i.verdict = 'pass' AND r.arm = 'candidate' AND r.status = 'ok'
      ORDER BY i.created_at DESC, i.id DESC, r.seed DESC
      LIMIT ${bind(Math.max(0, Math.floor(query.limit)))}`,
    args,
  };
}

/** One INSERT of a stored invocation's rows: its SQL (with `?` or `$n` placeholders) and the values of each row. */
interface InsertRows {
  sql: string;
  rows: unknown[][];
}

/** The same for both databases but for the placeholders; the rows of `runs` and `comparisons` lack their invocation id, which goes first. */
export function invocationInserts(invocation: ExportedInvocation, placeholder: (index: number) => string): { invocation: InsertRows; runs: InsertRows; comparisons: InsertRows } {
  const insert = (table: string, columns: string[], rows: unknown[][]) => ({
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => placeholder(i + 1)).join(', ')})`,
    rows,
  });
  return {
    invocation: insert(
      'invocations',
      ['created_at', 'kind', 'suite', 'suite_run', 'sets', 'config', 'config_file', 'fingerprint', 'git_commit', 'verdict', 'exit_code', 'document'],
      [
        [
          invocation.createdAt,
          invocation.kind,
          invocation.suite,
          invocation.suiteRun,
          invocation.sets && JSON.stringify(invocation.sets),
          invocation.config,
          invocation.configFile,
          invocation.fingerprint,
          invocation.gitCommit,
          invocation.verdict,
          invocation.exitCode,
          JSON.stringify(invocation.document),
        ],
      ],
    ),
    runs: insert(
      'runs',
      ['invocation_id', 'arm', 'seed', 'status', 'reason', 'metrics', 'duration_ms'],
      invocation.runs.map((run) => [run.arm, run.seed, run.status, run.reason, JSON.stringify(run.metrics), run.durationMs]),
    ),
    comparisons: insert(
      'comparisons',
      ['invocation_id', 'config', 'metric', 'direction', 'verdict', 'baseline_mean', 'candidate_mean', 'candidate_sd', 'candidate_n', 'p_value', 'prob_better'],
      invocation.comparisons.map((c) => [c.config, c.metric, c.direction, c.verdict, c.baselineMean, c.candidateMean, c.candidateSd, c.candidateN, c.pValue, c.probBetter]),
    ),
  };
}
