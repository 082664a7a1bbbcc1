/** `mlreg compare`: compare two stored sample sets (arrays, `{metric: number[]}` or baseline files). */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { RunDocument } from '../model/run-document.js';
import { readSamplesFile, sampleSeeds, type BaselineFile } from '../store/baseline-file.js';
import { pooledRange } from '../verdict/evidence.js';
import { compareMetrics } from '../verdict/index.js';
import { decideOverall } from '../verdict/overall.js';
import type { Direction } from '../model/direction.js';
import { MLREG_VERSION } from '../version.js';

export interface CompareFilesOptions {
  baselineFile: string;
  candidateFile: string;
  direction?: Direction | undefined;
  alpha?: number | undefined;
  /** ROPE of every metric: an absolute half-width or `{ relative }` of the baseline mean; default half the baseline sd. */
  rope?: number | { relative: number } | undefined;
  expectImprovement?: boolean | undefined;
  /** Compare as independent samples even when both files say each sample's seed (`--unpaired`). */
  unpaired?: boolean | undefined;
}

/** Compares every metric the two files share; the result is a run document without runs. */
export async function compareFiles(options: CompareFilesOptions): Promise<RunDocument> {
  const baseline = await readSamplesFile(options.baselineFile);
  const candidate = await readSamplesFile(options.candidateFile);
  const metrics = Object.keys(candidate.samples).filter((metric) => Object.hasOwn(baseline.samples, metric));
  if (metrics.length === 0) {
    throw new InputError(
      `${options.candidateFile}: expected metrics shared with ${options.baselineFile} (${Object.keys(baseline.samples).join(', ')}), received ${Object.keys(candidate.samples).join(', ')}`,
    );
  }
  const directions: Record<string, Direction> = {};
  for (const metric of metrics) {
    const direction = options.direction ?? baseline.directions[metric] ?? candidate.directions[metric];
    if (!direction) {
      throw new InputError(`--direction: expected lower or higher for metric "${metric}" (neither file says which way is better), received nothing`);
    }
    directions[metric] = direction;
    const range = pooledRange(baseline.samples[metric]!, candidate.samples[metric]!);
    if (!Number.isFinite(range.max - range.min)) {
      throw new InputError(
        `${options.baselineFile}, ${options.candidateFile}: ${metric}: expected values whose range fits a double (at most 1.8e308), received values from ${range.min} to ${range.max}; rescale the metric`,
      );
    }
  }
  const comparisons = compareMetrics(
    metrics.map((metric) => ({
      metric,
      ...(options.unpaired ? {} : seedsEntry(baseline.baseline, candidate.baseline, metric)),
      baseline: baseline.samples[metric]!,
      candidate: candidate.samples[metric]!,
      direction: directions[metric]!,
      alpha: options.alpha,
      ...(options.rope === undefined ? {} : { rope: options.rope }),
      expectImprovement: options.expectImprovement,
    })),
  );
  const n = (samples: Record<string, number[]>) => Math.max(...metrics.map((metric) => samples[metric]!.length));
  const overall = decideOverall({
    comparisons,
    gating: Object.fromEntries(metrics.map((metric) => [metric, true])),
    // Stored samples are the successful runs: failures are not known here.
    baseline: { ok: n(baseline.samples), total: n(baseline.samples) },
    candidate: { ok: n(candidate.samples), total: n(candidate.samples) },
  });
  const arm = (file: string, samples: Record<string, number[]>) => ({
    name: basename(file).replace(/\.json$/, ''),
    configFile: file,
    fingerprint: '',
    source: 'baseline-file' as const,
    baselineFile: file,
    runs: n(samples),
    failedRuns: 0,
    samples: Object.fromEntries(metrics.map((metric) => [metric, samples[metric]!])),
  });
  return {
    mlregVersion: MLREG_VERSION,
    createdAt: new Date().toISOString(),
    config: {
      name: basename(options.candidateFile).replace(/\.json$/, ''),
      file: options.candidateFile,
      fingerprint: '',
      tags: [],
      diff: {},
      metrics: Object.fromEntries(metrics.map((metric) => [metric, { direction: directions[metric]!, ...(typeof options.rope === 'number' ? { rope: options.rope } : {}) }])),
    },
    baseline: {
      ...arm(options.baselineFile, baseline.samples),
      ...(baseline.baseline ? { recordedAt: baseline.baseline.recordedAt, gitCommit: baseline.baseline.gitCommit } : {}),
    },
    candidate: arm(options.candidateFile, candidate.samples),
    runs: [],
    comparisons,
    verdict: overall.verdict,
    exitCode: overall.exitCode,
    reasons: overall.reasons.filter((reason) => reason.code !== 'failure-rate'),
    links: [],
  };
}

/** Both files are baseline files whose runs say each sample's seed: the runs are compared by seed. */
function seedsEntry(baseline: BaselineFile | undefined, candidate: BaselineFile | undefined, metric: string): { seeds?: { baseline: number[]; candidate: number[] } } {
  const baselineSeeds = baseline ? sampleSeeds(baseline, metric) : undefined;
  const candidateSeeds = candidate ? sampleSeeds(candidate, metric) : undefined;
  return baselineSeeds && candidateSeeds ? { seeds: { baseline: baselineSeeds, candidate: candidateSeeds } } : {};
}
