/**
 * The run history: an SQLite file (`.mlreg/history.db`) with every run and comparison, for trend
 * reports and change-point detection. Schema changes are numbered migrations on `user_version`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InfrastructureError } from '../errors.js';
import type { RunDocument } from '../report/document.js';

const MIGRATIONS = [
  `CREATE TABLE invocations (
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
];

export interface RecordOptions {
  kind: 'run' | 'baseline' | 'suite';
  suite?: string;
  suiteRun?: string;
}

export interface SeriesPoint {
  invocationId: number;
  createdAt: string;
  config: string;
  metric: string;
  suite: string | null;
  gitCommit: string | null;
  value: number;
  sd: number | null;
  n: number | null;
  verdict: string;
  failed: boolean;
}

export interface SeriesQuery {
  /** A suite's name; `null` selects the results of `mlreg run` (outside any suite). */
  suite?: string | null;
  config?: string;
  metric?: string;
  /** Only the newest points of each series (suite × config × metric). */
  newest?: number;
}

/**
 * Opens the history file (creating and migrating it) and closes it again: what a workflow does
 * before its first trainer starts, so that an unusable history fails before the training.
 */
export function prepareHistory(file: string): void {
  new History(file).close();
}

export class History {
  private readonly db: Database.Database;

  /**
   * Opens the history file, creating and migrating it as needed. A file that cannot be opened or
   * is not an mlreg history is an InfrastructureError naming it: `mlreg run` opens the history
   * before the first trainer starts, so such a file costs no training.
   */
  constructor(private readonly file: string) {
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
    } catch (error) {
      throw unusableHistory(file, error);
    }
    try {
      // Before anything that takes a lock: a second mlreg creating the file at the same time waits.
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('journal_mode = WAL');
      this.migrate();
    } catch (error) {
      this.db.close();
      throw unusableHistory(file, error);
    }
  }

  /** Appends a run document: the invocation, its runs and its comparisons, in one transaction. */
  record(doc: RunDocument, options: RecordOptions): number {
    try {
      return this.insert(doc, options);
    } catch (error) {
      throw new InfrastructureError(`cannot record the result in the run history ${this.file}: ${(error as Error).message}`, { cause: error });
    }
  }

  private insert(doc: RunDocument, options: RecordOptions): number {
    const insert = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO invocations (created_at, kind, suite, suite_run, config, config_file, fingerprint, git_commit, verdict, exit_code, document)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          doc.createdAt,
          options.kind,
          options.suite ?? null,
          options.suiteRun ?? null,
          doc.config.name,
          doc.config.file,
          doc.config.fingerprint,
          doc.candidate.gitCommit ?? null,
          doc.verdict,
          doc.exitCode,
          JSON.stringify(doc),
        );
      const id = Number(lastInsertRowid);
      const addRun = this.db.prepare(
        'INSERT INTO runs (invocation_id, arm, seed, status, reason, metrics, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const run of doc.runs) {
        addRun.run(id, run.arm, run.seed, run.status, run.reason ?? null, JSON.stringify(run.metrics), Math.round(run.durationMs));
      }
      const addComparison = this.db.prepare(
        `INSERT INTO comparisons (invocation_id, config, metric, direction, verdict, baseline_mean, candidate_mean, candidate_sd, candidate_n, p_value, prob_better)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const c of doc.comparisons) {
        addComparison.run(
          id, doc.config.name, c.metric, c.direction, c.verdict, c.baseline.mean, c.candidate.mean, c.candidate.sd,
          c.candidate.n, c.tests.welch.pValue, c.tests.bayes.probBetter,
        );
      }
      return id;
    });
    return insert();
  }

  /** The candidate mean of each comparison over time, oldest first. */
  series(query: SeriesQuery = {}): SeriesPoint[] {
    const where: string[] = [];
    const args: string[] = [];
    if (query.suite === null) where.push('i.suite IS NULL');
    else if (query.suite) (where.push('i.suite = ?'), args.push(query.suite));
    if (query.config) (where.push('c.config = ?'), args.push(query.config));
    if (query.metric) (where.push('c.metric = ?'), args.push(query.metric));
    const select = `SELECT i.id AS invocationId, i.created_at AS createdAt, c.config, c.metric, i.suite, i.git_commit AS gitCommit,
                c.candidate_mean AS value, c.candidate_sd AS sd, c.candidate_n AS n, c.verdict
         FROM comparisons c JOIN invocations i ON i.id = c.invocation_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const sql = query.newest === undefined
      ? `${select} ORDER BY i.created_at, i.id`
      : `SELECT invocationId, createdAt, config, metric, suite, gitCommit, value, sd, n, verdict FROM (
           SELECT *, ROW_NUMBER() OVER (PARTITION BY suite, config, metric ORDER BY createdAt DESC, invocationId DESC) AS age
           FROM (${select})
         ) WHERE age <= ${Math.max(0, Math.floor(query.newest))} ORDER BY createdAt, invocationId`;
    const rows = this.db.prepare(sql).all(...args) as Array<Omit<SeriesPoint, 'failed'>>;
    return rows.map((row) => ({ ...row, failed: row.verdict === 'regression' || row.verdict === 'suspicious' }));
  }

  /** The stored document of one invocation. */
  document(invocationId: number): RunDocument | undefined {
    const row = this.db.prepare('SELECT document FROM invocations WHERE id = ?').get(invocationId) as { document: string } | undefined;
    return row ? (JSON.parse(row.document) as RunDocument) : undefined;
  }

  /** The newest invocation of a config, if any. */
  latest(config: string): { id: number; document: RunDocument } | undefined {
    const row = this.db
      .prepare('SELECT id, document FROM invocations WHERE config = ? ORDER BY created_at DESC, id DESC LIMIT 1')
      .get(config) as { id: number; document: string } | undefined;
    return row ? { id: row.id, document: JSON.parse(row.document) as RunDocument } : undefined;
  }

  close(): void {
    this.db.close();
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
        this.db.exec(MIGRATIONS[next]!);
        this.db.pragma(`user_version = ${next + 1}`);
      }
    });
    upgrade.immediate();
  }
}

/** The error for a history file mlreg cannot use, naming the file and what to do. */
function unusableHistory(file: string, error: unknown): InfrastructureError {
  const message = error instanceof Error ? error.message : String(error);
  return new InfrastructureError(
    `cannot use the run history ${file}: ${message}; move the file aside (mlreg starts a new history) or fix its permissions`,
    { cause: error },
  );
}
