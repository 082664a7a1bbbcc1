/**
 * `baseline_pool.from: history`: before the first trainer, HEAD's earlier runs from the history
 * join the stored baseline's samples (the decisions in src/history/pool.ts), so the power plan,
 * the sequential rule and the comparisons all see the grown baseline. A history that cannot be
 * read fails here, before any training (exit 3).
 */
import type { LoadedConfig } from '../../config/index.js';
import type { BaselinePool } from '../../model/run-document.js';
import type { BaselineFile } from '../../store/baseline-file.js';
import type { BaselineSource } from '../../store/baselines.js';
import type { HistoryStore } from '../../store/history-store.js';

/** The source with the pooled samples joined to its baseline file, and where they came from; the source unchanged when the config does not pool. */
export async function poolStoredBaseline(
  candidate: LoadedConfig,
  source: BaselineSource,
  historyFile: string,
  suite: string | null,
): Promise<{ source: BaselineSource; pool?: BaselinePool }> {
  const settings = candidate.config.baseline_pool;
  if (settings.from !== 'history' || source.kind !== 'file') return { source };
  const { historyExists, openHistory } = await import('../../store/open-history.js');
  const metrics = Object.keys(candidate.config.metrics).filter((metric) => source.baseline.metrics[metric] !== undefined);
  const request = { baseline: source.baseline, suite, metrics, maxRuns: settings.max_runs };
  if (!historyExists(historyFile)) return withPool(source, await poolFrom(undefined, request));
  const store = await openHistory(historyFile);
  try {
    return withPool(source, await poolFrom(store, request));
  } finally {
    await store.close();
  }
}

interface PoolRequest {
  baseline: BaselineFile;
  suite: string | null;
  metrics: string[];
  maxRuns: number;
}

/** Reads the baseline config's series and, unless it changed after the baseline was recorded, its runs since the newest change point. */
export async function poolFrom(store: HistoryStore | undefined, request: PoolRequest): Promise<ReturnType<typeof import('../../history/pool.js').poolSamples>> {
  const { changedAfterBaseline, newestChangePoint, poolSamples } = await import('../../history/pool.js');
  const { baseline, suite, metrics, maxRuns } = request;
  const fileSamples = Object.fromEntries(metrics.map((metric) => [metric, baseline.metrics[metric]!.samples]));
  const scope = { config: baseline.name, fingerprint: baseline.fingerprint, suite };
  // The newest maxRuns invocations: a change point further back could not end the pool anyway.
  const points = store ? await store.series({ ...scope, newest: maxRuns }) : [];
  const changePointAt = newestChangePoint(points, metrics);
  const runs =
    store && !changedAfterBaseline(changePointAt, baseline.recordedAt)
      ? (await store.headRuns({ ...scope, limit: maxRuns, ...(changePointAt === undefined ? {} : { since: changePointAt }) })).reverse()
      : [];
  return poolSamples({ fileSamples, recordedAt: baseline.recordedAt, changePointAt, runs, metrics });
}

function withPool(source: BaselineSource & { kind: 'file' }, pooled: { samples: Record<string, number[]>; pool: BaselinePool }): { source: BaselineSource; pool: BaselinePool } {
  const metrics: BaselineFile['metrics'] = { ...source.baseline.metrics };
  for (const [metric, samples] of Object.entries(pooled.samples)) metrics[metric] = { ...metrics[metric]!, samples };
  return { source: { ...source, baseline: { ...source.baseline, metrics } }, pool: pooled.pool };
}
