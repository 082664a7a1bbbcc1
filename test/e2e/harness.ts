/** End-to-end harness: fixture projects in temp folders and the real `bin/mlreg.js`. */
import { cp, mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';
import { afterAll } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const mlregBin = join(repoRoot, 'bin', 'mlreg.js');

const created: string[] = [];
afterAll(async () => {
  if (process.env.MLREG_KEEP_TEST_DIRS) return;
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Creates a temp project with the given files (path → content) and returns its path. */
export async function testProject(files: Record<string, string> = {}, options: { withExampleConfigs?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlreg-e2e-'));
  created.push(dir);
  // Its own project root (src/config/project.ts), wherever the temp directory lies.
  await mkdir(join(dir, '.mlreg'));
  if (options.withExampleConfigs) await cp(join(repoRoot, 'configs'), join(dir, 'configs'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Runs the built CLI in `cwd`; never rejects, the test reads exitCode/stdout/stderr. */
export function mlreg(cwd: string, args: string[], options: Omit<Options, 'reject' | 'cwd'> = {}) {
  return execa<{ reject: false; cwd: string; env: NodeJS.ProcessEnv }>('node', [mlregBin, ...args], {
    reject: false,
    cwd,
    ...options,
    env: { CI: 'true', NO_COLOR: '1', ...options.env },
  });
}

/** Every file below `dir`, relative, sorted (to assert that nothing was written). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name).slice(dir.length + 1))
    .sort();
}

/**
 * A stored baseline file (baselines/<name>.json) for `configs/<name>.yaml`: its samples per metric,
 * seed i's run reporting each metric's i-th sample. The fingerprint belongs to no real config
 * unless one is given.
 */
export function storedBaseline(
  name: string,
  metrics: Record<string, { direction: 'lower' | 'higher'; samples: readonly number[] }>,
  options: { fingerprint?: string } = {},
): string {
  const runCount = Math.max(0, ...Object.values(metrics).map((metric) => metric.samples.length));
  const seeds = Array.from({ length: runCount }, (_, seed) => seed);
  return JSON.stringify({
    schema: 'mlreg.baseline/1',
    name,
    configFile: `configs/${name}.yaml`,
    fingerprint: options.fingerprint ?? 'f'.repeat(64),
    recordedAt: '2026-01-01T00:00:00.000Z',
    gitCommit: null,
    mlregVersion: '0.1.0',
    seeds,
    metrics,
    runs: seeds.map((seed) => ({
      seed,
      status: 'ok',
      metrics: Object.fromEntries(Object.entries(metrics).flatMap(([metric, { samples }]) => (seed < samples.length ? [[metric, samples[seed]]] : []))),
    })),
  });
}
