#!/usr/bin/env node
/**
 * mlreg's command line: dist/cli.vm.js, the command line bundled into one script, compiled with the
 * V8 code cache the build made for it (scripts/bundle-cli.ts explains both). Node 20 has no
 * compile cache of its own (module.enableCompileCache came in Node 22), hence vm.Script here.
 * A missing cache, or one V8 rejects (another Node.js version), only means compiling as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cli.vm.js', import.meta.url));
const cacheFile = `${bundle}.cache`;

/** The bundle compiled with the build's code cache; its source and the cache are not kept around. */
function compileBundle() {
  let source;
  try {
    source = readFileSync(bundle, 'utf8');
  } catch {
    // mlreg's own installation is broken: an infrastructure fault (exit 3), not the user's input.
    process.stderr.write(`mlreg: ${bundle} is missing: run \`npm run build\` in ${dirname(dirname(bundle))}\n`);
    process.exit(3);
  }
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache: compile from source.
  }
  // The file is a CommonJS module already in CommonJS's function wrapper.
  return new Script(source, {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

let script;
const cli = { exports: {} };
try {
  script = compileBundle();
  script.runInThisContext()(cli.exports, createRequire(bundle), cli, bundle, dirname(bundle));
} catch (error) {
  // Before main() maps errors to exit codes: Node would exit 1, which belongs to a verdict alone.
  process.stderr.write(`mlreg: internal error: cannot load ${bundle}: ${error?.message ?? error}; rebuild it (npm run build)\n`);
  process.exit(3);
}
if (process.env.MLREG_WRITE_CODE_CACHE === '1') {
  // The build's cache run: saved at exit, it holds every function this run compiled.
  process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
cli.exports.main(process.argv);
