/**
 * Builds the command line that bin/mlreg.js starts: src/cli/main.ts and everything it imports
 * (zod, yaml and commander included) bundled by esbuild into one CommonJS module, wrapped in
 * CommonJS's function wrapper so that bin/mlreg.js can compile the file as it is (dist/cli.vm.js),
 * plus V8's code cache for it (dist/cli.vm.js.cache). Run by `npm run build` after tsc, whose dist/
 * output stays the library (`import 'mlreg'`) and the entry modules of worker threads (see
 * src/package-files.ts).
 *
 * Why: mlreg starts before every run of every config, and its start-up is time during which no
 * trainer runs. Node 20 loads each ES module file on its own (resolve, read, compile, link), and
 * the command line's start loaded ~240 files, 100 of them zod's; it has no compile cache for ES
 * modules either. One script compiled with a code cache skips all of that: `mlreg run` starts
 * its first trainer ~80 ms sooner (`npm run bench:runner` prints the start-up time).
 *
 * The cache is made by running the bundle once on a small config tree with a command trainer
 * (MLREG_WRITE_CODE_CACHE=1 makes bin/mlreg.js save it on exit), so it holds the functions a
 * `mlreg run` compiles, not only the top level. That run happens in a temporary directory of its
 * own, with none of the installing environment's secrets (see buildEnvironment): it can neither
 * notify anyone nor touch the project being installed into. V8 rejects a cache made by another Node.js
 * version; the script then compiles as usual.
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.vm.js');
const cache = `${bundle}.cache`;

await rm(cache, { force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // A native addon, and a client whose HTTP stack loads its parts dynamically: both stay packages.
  external: ['better-sqlite3', '@slack/webhook'],
  // The sources are ES modules: strict, and `import.meta.url` is the bundle's own URL. The wrapper
  // opens on the first line, so that line numbers hold.
  banner: { js: "(function (exports, require, module, __filename, __dirname) { 'use strict'; const __mlregImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '})' },
  define: { 'import.meta.url': '__mlregImportMetaUrl' },
  charset: 'ascii',
  logLevel: 'warning',
});
await keepAscii(bundle);
try {
  await writeCodeCache();
  console.log(`bundled the command line into dist/cli.vm.js, code cache ${((await stat(cache)).size / 1024).toFixed(0)} KB`);
} catch (error) {
  // Without a cache mlreg only starts slower: an install must not fail for it (test/cli/bundle.test.ts notices).
  console.warn(`bundled the command line into dist/cli.vm.js, without a code cache: ${(error as Error).message}`);
}

/**
 * Replaces the non-ASCII characters esbuild leaves in comments it keeps (a dash in one of zod's).
 * One of them would make V8 hold the whole source, which it keeps for lazy compilation, as a
 * two-byte string: 2.6 MB of heap instead of 1.3 MB, copied into every trainer's fork. esbuild
 * escapes them everywhere else (`charset: 'ascii'`), so only comments change, and one UTF-16
 * unit becomes one character: the source map's columns still hold.
 */
async function keepAscii(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, '?');
  if (ascii !== text) await writeFile(file, ascii);
}

/**
 * The environment of the code-cache run: only what a process needs to start (PATH, HOME, the temp
 * directory, the locale). The build runs inside `npm install`/`npm ci`, in CI jobs whose every
 * step has the team's secrets set: a Slack webhook there would post "Passed: child" on every
 * install, a history database URL would receive the run. Nothing of that kind reaches this run.
 */
function buildEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'LANG', 'LC_ALL']) {
    const value = env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** Runs `mlreg run` on a child config and its HEAD (both run now, then compared), saving the code cache. */
async function writeCodeCache(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'mlreg-code-cache-'));
  try {
    // Its own project root, even when the temp directory lies inside someone's repository.
    await mkdir(join(scratch, '.mlreg'));
    const trainer = [process.execPath, '-e', 'console.log("MLREG_METRIC " + JSON.stringify({ score: Number(process.env.MLREG_SEED) }))'];
    const head = { name: 'head', trainer: { adapter: 'command', command: trainer }, seeds: 3, metrics: { score: { direction: 'higher' } } };
    await writeFile(join(scratch, 'head.yaml'), JSON.stringify(head));
    await writeFile(join(scratch, 'child.yaml'), 'extends: head.yaml\nname: child\n');
    const run = promisify(execFile)(process.execPath, [join(root, 'bin', 'mlreg.js'), 'run', '--config', 'child.yaml', '--quiet'], {
      cwd: scratch,
      env: { ...buildEnvironment(), CI: 'true', MLREG_WRITE_CODE_CACHE: '1' },
    });
    // Exit code 1 is a verdict, not a failure of the run.
    await run.catch((error: { code?: number; stderr?: string }) => {
      if (error.code !== 1) throw new Error(`the code-cache run of mlreg failed (exit ${error.code}):\n${error.stderr}`);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
