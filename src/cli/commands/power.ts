/** `mlreg power`: seeds per arm needed to detect an effect, from a baseline's spread or a stated mean and sd. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../../errors.js';
import { nonNegativeNumber, probability } from '../options.js';
import { jsonFlag, type JsonFlags } from '../shared-flags.js';
import { formatNumber } from '../../report/format/numbers.js';
import type { EffectSize, MetricPowerPlan, NoiseSource, PowerPlan } from '../../workflows/plan-power.js';

interface PowerFlags extends JsonFlags {
  baseline?: string;
  metric?: string;
  mean?: number;
  sd?: number;
  n?: number;
  effect: EffectSize;
  power?: number;
  alpha?: number;
}

/** Parses `5%` (relative to the baseline mean) or `0.3` (absolute). */
function effectSize(value: string): EffectSize {
  const text = value.trim();
  const relative = text.endsWith('%');
  const parsed = Number(relative ? text.slice(0, -1) : text);
  if (text === '' || text === '%' || !Number.isFinite(parsed) || parsed === 0) {
    throw new InvalidArgumentError(`expected a non-zero difference, absolute (0.3) or relative to the baseline mean (5%), received "${value}"`);
  }
  return relative ? { relative: Math.abs(parsed) / 100 } : { absolute: Math.abs(parsed) };
}

function finiteNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError(`expected a finite number, received "${value}"`);
  return parsed;
}

function pilotRuns(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < 2) throw new InvalidArgumentError(`expected a whole number of runs ≥ 2, received "${value}"`);
  return parsed;
}

export function registerPower(program: Command): void {
  program
    .command('power')
    .description('How many seeds per arm detect an effect with the given power (Colas et al. 2018, corrected for small pilots).')
    .option('--baseline <name|file>', 'a baseline name (baselines/<name>.json) or samples file (JSON array, {metric: number[]} or baseline file) whose spread is used')
    .option('--metric <name>', 'only this metric of the baseline file')
    .option('--mean <x>', 'baseline mean (instead of --baseline; needed for a relative --effect)', finiteNumber)
    .option('--sd <s>', 'standard deviation across seeds (instead of --baseline)', nonNegativeNumber)
    .option('--n <runs>', 'runs the --sd was measured on: raises it for a small pilot', pilotRuns)
    .requiredOption('--effect <size>', 'difference to detect: absolute (0.3) or relative to the baseline mean (5%)', effectSize)
    .option('--power <p>', 'target power (default 0.8)', probability)
    .option('--alpha <a>', 'two-sided significance level (default 0.05)', probability)
    .addOption(jsonFlag('the plan'))
    .action(async (flags: PowerFlags) => {
      const { planSeeds } = await import('../../workflows/plan-power.js');
      const plan = await planSeeds({
        noise: noiseSource(flags),
        effect: flags.effect,
        ...(flags.power === undefined ? {} : { power: flags.power }),
        ...(flags.alpha === undefined ? {} : { alpha: flags.alpha }),
      });
      process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPowerPlan(plan));
    });
}

/** Either a baseline file or a stated sd, never both. */
function noiseSource(flags: PowerFlags): NoiseSource {
  const stated = (['mean', 'sd', 'n'] as const).filter((key) => flags[key] !== undefined);
  if (flags.baseline !== undefined) {
    if (stated.length > 0) {
      throw new InputError(`--${stated[0]}: expected either --baseline or --mean/--sd/--n, received both (--baseline ${flags.baseline})`);
    }
    return { baselineFile: flags.baseline, ...(flags.metric === undefined ? {} : { metric: flags.metric }) };
  }
  if (flags.metric !== undefined) throw new InputError(`--metric: expected together with --baseline, received --metric ${flags.metric} alone`);
  if (flags.sd === undefined) throw new InputError('--sd: expected the sd across seeds (or --baseline FILE), received nothing');
  return { sd: flags.sd, ...(flags.mean === undefined ? {} : { mean: flags.mean }), ...(flags.n === undefined ? {} : { n: flags.n }) };
}

/** One paragraph per metric: the answer first, then the numbers behind it. */
function formatPowerPlan(plan: PowerPlan): string {
  return plan.metrics.map((metric) => `${describePlan(metric)}\n`).join('');
}

function describePlan(p: MetricPowerPlan): string {
  const seeds = p.capped ? `more than ${p.seedsPerArm - 1}` : String(p.seedsPerArm);
  const effect =
    p.relativeEffect === undefined ? formatNumber(p.effect) : `${formatNumber(p.effect)} (${formatNumber(p.relativeEffect * 100, 3)}% of the mean ${formatNumber(p.mean!)})`;
  const sd =
    p.pilotRuns === undefined || p.sdUsed === p.sdObserved
      ? `sd ${formatNumber(p.sdUsed)}`
      : `sd ${formatNumber(p.sdUsed)} (observed ${formatNumber(p.sdObserved)} over ${p.pilotRuns} runs, raised to its upper 80% confidence limit because a small pilot tends to underestimate it)`;
  return [
    `${p.metric}: ${seeds} seeds per arm`,
    `  to detect a difference of ${effect} with ${formatNumber(p.power * 100, 3)}% power at alpha ${formatNumber(p.alpha)} (two-sided Welch t-test), using ${sd}.`,
    `  With ${seeds} baseline runs and ${seeds} candidate runs, a true difference that large is found ${formatNumber(p.power * 100, 3)}% of the time.`,
  ].join('\n');
}
