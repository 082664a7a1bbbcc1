/**
 * The run history as a store: every invocation with its runs and comparisons, for trend reports
 * and change-point detection. Two implementations share this interface and one schema: an SQLite
 * file in the project (`.mlreg/history.db`, the default) and a PostgreSQL database that a team
 * shares (`MLREG_DATABASE_URL=postgres://…`), so every CI runner and developer sees one history.
 */
import type { RunDocument } from '../model/run-document.js';

export interface RecordOptions {
  kind: 'run' | 'baseline' | 'suite';
  suite?: string | undefined;
  suiteRun?: string | undefined;
  /** `--set` overrides the run was made with; such runs are kept out of the config's series unless asked for. */
  sets?: readonly string[] | undefined;
}

export interface SeriesPoint {
  invocationId: number;
  createdAt: string;
  config: string;
  metric: string;
  suite: string | null;
  /** Fingerprint of the config the point was run with (config/fingerprint.ts). */
  fingerprint: string;
  /** Whether the run was made with `--set` overrides. */
  adhoc: boolean;
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
  /** Only results of configs with this fingerprint. */
  fingerprint?: string;
  /** Include runs made with `--set` overrides (left out by default). */
  includeAdhoc?: boolean;
  /** Only the points of the newest this-many invocations that match (per series when config, suite and fingerprint are given). */
  newest?: number;
}

/** Which earlier runs a baseline may pool (HistoryStore.headRuns). */
export interface HeadRunsQuery {
  config: string;
  fingerprint: string;
  /** A suite's name; `null`: `mlreg run` outside suites. */
  suite: string | null;
  /** Only invocations created at or after this time. */
  since?: string;
  /** Most runs, newest first. */
  limit: number;
}

/** One successful candidate run of an earlier invocation. */
export interface HeadRun {
  invocationId: number;
  createdAt: string;
  gitCommit: string | null;
  seed: number;
  metrics: Record<string, number>;
}

/** One fingerprint a config had in a scope (a suite, or `mlreg run`), with its first and last run. */
export interface FingerprintSpan {
  fingerprint: string;
  firstAt: string;
  lastAt: string;
  invocations: number;
}

/** One invocation as `mlreg history export` writes it and `import` reads it: one JSON line each. */
export interface ExportedInvocation {
  createdAt: string;
  kind: string;
  suite: string | null;
  suiteRun: string | null;
  sets: string[] | null;
  config: string;
  configFile: string;
  fingerprint: string;
  gitCommit: string | null;
  verdict: string;
  exitCode: number;
  document: unknown;
  runs: Array<{ arm: string; seed: number; status: string; reason: string | null; metrics: unknown; durationMs: number }>;
  comparisons: Array<{
    config: string;
    metric: string;
    direction: string;
    verdict: string;
    baselineMean: number | null;
    candidateMean: number | null;
    candidateSd: number | null;
    candidateN: number | null;
    pValue: number | null;
    probBetter: number | null;
  }>;
}

export interface HistoryStore {
  /** Where the history lives, for messages: a file path, or the database URL with its password masked. */
  readonly location: string;
  /** Appends a run document: the invocation, its runs and its comparisons, in one transaction. */
  record(doc: RunDocument, options: RecordOptions): Promise<number>;
  /** The candidate mean of each comparison over time, oldest first. */
  series(query?: SeriesQuery): Promise<SeriesPoint[]>;
  /** The fingerprints a config had in a scope (`suite` null: `mlreg run`), oldest first; runs with `--set` left out. */
  fingerprints(config: string, suite: string | null): Promise<FingerprintSpan[]>;
  /**
   * The successful candidate runs of earlier invocations of a config and fingerprint in a scope,
   * newest first: what a baseline pools. Left out: runs made with `--set`, `baseline record`
   * invocations, baseline arms, and invocations whose verdict was not `pass` (a regressed candidate is not HEAD).
   */
  headRuns(query: HeadRunsQuery): Promise<HeadRun[]>;
  /**
   * The change-point cache of a series (history/changepoint/cache.ts) as the last detection left
   * it; undefined when there is none. `series` names the series (history-series.ts).
   */
  changePointCache(series: string): Promise<Uint8Array | undefined>;
  /** Replaces the change-point cache of a series. */
  saveChangePointCache(series: string, state: Uint8Array): Promise<void>;
  /** Every invocation, oldest first, as export lines. */
  exportInvocations(): AsyncIterable<ExportedInvocation>;
  /** Adds invocations not already present (same time, kind, config, fingerprint and suite run); returns how many were added. */
  importInvocations(invocations: Iterable<ExportedInvocation>): Promise<number>;
  close(): Promise<void>;
}

/** SeriesPoint.failed from a stored verdict. */
export function failedVerdict(verdict: string): boolean {
  return verdict === 'regression' || verdict === 'suspicious';
}

/** The rows record() writes for a document, shared by both stores. */
export function invocationRows(doc: RunDocument, options: RecordOptions): ExportedInvocation {
  return {
    createdAt: doc.createdAt,
    kind: options.kind,
    suite: options.suite ?? null,
    suiteRun: options.suiteRun ?? null,
    sets: options.sets && options.sets.length > 0 ? [...options.sets] : null,
    config: doc.config.name,
    configFile: doc.config.file,
    fingerprint: doc.config.fingerprint,
    gitCommit: doc.candidate.gitCommit ?? null,
    verdict: doc.verdict,
    exitCode: doc.exitCode,
    document: doc,
    runs: doc.runs.map((run) => ({
      arm: run.arm,
      seed: run.seed,
      status: run.status,
      reason: run.reason ?? null,
      metrics: run.metrics,
      durationMs: Math.round(run.durationMs),
    })),
    comparisons: doc.comparisons.map((c) => ({
      config: doc.config.name,
      metric: c.metric,
      direction: c.direction,
      verdict: c.verdict,
      baselineMean: c.baseline.mean,
      candidateMean: c.candidate.mean,
      candidateSd: c.candidate.sd,
      candidateN: c.candidate.n,
      pValue: c.tests.welch.pValue,
      probBetter: c.tests.bayes.probBetter,
    })),
  };
}
