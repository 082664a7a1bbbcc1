/**
 * A HEAD baseline that grows: the candidate runs of earlier invocations of the baseline's own
 * config (same fingerprint, same scope) join the stored baseline samples, so every nightly run of
 * HEAD adds its seeds to what the next run is compared with. Only runs since the newest change
 * point of that config's series join (E-divisive, as `mlreg history` finds them): a shift of HEAD
 * ends the pool instead of blending two levels. When the series changed after the baseline file
 * was recorded, the file itself no longer describes HEAD and nothing is pooled.
 *
 * Pure decisions on what the history holds; reading it is the workflow's (workflows/steps/baseline-pool.ts).
 */
import type { BaselinePool } from '../model/run-document.js';
import { detectChangePoints } from './changepoint/index.js';

/** One point of the baseline config's series: a metric's candidate mean in one invocation. */
export interface PoolSeriesPoint {
  metric: string;
  value: number | null;
  createdAt: string;
}

/** One successful candidate run of an earlier invocation of the baseline's config. */
interface PoolableRun {
  invocationId: number;
  createdAt: string;
  seed: number;
  metrics: Record<string, number>;
}

/** Time of the newest change point over the metrics' series (points oldest first); undefined when there is none. */
export function newestChangePoint(points: readonly PoolSeriesPoint[], metrics: readonly string[]): string | undefined {
  let newest: string | undefined;
  for (const metric of metrics) {
    const series = points.filter((point): point is PoolSeriesPoint & { value: number } => point.metric === metric && point.value !== null && Number.isFinite(point.value));
    const last = detectChangePoints(series.map((point) => point.value)).at(-1);
    const at = last && series[last.index]!.createdAt;
    if (at !== undefined && (newest === undefined || at > newest)) newest = at;
  }
  return newest;
}

/** Whether runs may be pooled at all: not when the series changed after the baseline was recorded. */
export function changedAfterBaseline(changePointAt: string | undefined, recordedAt: string): boolean {
  return changePointAt !== undefined && changePointAt > recordedAt;
}

export interface PoolInput {
  /** The baseline file's samples per metric. */
  fileSamples: Readonly<Record<string, readonly number[]>>;
  /** When the baseline file was recorded. */
  recordedAt: string;
  /** The newest change point of the baseline config's series (newestChangePoint). */
  changePointAt: string | undefined;
  /** The runs since that change point, oldest first (ignored when the series changed after the baseline was recorded). */
  runs: readonly PoolableRun[];
  metrics: readonly string[];
}

/** The samples per metric, the file's first and then the pooled runs', and where they came from. */
export function poolSamples(input: PoolInput): { samples: Record<string, number[]>; pool: BaselinePool } {
  const { fileSamples, metrics, changePointAt } = input;
  const skipped = changedAfterBaseline(changePointAt, input.recordedAt) ? ('changed-after-baseline' as const) : input.runs.length === 0 ? ('no-runs' as const) : undefined;
  const runs = skipped ? [] : input.runs;
  const samples = Object.fromEntries(metrics.map((metric) => [metric, [...(fileSamples[metric] ?? []), ...pooledValues(runs, metric)]]));
  const pool: BaselinePool = {
    from: 'history',
    fileSamples: Object.fromEntries(metrics.map((metric) => [metric, fileSamples[metric]?.length ?? 0])),
    historySamples: Object.fromEntries(metrics.map((metric) => [metric, pooledValues(runs, metric).length])),
    runs: runs.length,
    invocations: new Set(runs.map((run) => run.invocationId)).size,
    seeds: runs.map((run) => run.seed),
    ...(runs.length > 0 ? { firstAt: runs[0]!.createdAt, lastAt: runs.at(-1)!.createdAt } : {}),
    ...(changePointAt === undefined ? {} : { changePointAt }),
    ...(skipped ? { skipped } : {}),
  };
  return { samples, pool };
}

function pooledValues(runs: readonly PoolableRun[], metric: string): number[] {
  return runs.map((run) => run.metrics[metric]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}
