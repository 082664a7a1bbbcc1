/**
 * What is checked before any training: that the baseline was recorded for the config as it is now,
 * and that the gate can fail at all with these seeds and this family of tests. Findings are data
 * (they go into the run document); a `fail` policy or an underpowered gate stops with exit 2.
 */
import { configDiff, type LoadedConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { BaselineMismatch } from '../../model/run-document.js';
import type { ConfigGate } from '../../model/config-gate.js';
import type { GatePower } from '../../model/gate-power.js';
import { describeMismatch, describeUnderpowered } from '../../report/gate-findings.js';
import { assessGatePower } from '../../verdict/gate-power.js';
import type { MetricPower } from '../../model/gate-power.js';
import { resolveBaseline, type BaselineSource } from '../../store/baselines.js';
import { projectRelative, type ProjectPaths } from '../../config/project.js';
import { planSeeds } from '../../config/seeds.js';
import type { TestFamily } from '../../model/gate-power.js';

/**
 * The stored baseline against the current version of the config it was recorded for (found by
 * name in the candidate's `extends` chain): undefined when they match or there is no such config.
 */
export function findBaselineMismatch(source: BaselineSource, candidate: LoadedConfig, root: string, strict: boolean): BaselineMismatch | undefined {
  if (source.kind !== 'file' || !source.config) return undefined;
  const { baseline, config } = source;
  if (config.fingerprint === baseline.fingerprint) return undefined;
  return {
    baselineFile: projectRelative(root, source.file),
    config: { name: config.config.name, file: projectRelative(root, config.file) },
    recordedFingerprint: baseline.fingerprint,
    currentFingerprint: config.fingerprint,
    ...(baseline.config ? { differences: configDiff(baseline.config, config.config) } : {}),
    policy: strict || candidate.config.baseline_mismatch === 'fail' ? 'fail' : 'warn',
  };
}

/** Stops before training when the policy says a stale baseline is bad input. */
export function enforceBaselinePolicy(mismatch: BaselineMismatch | undefined): void {
  if (mismatch?.policy !== 'fail') return;
  const { title, details, advice } = describeMismatch(mismatch);
  throw new InputError([`${title} (baseline_mismatch: fail / --strict-baseline)`, ...details.map((line) => `  ${line}`), advice].join('\n'));
}

/** The metrics a run will compare: the candidate's that the baseline has (all of them when the baseline is run now). */
export function comparedMetrics(candidate: LoadedConfig, source: BaselineSource): string[] {
  if (source.kind === 'record-only') return [];
  const names = Object.keys(candidate.config.metrics);
  if (source.kind === 'run') return names;
  return names.filter((metric) => (source.baseline.metrics[metric]?.samples.length ?? 0) >= 2);
}

/** The gate's power for every compared metric, from the baseline's spread when it is stored. */
export function planGatePower(candidate: LoadedConfig, source: BaselineSource, runs: { candidate: number; baseline?: number | undefined }, family: TestFamily): MetricPower[] {
  return comparedMetrics(candidate, source).map((metric) => {
    const spec = candidate.config.metrics[metric]!;
    const stored = source.kind === 'file' ? source.baseline.metrics[metric]!.samples : undefined;
    return assessGatePower({
      metric,
      direction: spec.direction,
      alpha: spec.alpha,
      baselineRuns: stored?.length ?? runs.baseline ?? runs.candidate,
      candidateRuns: runs.candidate,
      family,
      ...(stored ? { baselineSamples: stored } : { baselineGrowsWithSeeds: true }),
    });
  });
}

/**
 * Stops before training when a metric cannot fail, unless `--allow-underpowered`; returns what
 * the document carries. `configs` maps each config name to its metrics' power.
 */
export function enforcePower(configs: Record<string, MetricPower[]>, allowUnderpowered: boolean): void {
  const underpowered = Object.entries(configs).flatMap(([config, metrics]) => metrics.filter((m) => !m.canFail).map((m) => ({ config, power: m })));
  if (underpowered.length === 0 || allowUnderpowered) return;
  const { title, details, advice } = describeUnderpowered(underpowered, false);
  throw new InputError([title, ...details.map((line) => `  ${line}`), advice].join('\n'));
}

/** The document's power block. */
export function gatePower(metrics: MetricPower[], allowUnderpowered: boolean): GatePower {
  return { metrics, allowUnderpowered };
}

/** The gate a `run` of this config would have, planned without training. */
export async function planConfigGate(candidate: LoadedConfig, paths: ProjectPaths, sets?: string[]): Promise<ConfigGate> {
  let source: BaselineSource;
  try {
    source = await resolveBaseline(candidate, paths, { sets });
  } catch (error) {
    // `config show` shows the config whatever state its baseline is in; `run` reports the problem.
    if (error instanceof InputError) return { baseline: { unreadable: error.message }, power: [] };
    throw error;
  }
  const mismatch = findBaselineMismatch(source, candidate, paths.root, false);
  const seeds = planSeeds(candidate).length;
  const baselineRuns = source.kind === 'run' ? planSeeds(source.config).length : undefined;
  const power =
    source.kind === 'record-only'
      ? []
      : planGatePower(
          candidate,
          source,
          { candidate: seeds, ...(baselineRuns === undefined ? {} : { baseline: baselineRuns }) },
          { size: comparedMetrics(candidate, source).length, correction: 'holm' },
        );
  const baseline =
    source.kind === 'file'
      ? { file: projectRelative(paths.root, source.file) }
      : source.kind === 'run'
        ? { runs: projectRelative(paths.root, source.config.file) }
        : { none: true as const };
  return { baseline, ...(mismatch ? { mismatch } : {}), power };
}
