/**
 * Baseline files: `baselines/<name>.json`, the stored final metrics of N runs of a config with
 * where they came from. They live in the user's repository, so a new baseline is a reviewed PR.
 */
import * as z from 'zod';
import { describeValue, InputError } from '../errors.js';
import type { Direction } from '../model/direction.js';
import { readJsonInput } from './json-input.js';
import { writeFileAtomic } from './atomic-write.js';
import { thinCurve, type CurvePoint, type RunCurves } from '../curves/index.js';

export const BASELINE_SCHEMA = 'mlreg.baseline/1';

/** A run's curve for one metric, thinned (src/curves/thin.ts): steps ascending, one value per step. */
const storedCurve = z
  .object({ steps: z.array(z.number().finite()), values: z.array(z.number().finite()) })
  .refine((curve) => curve.steps.length === curve.values.length, { error: 'expected as many values as steps' })
  .refine((curve) => curve.steps.every((step, i) => i === 0 || step > curve.steps[i - 1]!), { error: 'expected steps in increasing order' });

const runSummary = z.object({
  seed: z.number().int(),
  status: z.enum(['ok', 'failed', 'timeout', 'invalid', 'cancelled']),
  reason: z.string().optional(),
  metrics: z.record(z.string(), z.number()),
  /** The run's learning curves, per metric. Files written before mlreg stored curves lack them. */
  curves: z.record(z.string(), storedCurve).optional(),
});

const storedConfig = z.object({
  trainer: z.record(z.string(), z.unknown()),
  params: z.record(z.string(), z.unknown()),
  seeds: z.array(z.number().int()),
  fingerprint: z.string(),
});

const baselineFileSchema = z.object({
  schema: z.literal(BASELINE_SCHEMA),
  name: z.string().min(1),
  configFile: z.string(),
  fingerprint: z.string(),
  recordedAt: z.string(),
  gitCommit: z.string().nullable(),
  mlregVersion: z.string(),
  seeds: z.array(z.number().int()),
  metrics: z.record(z.string(), z.object({ direction: z.enum(['lower', 'higher']), samples: z.array(z.number().finite()) })),
  runs: z.array(runSummary),
  /**
   * The resolved config the runs were made with (secret-looking `trainer.env` values redacted), so
   * a later run can say which values differ. Files written before mlreg stored it lack it.
   */
  config: storedConfig.optional(),
  /** Earlier baselines this one replaced, newest first (kept by `baseline promote`). */
  previous: z
    .array(
      z.object({
        recordedAt: z.string(),
        fingerprint: z.string(),
        gitCommit: z.string().nullable(),
        metrics: z.record(z.string(), z.object({ n: z.number(), mean: z.number(), sd: z.number() })),
      }),
    )
    .optional(),
});

export type BaselineFile = z.infer<typeof baselineFileSchema>;
export type StoredCurve = z.infer<typeof storedCurve>;
/** The config a baseline was recorded from, as stored in its file. */
export type StoredConfig = z.infer<typeof storedConfig>;

/**
 * A run's curves as a baseline file stores them: each thinned to STORED_CURVE_POINTS, as parallel
 * step and value lists; undefined when the run streamed none.
 */
export function storedCurvesOf(curves: RunCurves | undefined): Record<string, StoredCurve> | undefined {
  const entries = Object.entries(curves ?? {}).filter(([, points]) => points.length > 0);
  if (entries.length === 0) return undefined;
  const stored: Record<string, StoredCurve> = emptyRecord();
  for (const [metric, points] of entries) {
    const thinned = thinCurve(points);
    stored[metric] = { steps: thinned.map((point) => point.step), values: thinned.map((point) => point.value) };
  }
  return stored;
}

/** A stored curve as points in step order. */
function curvePoints(curve: StoredCurve): CurvePoint[] {
  return curve.steps.map((step, i) => ({ step, value: curve.values[i]! }));
}

/** The baseline's curves of `metric`, one per successful run that stored one. */
export function baselineCurves(baseline: BaselineFile, metric: string): CurvePoint[][] {
  return baseline.runs.flatMap((run) => {
    const curve = run.status === 'ok' ? run.curves?.[metric] : undefined;
    return curve && curve.steps.length > 0 ? [curvePoints(curve)] : [];
  });
}

/**
 * A baseline file as text: pretty JSON whose lists of numbers (samples, curve steps and values)
 * stay on one line each, so a file with every run's curve stays readable in a pull request.
 */
export function formatBaselineFile(baseline: BaselineFile): string {
  return `${formatJson(baseline, '')}\n`;
}

/** Writes a baseline file atomically (src/store/atomic-write.ts), formatted by formatBaselineFile. */
export function writeBaselineFile(file: string, baseline: BaselineFile): Promise<void> {
  return writeFileAtomic(file, formatBaselineFile(baseline));
}

/** JSON.stringify(value, null, 2), except that an array of numbers is written on one line. */
function formatJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => typeof item === 'number')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${item === undefined ? 'null' : formatJson(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}  `;
    const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Samples per metric, with directions where the file says them. */
export interface MetricSamples {
  samples: Record<string, number[]>;
  directions: Record<string, Direction>;
  baseline?: BaselineFile;
}

/** Reads and validates a baseline file; problems name the file and the key. */
export async function readBaselineFile(file: string): Promise<BaselineFile> {
  const data = await readJsonInput(file);
  return parseBaseline(file, data);
}

/**
 * Reads a samples file for `compare`: an array of numbers (one metric, called `value`),
 * an object `{ metric: number[] }`, or a baseline file.
 */
export async function readSamplesFile(file: string): Promise<MetricSamples> {
  const data = await readJsonInput(file);
  if (Array.isArray(data)) {
    return { samples: { value: numberList(file, 'value', data, '(top level)') }, directions: emptyRecord() };
  }
  if (data !== null && typeof data === 'object' && (data as { schema?: unknown }).schema === BASELINE_SCHEMA) {
    const baseline = parseBaseline(file, data);
    const samples = emptyRecord<number[]>();
    const directions = emptyRecord<Direction>();
    for (const [metric, entry] of Object.entries(baseline.metrics)) {
      samples[metric] = numberList(file, metric, entry.samples, `metrics.${metric}.samples`);
      directions[metric] = entry.direction;
    }
    return { samples, directions, baseline };
  }
  if (data !== null && typeof data === 'object') {
    const samples = emptyRecord<number[]>();
    for (const [metric, values] of Object.entries(data as Record<string, unknown>)) {
      checkMetricName(file, metric);
      samples[metric] = numberList(file, metric, values, metric);
    }
    if (Object.keys(samples).length === 0) throw new InputError(`${file}: expected at least one metric, received an empty object`);
    return { samples, directions: emptyRecord() };
  }
  throw new InputError(`${file}: expected an array of numbers, an object {metric: number[]} or a baseline file, received ${typeof data}`);
}

/**
 * Most values compared per metric and arm: one per run, and mlreg runs at most 10,000 seeds per
 * arm (`seeds`, `--seeds`). The cap bounds the work of the resampling tests (about a second at the
 * cap: `npm run bench:input`) and refuses, by name, a file that holds something else, such as
 * per-step values.
 */
const MAX_SAMPLES_PER_METRIC = 10_000;

function numberList(file: string, metric: string, values: unknown, keyPath: string): number[] {
  if (!Array.isArray(values)) {
    throw new InputError(`${file}: ${keyPath}: expected an array of numbers, received ${describeValue(values)}`);
  }
  if (values.length > MAX_SAMPLES_PER_METRIC) {
    throw new InputError(
      `${file}: ${keyPath}: expected at most ${MAX_SAMPLES_PER_METRIC.toLocaleString('en-US')} values (one per run, as for the 10,000-seed cap), received ${values.length.toLocaleString('en-US')}`,
    );
  }
  values.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InputError(`${file}: ${keyPath === '(top level)' ? '' : `${keyPath}.`}${index}: expected a finite number, received ${describeValue(value)}`);
    }
  });
  if (values.length < 2) {
    throw new InputError(`${file}: ${metric}: expected at least 2 values to compare, received ${values.length}`);
  }
  return values as number[];
}

/**
 * A metric name becomes a key of plain objects everywhere downstream (documents, reports,
 * history); `__proto__` would replace such an object's prototype rather than name a metric.
 */
function checkMetricName(file: string, metric: string): void {
  if (metric === '__proto__') {
    throw new InputError(`${file}: expected metric names, received "__proto__", which JavaScript objects reserve; rename the metric`);
  }
}

function parseBaseline(file: string, data: unknown): BaselineFile {
  // zod drops a `__proto__` key without a word: find it first.
  const record = data as { metrics?: unknown; runs?: unknown } | null;
  if (isObject(record?.metrics)) Object.keys(record.metrics).forEach((metric) => checkMetricName(file, metric));
  if (Array.isArray(record?.runs)) {
    for (const run of record.runs as unknown[]) {
      const metrics = (run as { metrics?: unknown } | null)?.metrics;
      if (isObject(metrics)) Object.keys(metrics).forEach((metric) => checkMetricName(file, metric));
    }
  }
  const parsed = baselineFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  throw new InputError(`invalid baseline file ${file}:\n${problems.join('\n')}`);
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** A record keyed by metric names without inherited keys: `constructor` or `toString` name metrics like any other. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * The seed of each stored sample of `metric`: the successful runs that report it, in order, as the
 * samples were recorded. Undefined when the runs do not line up with the samples (a file edited by
 * hand, or samples without runs), so a comparison then treats the arms as independent.
 */
export function sampleSeeds(baseline: BaselineFile, metric: string): number[] | undefined {
  const samples = baseline.metrics[metric]?.samples;
  if (!samples) return undefined;
  const runs = baseline.runs.filter((run) => run.status === 'ok' && Number.isFinite(run.metrics[metric]));
  if (runs.length !== samples.length || runs.some((run, i) => run.metrics[metric] !== samples[i])) return undefined;
  return runs.map((run) => run.seed);
}
