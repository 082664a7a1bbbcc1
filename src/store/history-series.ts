/**
 * The history of results as series: one per suite × config × fingerprint × metric (a suite's
 * shorter runs are never mixed with full-length ones, a changed config starts a series of its
 * own, and runs made with `--set` are left out unless asked for), each with the change points
 * E-divisive means finds in it, so a report can say when a shift happened, not only that one did.
 */
import { ChangePointCache, detectChangePoints, type ChangePoint, type ChangePointOptions } from '../history/changepoint/index.js';
import type { FingerprintChange, HistoryPoint, RunDocument } from '../model/run-document.js';
import type { FingerprintSpan, HistoryStore, SeriesPoint, SeriesQuery } from './history-store.js';
import { historyExists, openHistory } from './open-history.js';

export interface HistorySeries {
  /** The suite whose runs these are; null for `mlreg run`. */
  suite: string | null;
  config: string;
  /** The config's fingerprint in this series. */
  fingerprint: string;
  metric: string;
  /** Oldest first. */
  points: SeriesPoint[];
  /** Shifts in the series: each names the first point after it. */
  changePoints: Array<ChangePoint & { createdAt: string }>;
}

/** Newest points per metric that a run's report charts (and searches for change points); `mlreg history` reads all. */
const REPORT_POINTS = 200;

/**
 * The points of the history matching the query, grouped into series with their change points; []
 * without a history. A whole series (no `newest`) is searched with the change-point cache the
 * store keeps for it, so a series that grew by one run since the last `mlreg history` recomputes
 * only what that run can change.
 */
export async function readHistorySeries(
  historyFile: string,
  query: SeriesQuery = {},
  options: ChangePointOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<HistorySeries[]> {
  if (!historyExists(historyFile, env)) return [];
  const store = await openHistory(historyFile, env);
  try {
    const series = groupSeries(await store.series(query));
    for (const one of series) {
      const found = query.newest === undefined ? await detectWithStoredCache(store, one, query.includeAdhoc === true, options) : detectChangePoints(values(one), options);
      one.changePoints = withTimes(one, found);
    }
    return series;
  } finally {
    await store.close();
  }
}

/**
 * The change points of a whole series, found with the cache the store keeps for it
 * (history/changepoint/cache.ts), which then holds what this search computed. The cache only
 * saves time, so a store that will not read or write it (a read-only file, a database user without
 * rights on its table) still answers, from a search of the whole series.
 */
async function detectWithStoredCache(store: HistoryStore, series: HistorySeries, includeAdhoc: boolean, options: ChangePointOptions): Promise<ChangePoint[]> {
  const key = JSON.stringify([series.suite, series.config, series.fingerprint, series.metric, includeAdhoc]);
  const stored = await store.changePointCache(key).catch(() => undefined);
  const cache = (stored && ChangePointCache.deserialize(stored)) || new ChangePointCache();
  const found = detectChangePoints(values(series), { ...options, cache });
  await store.saveChangePointCache(key, cache.serialize()).catch(() => undefined);
  return found;
}

/** Groups points (oldest first) by suite, config, fingerprint and metric, in order of first appearance. */
function groupSeries(points: readonly SeriesPoint[]): HistorySeries[] {
  const groups = new Map<string, HistorySeries>();
  for (const point of points) {
    const key = JSON.stringify([point.suite, point.config, point.fingerprint, point.metric]);
    let series = groups.get(key);
    if (!series) {
      series = { suite: point.suite, config: point.config, fingerprint: point.fingerprint, metric: point.metric, points: [], changePoints: [] };
      groups.set(key, series);
    }
    series.points.push(point);
  }
  return [...groups.values()];
}

/** The series grouped, each with the change points found in it. */
function toSeries(points: readonly SeriesPoint[]): HistorySeries[] {
  const series = groupSeries(points);
  for (const one of series) one.changePoints = withTimes(one, detectChangePoints(values(one)));
  return series;
}

function values(series: HistorySeries): number[] {
  return series.points.map((point) => point.value);
}

function withTimes(series: HistorySeries, changes: readonly ChangePoint[]): HistorySeries['changePoints'] {
  return changes.map((change) => ({ ...change, createdAt: series.points[change.index]!.createdAt }));
}

export interface DocumentHistory {
  /** Per metric, the newest points of the document's series with change points marked, as the HTML chart draws them. */
  history?: Record<string, HistoryPoint[]>;
  /** Set when the config ran with another fingerprint before this series began. */
  fingerprintChange?: FingerprintChange;
}

/**
 * The history of the document's config and fingerprint (its suite's runs when `suite` is given,
 * else `mlreg run`'s), and whether the fingerprint changed, for RunDocument.history.
 */
export async function documentHistory(doc: RunDocument, historyFile: string, suite: string | null, env: NodeJS.ProcessEnv = process.env): Promise<DocumentHistory> {
  if (!historyExists(historyFile, env)) return {};
  const store = await openHistory(historyFile, env);
  try {
    return await readDocumentHistory(store, doc, suite);
  } finally {
    await store.close();
  }
}

async function readDocumentHistory(store: HistoryStore, doc: RunDocument, suite: string | null): Promise<DocumentHistory> {
  const { name, fingerprint } = doc.config;
  const [points, spans] = await Promise.all([store.series({ suite, config: name, fingerprint, newest: REPORT_POINTS }), store.fingerprints(name, suite)]);
  const result: DocumentHistory = {};
  const change = fingerprintChange(spans, fingerprint);
  if (change) result.fingerprintChange = change;
  const series = toSeries(points);
  if (series.length === 0) return result;
  result.history = {};
  for (const { metric, points: metricPoints, changePoints } of series) {
    const starts = new Set(changePoints.map((c) => c.index));
    result.history[metric] = metricPoints.map((point, index) => ({
      createdAt: point.createdAt,
      value: point.value,
      failed: point.failed,
      ...(starts.has(index) ? { changePoint: true } : {}),
    }));
  }
  return result;
}

/** The fingerprint the config had before `current`'s series began, if any. */
function fingerprintChange(spans: readonly FingerprintSpan[], current: string): FingerprintChange | undefined {
  const mine = spans.find((span) => span.fingerprint === current);
  if (!mine) return undefined;
  const before = spans
    .filter((span) => span.fingerprint !== current && span.lastAt <= mine.firstAt)
    .sort((a, b) => a.lastAt.localeCompare(b.lastAt))
    .at(-1);
  return before ? { previous: before.fingerprint, current, at: mine.firstAt, runsSince: mine.invocations } : undefined;
}
