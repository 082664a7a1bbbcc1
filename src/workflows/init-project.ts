/**
 * `mlreg init`: scaffolds mlreg in a project of its own: configs/head.yaml and one ablation, a
 * Python trainer stub with mlreg_report.py (the protocol in two calls), a nightly suite, a CI
 * workflow, and `.mlreg/` in .gitignore. The files are the package's templates/init/ and
 * python/mlreg_report.py. A file that exists already is kept unless `force` is set.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../package-files.js';

export type CiChoice = 'github' | 'circleci' | 'none';

export interface InitOptions {
  /** The project's root directory. */
  dir: string;
  ci: CiChoice;
  /** Replace files that exist already. */
  force?: boolean | undefined;
}

export interface InitResult {
  /** Files written, relative to the project. */
  written: string[];
  /** Files that existed and were kept. */
  kept: string[];
  /** What happened to .gitignore. */
  gitignore: 'created' | 'updated' | 'unchanged';
}

const TEMPLATES = join(PACKAGE_ROOT, 'templates', 'init');
/** Project file → package file. */
const COMMON_FILES: Record<string, string> = {
  'configs/head.yaml': join(TEMPLATES, 'configs/head.yaml'),
  'configs/ablations/more-steps.yaml': join(TEMPLATES, 'configs/ablations/more-steps.yaml'),
  'suites/nightly.yaml': join(TEMPLATES, 'suites/nightly.yaml'),
  'train.py': join(TEMPLATES, 'train.py'),
  'mlreg_report.py': join(PACKAGE_ROOT, 'python', 'mlreg_report.py'),
};
const CI_FILES: Record<CiChoice, Record<string, string>> = {
  github: { '.github/workflows/mlreg.yml': join(TEMPLATES, 'ci/github-actions.yml') },
  circleci: { '.circleci/config.yml': join(TEMPLATES, 'ci/circleci.yml') },
  none: {},
};
/** What mlreg keeps in a project that is not for version control: run directories, the history. */
const IGNORED = '.mlreg/';

/** Writes the scaffold into `options.dir`. */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const result: InitResult = { written: [], kept: [], gitignore: 'unchanged' };
  for (const [target, source] of Object.entries({ ...COMMON_FILES, ...CI_FILES[options.ci] })) {
    const file = join(options.dir, target);
    if (existsSync(file) && !options.force) {
      result.kept.push(target);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await copyFile(source, file);
    result.written.push(target);
  }
  result.gitignore = await ignoreRunState(join(options.dir, '.gitignore'));
  return result;
}

/** Adds `.mlreg/` to the project's .gitignore unless a line ignores it already. */
async function ignoreRunState(file: string): Promise<InitResult['gitignore']> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    await writeFile(file, `# mlreg: run directories and the history of results\n${IGNORED}\n`);
    return 'created';
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => ['.mlreg', '.mlreg/', '/.mlreg', '/.mlreg/'].includes(line))) return 'unchanged';
  await writeFile(file, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}# mlreg: run directories and the history of results\n${IGNORED}\n`);
  return 'updated';
}
