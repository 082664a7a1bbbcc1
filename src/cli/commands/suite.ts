/** `mlreg suite run`: run a suite's configs, decide them as one family, report and notify once. */
import type { Command } from 'commander';
import { join } from 'node:path';
import { collect, positiveInteger } from '../options.js';

interface SuiteRunFlags {
  json?: boolean;
  reportDir?: string;
  concurrency?: number;
  set?: string[];
  strictBaseline?: boolean;
  allowUnderpowered?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function registerSuite(program: Command): void {
  const suite = program.command('suite').description('Run named lists of configs (suites/<name>.yaml) with suite-level overrides.');
  suite
    .command('run')
    .description('Run every config of a suite, control false alarms across the whole suite, write one report and send one notification.')
    .argument('<name>', 'suite name (suites/<name>.yaml) or path of a suite file')
    .option('--json', 'print the suite document as JSON')
    .option('--report-dir <dir>', 'write Markdown, JUnit XML, JSON and HTML reports into this directory')
    .option('--concurrency <k>', 'runs in parallel within each config', positiveInteger)
    .option('--set <key.path=value>', "override a value of every config, after the suite's overrides; repeatable", collect)
    .option('--strict-baseline', 'a baseline recorded for other values of its config is an error (exit 2 before training)')
    .option('--allow-underpowered', 'run even when a config × metric cannot fail with these seeds (the reports say so)')
    .option('-q, --quiet', 'no progress lines')
    .option('-v, --verbose', 'more progress lines')
    .action(async (name: string, flags: SuiteRunFlags) => {
      const [{ runSuite }, { notifyDocument, notificationWarnings }, { withSession }, { emitDocument }] = await Promise.all([
        import('../../workflows/run-suite.js'),
        import('../../notify/notify-document.js'),
        import('../session.js'),
        import('../output.js'),
      ]);
      const { doc, suite: loaded } = await withSession(flags, ({ observer, signal }) =>
        runSuite({
          suite: name,
          sets: flags.set,
          concurrency: flags.concurrency,
          signal,
          observer,
          strictBaseline: flags.strictBaseline,
          allowUnderpowered: flags.allowUnderpowered,
        }),
      );
      await emitDocument(doc, { json: flags.json, reportDir: flags.reportDir });
      const outcomes = await notifyDocument(doc, {
        settings: loaded.spec.notify,
        env: process.env,
        ...(flags.reportDir ? { reportLocation: join(flags.reportDir, 'report.html') } : {}),
      });
      for (const warning of notificationWarnings(outcomes)) process.stderr.write(`mlreg: ${warning}\n`);
      process.exitCode = doc.exitCode;
    });
}
