/** `mlreg compare`: compare two stored sample sets without running anything. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { RopeSchema } from '../../config/schema.js';
import { direction } from '../options.js';
import { jsonFlag, type JsonFlags } from '../shared-flags.js';

interface CompareFlags extends JsonFlags {
  baseline: string;
  candidate: string;
  direction?: 'lower' | 'higher';
  alpha?: number;
  rope?: number | { relative: number };
  includeSamples?: boolean;
  expectImprovement?: boolean;
  unpaired?: boolean;
}

function alpha(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed < 1)) throw new InvalidArgumentError(`expected a number between 0 and 1, received "${value}"`);
  return parsed;
}

/** `--rope 0.05` (absolute) or `--rope 2%` (relative to the baseline mean), as a config's `rope`. */
function rope(value: string): number | { relative: number } {
  const parsed = RopeSchema.safeParse(/^[0-9.eE+-]+$/.test(value.trim()) ? Number(value) : value.trim());
  if (!parsed.success) throw new InvalidArgumentError(`expected a non-negative number (absolute) or a percentage such as "2%" (relative), received "${value}"`);
  return parsed.data;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('Compare a candidate sample set with a baseline: JSON arrays, {metric: number[]} objects or baseline files.')
    .requiredOption('--baseline <file>', 'baseline samples (JSON)')
    .requiredOption('--candidate <file>', 'candidate samples (JSON)')
    .option('--direction <lower|higher>', 'which way is better (required unless a baseline file says it)', direction)
    .option('--alpha <a>', 'significance level (default 0.05)', alpha)
    .option('--rope <r>', 'region of practical equivalence of every metric: a half-width (0.05) or a share of the baseline mean ("2%"); default half the baseline sd', rope)
    .option('--unpaired', "compare as independent samples even when both files say each sample's seed")
    .option('--expect-improvement', 'a far-out better result is an expected improvement, not suspicious')
    .addOption(jsonFlag('the comparison document'))
    .option('--include-samples', "with --json, also print each arm's samples (the input values), which are left out by default")
    .action(async (flags: CompareFlags) => {
      const [{ compareFiles }, { printDocument }] = await Promise.all([import('../../workflows/compare-files.js'), import('../output.js')]);
      const doc = await compareFiles({
        baselineFile: flags.baseline,
        candidateFile: flags.candidate,
        direction: flags.direction,
        alpha: flags.alpha,
        rope: flags.rope,
        expectImprovement: flags.expectImprovement,
        unpaired: flags.unpaired,
      });
      printDocument(doc, { json: flags.json, omitSamples: !flags.includeSamples });
      process.exitCode = doc.exitCode;
    });
}
