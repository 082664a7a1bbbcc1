/** `mlreg baseline record` and `baseline promote`: store a config's metric distribution as its baseline. */
import type { Command } from 'commander';
import { formatNumber } from '../../report/format/numbers.js';
import { mean } from '../../stats/describe.js';
import { positiveInteger, seedCount } from '../options.js';
import { jsonFlag, quietFlag, setFlag, verboseFlag, type JsonFlags, type ProgressFlags, type SetFlags } from '../shared-flags.js';

interface RecordFlags extends JsonFlags, SetFlags, ProgressFlags {
  config: string;
  seeds?: number;
  concurrency?: number;
  resume?: boolean;
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('Record and manage baseline distributions (baselines/<name>.json).');
  baseline
    .command('record')
    .description('Run a config N times and write its final metrics to baselines/<name>.json.')
    .requiredOption('-c, --config <file>', 'config file (YAML)')
    .option('--seeds <n>', "number of seeds (0..n-1), instead of the config's", seedCount)
    .addOption(setFlag())
    .option('--concurrency <k>', 'runs in parallel', positiveInteger)
    .option('--resume', 'continue the newest interrupted recording of this config')
    .addOption(jsonFlag('the baseline file'))
    .addOption(quietFlag())
    .addOption(verboseFlag())
    .action(async (flags: RecordFlags) => {
      const [{ recordBaseline }, { withSession }] = await Promise.all([import('../../workflows/record-baseline.js'), import('../session.js')]);
      const recorded = await withSession(flags, ({ observer, signal }) =>
        recordBaseline({
          configFile: flags.config,
          sets: flags.set,
          seeds: flags.seeds,
          concurrency: flags.concurrency,
          resume: flags.resume,
          signal,
          observer,
        }),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(recorded.baseline, null, 2)}\n`);
        return;
      }
      const ok = recorded.baseline.runs.filter((run) => run.status === 'ok').length;
      process.stdout.write(`recorded ${recorded.file}: ${ok} of ${recorded.records.length} runs of ${recorded.baseline.name}\n`);
      for (const [metric, entry] of Object.entries(recorded.baseline.metrics)) {
        process.stdout.write(`  ${metric} (${entry.direction} is better): mean ${formatNumber(mean(entry.samples), 5)} over ${entry.samples.length} runs\n`);
      }
    });
  baseline
    .command('promote')
    .description('Make the candidate arm of a finished run the new baselines/<name>.json (the replaced baseline is kept in `previous`).')
    .option('-c, --config <file>', 'promote the newest finished run of this config (same fingerprint)')
    .option('--from <dir>', 'promote this run directory (.mlreg/runs/<config>/<id>) instead')
    .addOption(setFlag('the overrides the run was made with; repeatable'))
    .option('--suite <name>', "the run belongs to this suite: select it with the suite's overrides and write the suite's baseline")
    .addOption(jsonFlag('the new baseline file'))
    .action(async (flags: PromoteFlags) => {
      const { promoteBaseline } = await import('../../workflows/promote-baseline.js');
      const promoted = await promoteBaseline({ configFile: flags.config, from: flags.from, sets: flags.set, suite: flags.suite });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(promoted.baseline, null, 2)}\n`);
        return;
      }
      const ok = promoted.baseline.runs.filter((run) => run.status === 'ok').length;
      process.stdout.write(`promoted ${promoted.invocationDir} to ${promoted.file}: ${ok} of ${promoted.baseline.runs.length} runs of ${promoted.baseline.name}\n`);
      if (promoted.replaced) process.stdout.write(`  the replaced baseline (recorded ${promoted.replaced.recordedAt}) is summarised in \`previous\`\n`);
    });
}

interface PromoteFlags extends JsonFlags, SetFlags {
  config?: string;
  from?: string;
  suite?: string;
}
