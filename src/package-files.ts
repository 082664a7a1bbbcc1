/**
 * Files of the mlreg package that code finds at run time: its package.json, its command-line
 * entry, and the entry modules of worker threads.
 *
 * They are located from the package root rather than from the calling module, because the same
 * module runs from three places: src/ (tests, tsx), dist/ (the library, compiled by tsc) and
 * dist/bundle/ (the command line, bundled by esbuild into a few chunks, see
 * scripts/bundle-cli.ts). A path relative to `import.meta.url` would differ between them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** The directory holding mlreg's package.json: the nearest above this module. */
export const PACKAGE_ROOT = findPackageRoot(dirname(here));

/** True when mlreg runs from its TypeScript sources (vitest, tsx) rather than from dist/. */
const fromSources = here.endsWith('.ts');

/** `bin/mlreg.js`, the command line that compute nodes and child processes start. */
export const MLREG_BIN = join(PACKAGE_ROOT, 'bin', 'mlreg.js');

/**
 * The module at `path` (relative to src/, without extension) as the runtime can load it in a new
 * worker thread: the .ts source when running from sources, else the tsc output under dist/.
 */
export function moduleEntry(path: string): URL {
  return pathToFileURL(fromSources ? join(PACKAGE_ROOT, 'src', `${path}.ts`) : join(PACKAGE_ROOT, 'dist', `${path}.js`));
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`mlreg: no package.json above ${start}`);
  }
}
