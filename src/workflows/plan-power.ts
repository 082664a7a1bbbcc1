/**
 * `mlreg power`: how many seeds per arm a comparison needs to detect an effect, from a baseline
 * file's spread or from a stated mean and sd. Findings are data; the CLI turns them into text.
 */
import { InputError } from '../errors.js';
import { mean } from '../stats/describe.js';
import { seedsForPower } from '../stats/power.js';
import { readSamplesFile } from '../store/baseline-file.js';
import { explicitBaselineFile } from '../store/baselines.js';
import { projectPaths } from '../config/project.js';

/** The effect to detect: an absolute difference of means, or a fraction of the baseline mean. */
export type EffectSize = { absolute: number } | { relative: number };

/** Where the metric's noise comes from: a samples or baseline file, or a stated mean and sd. */
export type NoiseSource =
  /** A samples or baseline file, or a baseline's name (`baselines/<name>.json`). */
  { baselineFile: string; metric?: string } | { mean?: number; sd: number; n?: number };

export interface PowerPlanOptions {
  noise: NoiseSource;
  effect: EffectSize;
  /** Target power (default 0.8). */
  power?: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
}

/** Seeds needed for one metric, with every number the answer rests on. */
export interface MetricPowerPlan {
  metric: string;
  seedsPerArm: number;
  /** The absolute difference of means the plan detects. */
  effect: number;
  /** The effect as a fraction of the baseline mean, when it was given that way. */
  relativeEffect?: number;
  /** Baseline mean (undefined when only an sd was stated). */
  mean?: number;
  sdObserved: number;
  /** The sd used: the observed one, raised to its upper 80% confidence limit when it comes from a pilot. */
  sdUsed: number;
  /** Runs behind the observed sd (undefined when it was stated without one). */
  pilotRuns?: number;
  power: number;
  alpha: number;
  /** True when the answer reached the 100,000-seed cap. */
  capped: boolean;
}

export interface PowerPlan {
  source: { baselineFile: string } | { stated: true };
  metrics: MetricPowerPlan[];
}

/** Plans the seeds per arm for every metric of the noise source (or the one it names). */
export async function planSeeds(options: PowerPlanOptions): Promise<PowerPlan> {
  const { noise } = options;
  if ('baselineFile' in noise) {
    // A name means baselines/<name>.json in the project, as `run --baseline` reads it.
    const { samples } = await readSamplesFile(explicitBaselineFile(noise.baselineFile, projectPaths(), process.cwd()));
    const names = noise.metric === undefined ? Object.keys(samples) : [noise.metric];
    const metrics = names.map((metric) => {
      const values = samples[metric];
      if (values === undefined) {
        throw new InputError(`${noise.baselineFile}: --metric: expected one of ${Object.keys(samples).join(', ')}, received "${metric}"`);
      }
      if (values.length < 2) {
        throw new InputError(`${noise.baselineFile}: ${metric}: expected at least 2 values to estimate the spread, received ${values.length}`);
      }
      return planMetric(metric, values, mean(values), options, `${noise.baselineFile}: ${metric}`);
    });
    return { source: { baselineFile: noise.baselineFile }, metrics };
  }
  if ('relative' in options.effect && noise.mean === undefined) {
    throw new InputError(`--mean: expected the baseline mean, which a relative effect (${options.effect.relative * 100}%) is a fraction of; received nothing`);
  }
  const input = { mean: noise.mean ?? 0, sd: noise.sd, ...(noise.n === undefined ? {} : { n: noise.n }) };
  return { source: { stated: true }, metrics: [planMetric('metric', input, noise.mean, options, '--mean')] };
}

function planMetric(
  metric: string,
  input: readonly number[] | { mean: number; sd: number; n?: number },
  mean: number | undefined,
  options: PowerPlanOptions,
  meanSource: string,
): MetricPowerPlan {
  const { effect } = options;
  if ('relative' in effect && !(mean !== undefined && mean !== 0)) {
    throw new InputError(`${meanSource}: a relative effect needs a non-zero baseline mean, received ${mean}; give --effect as an absolute difference`);
  }
  const result = seedsForPower(input, 'relative' in effect ? { relative: effect.relative } : effect.absolute, {
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
    ...(options.power === undefined ? {} : { power: options.power }),
  });
  const pilotRuns = Array.isArray(input) ? input.length : (input as { n?: number }).n;
  return {
    metric,
    seedsPerArm: result.seedsPerArm,
    effect: result.effect,
    ...('relative' in effect ? { relativeEffect: Math.abs(effect.relative) } : {}),
    ...(mean === undefined ? {} : { mean }),
    sdObserved: result.sdObserved,
    sdUsed: result.sdUsed,
    ...(pilotRuns === undefined ? {} : { pilotRuns }),
    power: result.power,
    alpha: result.alpha,
    capped: result.capped,
  };
}
