/** `mlreg suite run`: run a suite's configs, decide them as one family, report and notify once. */
import type { Command } from 'commander';
import { positiveInteger } from '../options.js';
import { jsonFlag, quietFlag, reportDirFlag, setFlag, verboseFlag, type JsonFlags, type ProgressFlags, type ReportDirFlags, type SetFlags } from '../shared-flags.js';

interface SuiteRunFlags extends JsonFlags, SetFlags, ProgressFlags, ReportDirFlags {
  concurrency?: number;
  strictBaseline?: boolean;
  allowUnderpowered?: boolean;
  dryRun?: boolean;
}

/** `--dry-run`: what each config of the suite would launch, as text or JSON; nothing submitted or written. */
async function printSuitePreview(name: string, flags: SuiteRunFlags): Promise<void> {
  const [{ previewSuite }, { formatSuitePreview }] = await Promise.all([import('../../workflows/preview-run.js'), import('../../report/preview.js')]);
  const preview = await previewSuite({ suite: name, sets: flags.set, concurrency: flags.concurrency });
  process.stdout.write(flags.json ? `${JSON.stringify(preview, null, 2)}\n` : formatSuitePreview(preview));
}

export function registerSuite(program: Command): void {
  const suite = program.command('suite').description('Run named lists of configs (suites/<name>.yaml) with suite-level overrides.');
  suite
    .command('run')
    .description('Run every config of a suite, control false alarms across the whole suite, write one report and send one notification.')
    .argument('<name>', 'suite name (suites/<name>.yaml) or path of a suite file')
    .addOption(jsonFlag('the suite document'))
    .addOption(reportDirFlag())
    .option('--concurrency <k>', 'runs in parallel within each config', positiveInteger)
    .addOption(setFlag("override a value of every config, after the suite's overrides; repeatable"))
    .option('--strict-baseline', 'a baseline recorded for other values of its config is an error (exit 2 before training)')
    .option('--allow-underpowered', 'run even when a config × metric cannot fail with these seeds (the reports say so)')
    .option('--dry-run', 'print what each config would run (on Slurm: the sbatch commands and job scripts) without submitting or writing anything')
    .addOption(quietFlag())
    .addOption(verboseFlag())
    .action(async (name: string, flags: SuiteRunFlags) => {
      if (flags.dryRun) return printSuitePreview(name, flags);
      // The printing is loaded after the runs: every module loaded before them is memory each trainer's fork copies.
      const [{ runAndPublishSuite }, { withSession, loadAfterRuns }] = await Promise.all([import('../../workflows/run-suite.js'), import('../session.js')]);
      const published = await withSession(
        flags,
        ({ observer, signal }) =>
          runAndPublishSuite({
            suite: name,
            sets: flags.set,
            concurrency: flags.concurrency,
            signal,
            observer,
            strictBaseline: flags.strictBaseline,
            allowUnderpowered: flags.allowUnderpowered,
            reportDir: flags.reportDir,
          }),
        loadAfterRuns,
      );
      const { printPublished } = await import('../output.js');
      printPublished(published, flags);
    });
}
