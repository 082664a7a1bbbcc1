/**
 * The CI recipes validate against the published JSON schemas of their CI (copies in
 * test/fixtures/schemas, see its README), and their shell does what docs/ci.md says: HEAD first,
 * then the configs a branch adds or changes, deleted ones skipped; the history saved even when the
 * suite fails. Ajv is the validator (a dev dependency: both schemas are JSON Schema draft-07).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { startWebhookServer } from '../notify/server.js';
import { listFiles, mlregBin, repoRoot, testProject } from '../e2e/harness.js';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const circleci = ajv.compile(JSON.parse(read('test/fixtures/schemas/circleciconfig.json')));
const githubWorkflow = ajv.compile(JSON.parse(read('test/fixtures/schemas/github-workflow.json')));

/** The ```yaml block of docs/ci.md that starts with `# <first line>`. */
function docBlock(firstLine: string): string {
  const blocks = [...read('docs/ci.md').matchAll(/```(?:yaml|crontab)\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const block = blocks.find((text) => text.startsWith(firstLine));
  if (!block) throw new Error(`docs/ci.md has no block starting with ${firstLine}`);
  return block;
}

function errorsOf(validate: typeof circleci): string {
  return JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}

describe('CI recipes', () => {
  it.each(['.circleci/config.yml', 'templates/init/ci/circleci.yml'])('%s is a valid CircleCI config', (path) => {
    expect(circleci(parse(read(path))), errorsOf(circleci)).toBe(true);
  });

  it('the schema copy can fail: a job without steps or executor is rejected', () => {
    expect(circleci({ version: 2.1, jobs: { build: { stepz: [] } }, workflows: { w: { jobs: ['build'] } } })).toBe(false);
    expect(githubWorkflow({ on: 'push', jobs: { build: { 'runs-on': 'ubuntu-latest', stepz: [] } } })).toBe(false);
  });

  it('the GitHub Actions workflow `mlreg init` writes is valid and is the one docs/ci.md shows', () => {
    const template = read('templates/init/ci/github-actions.yml');
    expect(githubWorkflow(parse(template)), errorsOf(githubWorkflow)).toBe(true);
    expect(docBlock('# .github/workflows/mlreg.yml')).toBe(`# .github/workflows/mlreg.yml\n${template}`);
  });

  it('GitHub Actions saves the history and suite baselines even when the suite fails', () => {
    const workflow = parse(read('templates/init/ci/github-actions.yml'));
    const steps = workflow.jobs.suite.steps as Array<{ uses?: string; if?: string; with?: { path?: string } }>;
    const save = steps.find((step) => step.uses?.startsWith('actions/cache/save'));
    expect(save?.if).toBe('always()');
    expect(save?.with?.path).toBe('~/mlreg-state');
    expect(JSON.stringify(steps)).toContain('cp -r baselines ~/mlreg-state/');
  });

  it.each(['.circleci/config.yml', 'templates/init/ci/circleci.yml'])('%s runs suites from scheduled pipelines, not legacy triggers', (path) => {
    const config = parse(read(path));
    expect(JSON.stringify(config.workflows)).not.toContain('"triggers"');
    expect(JSON.stringify(config.workflows)).toContain('<< pipeline.schedule.name >>');
  });

  it('tests mlreg on Node.js 20, 22 and 24 on an image where Chromium installs', () => {
    const config = parse(read('.circleci/config.yml'));
    const test = config.workflows['pull-request'].jobs.find((job: unknown) => typeof job === 'object' && job && 'test' in job).test;
    expect(test.matrix.parameters.node).toEqual(['20', '22', '24']);
    expect(config.jobs.test.docker[0].image).toBe('node:<< parameters.node >>-bookworm');
    expect(read('.ci/run')).toContain('chromium');
  });

  it("the crontab example runs a suite under cron's PATH, with the webhook read from a file", async () => {
    const block = docBlock('# m  h  dom mon dow');
    const cronPath = block
      .split('\n')
      .find((line) => line.startsWith('PATH='))!
      .slice('PATH='.length);
    if (!cronPath.split(':').some((dir) => existsSync(join(dir, 'node')))) {
      console.warn(`skipping the crontab check: node is not in ${cronPath} on this machine (${dirname(process.execPath)})`);
      return;
    }
    const project = await testProject({
      'configs/head.yaml': 'name: head\ntrainer: { adapter: builtin }\nparams: { steps: 40 }\nseeds: 3\nmetrics:\n  loss: { direction: lower }\n',
      'suites/hourly.yaml': 'configs:\n  - config: ../configs/head.yaml\n',
    });
    await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
    await symlink(mlregBin, join(project, 'node_modules', '.bin', 'mlreg'));
    const server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    const home = await mkdtemp(join(tmpdir(), 'mlreg-cron-home-'));
    await mkdir(join(home, '.config', 'mlreg'), { recursive: true });
    await writeFile(join(home, '.config', 'mlreg', 'slack-webhook'), `http://127.0.0.1:${server.port}/services/T1/B2/CronHookToken123\n`);
    try {
      const hourly = block.split('\n').find((line) => /^0\s+\*\s/.test(line))!;
      // What cron hands to /bin/sh: the fields after the schedule, with `\%` unescaped.
      const command = hourly
        .replace(/^(\S+\s+){5}/, '')
        .replace(/\\%/g, '%')
        .replace('/srv/ml-project', project);
      const cron = await execa('/bin/sh', ['-c', command], { env: { PATH: cronPath, HOME: home, SHELL: '/bin/sh', LOGNAME: 'cron' }, extendEnv: false, reject: false });
      const log = readFileSync(join(home, 'mlreg-hourly.log'), 'utf8');
      expect(cron.exitCode, log).toBe(0);
      expect((await listFiles(project)).some((file) => /^reports\/hourly\/\d{8}T\d{4}\/report\.md$/.test(file))).toBe(true);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 60_000);
});
