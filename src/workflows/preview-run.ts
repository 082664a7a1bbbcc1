/**
 * `mlreg run --dry-run` and `suite run --dry-run`: what they would launch for each arm (the sbatch
 * command and job script on Slurm), found exactly as a real run finds it, with nothing submitted
 * or written.
 */
import { join, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { loadLauncher } from '../launchers/registry.js';
import { invocationsDir } from '../runner/invocation.js';
import { BASELINE_ARM, CANDIDATE_ARM } from '../runner/arm-names.js';
import { runnableConfig, resolveConcurrency } from './steps/execute-arm.js';
import { resolveBaseline } from '../store/baselines.js';
import { projectPaths, projectRelative } from '../config/project.js';
import type { RunRegressionOptions } from './run-regression.js';
import { planSeeds } from '../config/seeds.js';
import { validateLauncher } from '../launchers/validate.js';
import { validateTrainerParams } from '../trainers/validate-params.js';
import type { ArmPreview, RunPreview, SuitePreview } from '../model/run-preview.js';
import { changesFingerprint, isSuitePath, loadSuite, suitePaths } from '../suite/index.js';
import type { RunSuiteOptions } from './run-suite.js';

/**
 * What `runSuite` with these options would launch, config by config, each found as the suite's
 * run of it finds it (its overrides, seeds and the suite's own baselines).
 */
export async function previewSuite(options: Pick<RunSuiteOptions, 'suite' | 'sets' | 'concurrency' | 'paths'>): Promise<SuitePreview> {
  const paths = options.paths ?? projectPaths();
  const suite = loadSuite(isSuitePath(options.suite) ? resolve(options.suite) : options.suite, { cwd: paths.root });
  const configs: RunPreview[] = [];
  for (const entry of suite.entries) {
    const variant = changesFingerprint(entry.loaded, { overrides: entry.overrides, sets: options.sets });
    configs.push(
      await previewRegression({
        configFile: entry.loaded.file,
        overrides: entry.overrides,
        sets: options.sets,
        seeds: entry.entry.seeds,
        concurrency: options.concurrency,
        paths: suitePaths(paths, suite.name, variant),
      }),
    );
  }
  return { suite: suite.name, configs };
}

/** The invocation id shown in a preview's paths: a real run names its directory when it starts. */
const PREVIEW_INVOCATION = '<invocation>';

/** What `runRegression` with these options would launch. */
export async function previewRegression(options: RunRegressionOptions): Promise<RunPreview> {
  const paths = options.paths ?? projectPaths();
  const candidate = await loadConfig(options.configFile, { sets: options.sets, overrides: options.overrides });
  const source = await resolveBaseline(candidate, paths, { explicit: options.baseline, sets: options.sets, overrides: options.overrides });
  const baselineConfig = source.kind === 'run' ? source.config : source.kind === 'record-only' ? candidate : undefined;
  for (const loaded of new Set([candidate, ...(baselineConfig ? [baselineConfig] : [])])) {
    await validateTrainerParams(loaded);
    validateLauncher(loaded);
  }
  const invocationDir = join(invocationsDir(paths.stateDir, candidate.config.name), PREVIEW_INVOCATION);
  const arms: ArmPreview[] = [];
  if (baselineConfig) arms.push(await previewArm(BASELINE_ARM, baselineConfig, planSeeds(baselineConfig, options.seeds), invocationDir, options.concurrency));
  if (source.kind !== 'record-only') {
    const seeds = planSeeds(candidate, options.sequential?.maxSeeds ?? options.seeds);
    arms.push(await previewArm(CANDIDATE_ARM, candidate, seeds, invocationDir, options.concurrency));
  }
  return {
    config: candidate.config.name,
    baseline:
      source.kind === 'file'
        ? { kind: 'file', file: projectRelative(paths.root, source.file) }
        : source.kind === 'run'
          ? { kind: 'run', config: source.config.config.name }
          : { kind: 'record-only' },
    arms,
  };
}

async function previewArm(arm: string, loaded: LoadedConfig, seeds: number[], invocationDir: string, flag: number | undefined): Promise<ArmPreview> {
  const config = runnableConfig(loaded);
  const launcher = await loadLauncher(config);
  const plan = { arm, config, seeds, armDir: join(invocationDir, arm) };
  const concurrency = resolveConcurrency(loaded, flag, seeds.length);
  const preview = launcher.preview?.(plan, { concurrency }) ?? { summary: `${seeds.length} runs with the ${launcher.name} launcher`, commands: [], files: [] };
  return { arm, config: config.name, launcher: launcher.name, seeds, ...preview };
}
