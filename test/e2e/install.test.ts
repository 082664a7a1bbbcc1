/**
 * mlreg as a new user gets it: the packed tarball installed into a fresh project outside the
 * repository, `npx mlreg init`, HEAD's baseline recorded, an ablation's verdict. A webhook is set
 * during the install: nothing may be posted. better-sqlite3's native addon comes from a local
 * prebuild (the repository's own build) instead of GitHub or a compiler: the test stays offline
 * except for the npm registry, which `--prefer-offline` answers from the cache when it can.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../notify/server.js';
import { listFiles, repoRoot } from './harness.js';

const sqliteVersion = JSON.parse(await readFile(join(repoRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')).version as string;

describe('installing mlreg into a project of its own', () => {
  let work: string;
  let tarball: string;
  let project: string;
  let server: WebhookServer;

  beforeAll(async () => {
    server = await startWebhookServer(() => ({ status: 200, body: 'ok' }));
    work = await mkdtemp(join(tmpdir(), 'mlreg-install-'));
    // dist/ is built (npm test builds first); --ignore-scripts keeps this pack from rebuilding it under other tests.
    const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repoRoot });
    tarball = join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename);
    const prebuilds = join(work, 'prebuilds');
    await mkdir(prebuilds);
    const prebuild = `better-sqlite3-v${sqliteVersion}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    await execa('tar', ['czf', join(prebuilds, prebuild), '-C', join(repoRoot, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node']);
    project = join(work, 'project');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'my-model', private: true, allowScripts: { 'better-sqlite3': true } }, null, 2)}\n`);
    const install = await execa('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: project,
      env: {
        npm_config_better_sqlite3_local_prebuilds: prebuilds,
        MLREG_SLACK_WEBHOOK_URL: `http://127.0.0.1:${server.port}/services/T1/B2/InstallHookToken123`,
      },
      reject: false,
    });
    expect(install.exitCode, install.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    if (work && !process.env.MLREG_KEEP_TEST_DIRS) await rm(work, { recursive: true, force: true });
  });

  it('ships what the command line and the library use, and nothing of the build or the benchmarks', async () => {
    const installed = join(project, 'node_modules/mlreg');
    const files = await listFiles(installed);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'bin/mlreg.js',
        'dist/cli.vm.js',
        'dist/api.js',
        'dist/api.d.ts',
        'dist/trainers/builtin/worker.js',
        'schema/mlreg.schema.json',
        'python/mlreg_report.py',
      ]),
    );
    expect(files.filter((file) => file.endsWith('.map') || file.startsWith('dist/cli/') || file.includes('benchmark') || file.includes('_template'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(manifest.repository.url).toMatch(/^git\+https:/);
    expect(server.requests).toEqual([]);
  });

  it("scaffolds a project with `npx mlreg init`, records HEAD's baseline and gives an ablation its verdict", async () => {
    const npx = (args: string[]) => execa('npx', ['--no-install', 'mlreg', ...args], { cwd: project, reject: false, env: { CI: 'true', NO_COLOR: '1' } });
    const init = await npx(['init', '--ci', 'circleci']);
    expect(init.exitCode, init.stderr).toBe(0);
    const files = await listFiles(project);
    expect(files).toEqual(
      expect.arrayContaining([
        'configs/head.yaml',
        'configs/ablations/more-steps.yaml',
        'train.py',
        'mlreg_report.py',
        'suites/nightly.yaml',
        '.circleci/config.yml',
        '.gitignore',
      ]),
    );
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toMatch(/^\.mlreg\/$/m);
    expect(await readFile(join(project, 'configs/head.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/node_modules\/mlreg\/schema\/mlreg\.schema\.json$/m);

    const head = await npx(['run', '--config', 'configs/head.yaml', '-q']);
    expect(head.exitCode, head.stderr).toBe(0);
    expect(head.stderr).toMatch(/recorded baseline baselines\/head\.json from 10 runs/);
    const ablation = await npx(['run', '--config', 'configs/ablations/more-steps.yaml', '--json']);
    const doc = JSON.parse(ablation.stdout);
    expect(doc.baseline.source).toBe('baseline-file');
    expect(doc.runs.filter((run: { status: string }) => run.status === 'ok')).toHaveLength(10);
    // Training longer than needed to converge changes nothing: equivalent within the rope.
    expect(Object.fromEntries(doc.comparisons.map((c: { metric: string; verdict: string }) => [c.metric, c.verdict]))).toEqual({ loss: 'equivalent', accuracy: 'equivalent' });
    expect([ablation.exitCode, doc.verdict]).toEqual([0, 'pass']);

    // A second init keeps what is there.
    const again = await npx(['init']);
    expect(again.stdout).toMatch(/kept configs\/head\.yaml/);
  }, 120_000);
});
