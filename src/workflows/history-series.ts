/**
 * The history of results as series: one per suite × config × metric (a suite's shorter runs are
 * never mixed with full-length ones), each with the change points E-divisive means finds in it, so
 * a report can say when a shift happened, not only that one did.
 */
import { existsSync } from 'node:fs';
import { detectChangePoints, type ChangePoint, type ChangePointOptions } from '../history/changepoint/index.js';
import type { HistoryPoint, RunDocument } from '../report/document.js';
import { History, type SeriesPoint, type SeriesQuery } from '../store/history.js';

export interface HistorySeries {
  /** The suite whose runs these are; null for `mlreg run`. */
  suite: string | null;
  config: string;
  metric: string;
  /** Oldest first. */
  points: SeriesPoint[];
  /** Shifts in the series: each names the first point after it. */
  changePoints: Array<ChangePoint & { createdAt: string }>;
}

/** Newest points per metric that a run's report charts (and searches for change points); `mlreg history` reads all. */
export const REPORT_POINTS = 200;

/** The points of the history file matching the query, grouped into series with their change points; [] without a history file. */
export function readHistorySeries(historyFile: string, query: SeriesQuery = {}, options: ChangePointOptions = {}): HistorySeries[] {
  if (!existsSync(historyFile)) return [];
  const history = new History(historyFile);
  try {
    return toSeries(history.series(query), options);
  } finally {
    history.close();
  }
}

/** Groups points (oldest first) by suite, config and metric, in order of first appearance, and finds each series' change points. */
export function toSeries(points: readonly SeriesPoint[], options: ChangePointOptions = {}): HistorySeries[] {
  const groups = new Map<string, HistorySeries>();
  for (const point of points) {
    const key = JSON.stringify([point.suite, point.config, point.metric]);
    let series = groups.get(key);
    if (!series) groups.set(key, (series = { suite: point.suite, config: point.config, metric: point.metric, points: [], changePoints: [] }));
    series.points.push(point);
  }
  for (const series of groups.values()) {
    const values = series.points.map((point) => point.value);
    series.changePoints = detectChangePoints(values, options).map((change) => ({
      ...change,
      createdAt: series.points[change.index]!.createdAt,
    }));
  }
  return [...groups.values()];
}

/**
 * The per-metric history of the document's config (its suite's runs when `suite` is given, else
 * `mlreg run`'s), with change points marked, as RunDocument.history holds it for the HTML chart.
 */
export function documentHistory(doc: RunDocument, historyFile: string, suite: string | null): Record<string, HistoryPoint[]> | undefined {
  const series = readHistorySeries(historyFile, { suite, config: doc.config.name, newest: REPORT_POINTS });
  if (series.length === 0) return undefined;
  const history: Record<string, HistoryPoint[]> = {};
  for (const { metric, points, changePoints } of series) {
    const starts = new Set(changePoints.map((change) => change.index));
    history[metric] = points.map((point, index) => ({
      createdAt: point.createdAt,
      value: point.value,
      failed: point.failed,
      ...(starts.has(index) ? { changePoint: true } : {}),
    }));
  }
  return history;
}
