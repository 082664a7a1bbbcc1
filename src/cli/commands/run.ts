/** `mlreg run`: run a config N times and compare it with its baseline. */
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../../errors.js';
import { positiveInteger, seedCount } from '../options.js';
import { jsonFlag, quietFlag, reportDirFlag, setFlag, verboseFlag, type JsonFlags, type ProgressFlags, type ReportDirFlags, type SetFlags } from '../shared-flags.js';

interface RunFlags extends JsonFlags, SetFlags, ProgressFlags, ReportDirFlags {
  config: string;
  seeds?: number;
  baseline?: string;
  concurrency?: number;
  sequential?: boolean;
  minSeeds?: number;
  maxSeeds?: number;
  inFlight?: 'cancel' | 'finish';
  resume?: boolean;
  expectImprovement?: boolean;
  strictBaseline?: boolean;
  allowUnderpowered?: boolean;
  dryRun?: boolean;
}

/** The sequential settings, or undefined without --sequential; its sub-options alone are a usage error. */
function sequentialSettings(flags: RunFlags) {
  if (!flags.sequential) {
    if (flags.minSeeds !== undefined || flags.maxSeeds !== undefined) {
      throw new InputError('--min-seeds and --max-seeds go with --sequential: expected --sequential too, received neither');
    }
    return undefined;
  }
  if (flags.seeds !== undefined && flags.maxSeeds !== undefined) {
    throw new InputError('--seeds and --max-seeds both set the most seeds of a sequential run: expected one of them, received both');
  }
  return { minSeeds: flags.minSeeds, maxSeeds: flags.maxSeeds ?? flags.seeds, inFlight: flags.inFlight };
}

function inFlightPolicy(value: string): 'cancel' | 'finish' {
  if (value !== 'cancel' && value !== 'finish') throw new InvalidArgumentError(`expected cancel or finish, received "${value}"`);
  return value;
}

/** `--dry-run`: what the run would launch, as text or JSON; nothing submitted or written. */
async function printPreview(flags: RunFlags): Promise<void> {
  const [{ previewRegression }, { formatRunPreview }] = await Promise.all([import('../../workflows/preview-run.js'), import('../../report/preview.js')]);
  const preview = await previewRegression({
    configFile: flags.config,
    sets: flags.set,
    seeds: flags.seeds,
    baseline: flags.baseline,
    concurrency: flags.concurrency,
    sequential: sequentialSettings(flags),
  });
  process.stdout.write(flags.json ? `${JSON.stringify(preview, null, 2)}\n` : formatRunPreview(preview));
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run a config N times with different seeds and compare its metrics with the baseline distribution.')
    .requiredOption('-c, --config <file>', 'config file (YAML)')
    .option('--seeds <n>', "number of seeds (0..n-1), instead of the config's", seedCount)
    .addOption(setFlag())
    .option('--baseline <name|file>', "compare with this baseline instead of the nearest ancestor's")
    .addOption(jsonFlag('the run document'))
    .addOption(reportDirFlag())
    .option(
      '--concurrency <k>',
      "runs in parallel: local processes, or on Slurm the tasks of an arm's array running at once (%K) " +
        '(default: launcher.slurm.max_parallel on Slurm, else runner.concurrency, else locally the CPU cores or GPU slots, on Slurm every seed)',
      positiveInteger,
    )
    .option('--sequential', 'stop launching seeds as soon as the verdict is decided')
    .option('--min-seeds <n>', 'with --sequential: seeds before the first decision', seedCount)
    .option('--max-seeds <n>', 'with --sequential: the most seeds to run before calling it inconclusive', seedCount)
    .option('--in-flight <policy>', 'with --sequential: cancel or finish the runs in flight once decided', inFlightPolicy, 'cancel')
    .option('--resume', 'continue the newest interrupted run of this config, running only the missing seeds')
    .option('--expect-improvement', 'a far-out better result is an expected improvement, not suspicious')
    .option('--strict-baseline', 'a baseline recorded for other values of its config is an error (exit 2 before training)')
    .option('--allow-underpowered', 'run even when a metric cannot fail with these seeds (the reports say so)')
    .option('--dry-run', 'print what would run (on Slurm: the sbatch commands and job scripts) without submitting or writing anything')
    .addOption(quietFlag())
    .addOption(verboseFlag())
    .action(async (flags: RunFlags) => {
      if (flags.dryRun) return printPreview(flags);
      // The printing is loaded after the runs: every module loaded before them is memory each trainer's fork copies.
      const [{ runAndPublishRegression }, { withSession, loadAfterRuns }] = await Promise.all([import('../../workflows/run-regression.js'), import('../session.js')]);
      const published = await withSession(
        flags,
        ({ observer, signal }) =>
          runAndPublishRegression({
            configFile: flags.config,
            sets: flags.set,
            seeds: flags.seeds,
            baseline: flags.baseline,
            concurrency: flags.concurrency,
            resume: flags.resume,
            expectImprovement: flags.expectImprovement,
            strictBaseline: flags.strictBaseline,
            allowUnderpowered: flags.allowUnderpowered,
            sequential: sequentialSettings(flags),
            signal,
            observer,
            reportDir: flags.reportDir,
          }),
        loadAfterRuns,
      );
      const { printPublished } = await import('../output.js');
      printPublished(published, flags);
    });
}
