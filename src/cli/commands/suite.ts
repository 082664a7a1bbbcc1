/** `mlreg suite run`: run a suite's configs, decide them as one family, report and notify once. */
import type { Command } from 'commander';
import { positiveInteger } from '../options.js';
import { jsonFlag, quietFlag, reportDirFlag, setFlag, verboseFlag, type JsonFlags, type ProgressFlags, type ReportDirFlags, type SetFlags } from '../shared-flags.js';

interface SuiteRunFlags extends JsonFlags, SetFlags, ProgressFlags, ReportDirFlags {
  concurrency?: number;
  strictBaseline?: boolean;
  allowUnderpowered?: boolean;
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
    .addOption(quietFlag())
    .addOption(verboseFlag())
    .action(async (name: string, flags: SuiteRunFlags) => {
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
