/** `mlreg init`: scaffold mlreg in a project (configs, a Python trainer stub, a suite, CI, .gitignore). */
import { InvalidArgumentError, type Command } from 'commander';
import type { CiChoice } from '../../workflows/init-project.js';

const CI_CHOICES = ['github', 'circleci', 'none'];

function ciChoice(value: string): CiChoice {
  if (!CI_CHOICES.includes(value)) throw new InvalidArgumentError(`expected one of ${CI_CHOICES.join(', ')}, received "${value}"`);
  return value as CiChoice;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Scaffold mlreg here: configs/head.yaml and an ablation, a Python trainer stub with mlreg_report.py, a nightly suite, a CI workflow and .mlreg/ in .gitignore.')
    .option('--ci <provider>', 'CI workflow to write: github (.github/workflows/mlreg.yml), circleci (.circleci/config.yml) or none', ciChoice, 'github')
    .option('--force', 'replace files that exist already (kept otherwise)')
    .action(async (flags: { ci: CiChoice; force?: boolean }) => {
      const { initProject } = await import('../../workflows/init-project.js');
      const result = await initProject({ dir: process.cwd(), ci: flags.ci, force: flags.force });
      for (const file of result.written) process.stdout.write(`wrote ${file}\n`);
      for (const file of result.kept) process.stdout.write(`kept ${file} (exists; --force replaces it)\n`);
      if (result.gitignore !== 'unchanged') process.stdout.write(`${result.gitignore} .gitignore: .mlreg/ (run directories and history) is not committed\n`);
      process.stdout.write(
        [
          '',
          'Next:',
          '  npx mlreg run --config configs/head.yaml                    # records baselines/head.json: commit it',
          '  npx mlreg run --config configs/ablations/more-steps.yaml    # compares the ablation with it',
          'Replace the toy model in train.py with your training; mlreg_report.py reports its metrics.',
          '',
        ].join('\n'),
      );
    });
}
