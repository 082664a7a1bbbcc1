/** `mlreg baseline record`: run a config N times and store its metrics as `baselines/<name>.json`. */
import { scrubSecretsDeep } from '../secrets/index.js';
import { loadConfig } from '../config/index.js';
import { InfrastructureError, InterruptedError } from '../errors.js';
import { cancelledFromOutside } from '../runner/unfinished-runs.js';
import { claimInvocation, completeInvocation, createInvocation, findResumable } from '../runner/invocation.js';
import type { RunRecord } from '../model/run-record.js';
import { writeBaselineFile, type BaselineFile } from '../store/baseline-file.js';
import { currentCommit } from '../store/git.js';
import { MIN_SUCCESSFUL_RUNS } from '../verdict/overall.js';
import { executeArm, resolveConcurrency } from './steps/execute-arm.js';
import { ArmWatch } from '../runner/fail-fast.js';
import { failFastError } from '../runner/fail-fast-errors.js';
import { baselineFromRuns, baselinePath } from '../store/baselines.js';
import { projectPaths, type ProjectPaths } from '../config/project.js';
import type { RunObserver } from '../runner/observer.js';
import { planSeeds } from '../config/seeds.js';
import { validateLauncher } from '../launchers/validate.js';
import { validateTrainerParams } from '../trainers/validate-params.js';

export interface RecordBaselineOptions {
  configFile: string;
  sets?: string[] | undefined;
  seeds?: number | undefined;
  concurrency?: number | undefined;
  resume?: boolean | undefined;
  signal?: AbortSignal | undefined;
  observer?: RunObserver | undefined;
  paths?: ProjectPaths | undefined;
}

export interface RecordedBaseline {
  file: string;
  baseline: BaselineFile;
  records: RunRecord[];
}

const ARM = 'baseline';

/** Runs the config's seeds and writes its baseline file (only when enough runs finished). */
export async function recordBaseline(options: RecordBaselineOptions): Promise<RecordedBaseline> {
  const paths = options.paths ?? projectPaths();
  const signal = options.signal ?? new AbortController().signal;
  const loaded = await loadConfig(options.configFile, { sets: options.sets });
  await validateTrainerParams(loaded);
  validateLauncher(loaded);
  const seeds = planSeeds(loaded, options.seeds);
  const earlier = options.resume ? await findResumable(paths.stateDir, loaded.config.name, loaded.fingerprint) : undefined;
  const claimed = earlier ? (await claimInvocation(earlier))?.info : undefined;
  const invocation = claimed ?? (await createInvocation(paths.stateDir, loaded.config.name, loaded.fingerprint, { [ARM]: seeds }));
  const armSeeds = invocation.seeds[ARM] ?? seeds;
  const watch = new ArmWatch({
    metrics: Object.keys(loaded.config.metrics),
    seeds: armSeeds.length,
    concurrency: resolveConcurrency(loaded, options.concurrency, armSeeds.length),
    brokenArm: true,
  });
  const records = await executeArm({
    arm: ARM,
    loaded,
    seeds: armSeeds,
    invocationDir: invocation.dir,
    concurrency: options.concurrency,
    signal,
    observer: options.observer,
    watch,
  });
  if (signal.aborted) throw new InterruptedError(invocation.dir, signal.reason);
  if (watch.finding && watch.finding.kind !== 'crash-rate-certain') {
    await completeInvocation(invocation);
    throw failFastError(watch.finding, { arm: ARM, loaded, root: paths.root, consequence: 'no baseline was recorded' });
  }
  const ok = records.filter((record) => record.status === 'ok').length;
  if (ok < MIN_SUCCESSFUL_RUNS) {
    const failures = records
      .filter((record) => record.status !== 'ok')
      .slice(0, 5)
      .map((record) => `  seed ${record.seed}: ${record.status}: ${(record.reason ?? '').split('\n')[0]}`);
    throw new InfrastructureError(`only ${ok} of ${records.length} runs of ${loaded.config.name} finished with valid metrics; no baseline written\n${failures.join('\n')}`);
  }
  const baseline = baselineFromRuns(loaded, records, { gitCommit: await currentCommit(paths.root), root: paths.root });
  const file = baselinePath(paths, loaded.config.name);
  await writeBaselineFile(file, scrubSecretsDeep(baseline));
  // Seeds cancelled from outside (scancel, preemption): `--resume` runs them and writes the baseline again.
  const unfinished = cancelledFromOutside(records);
  if (unfinished.length === 0) await completeInvocation(invocation);
  else
    options.observer?.onNotice?.(
      `seeds ${unfinished.map((record) => record.seed).join(', ')} cancelled from outside mlreg: ${invocation.dir} stays unfinished; run the same command with --resume to run just those seeds`,
    );
  return { file, baseline, records };
}
