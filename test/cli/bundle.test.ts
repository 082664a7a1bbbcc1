/**
 * The command line as bin/mlreg.js loads it: the bundle built by `npm run build` and the V8 code
 * cache made for it. A cache V8 rejects costs nothing but start-up time, silently: this says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script, constants } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/harness.js';

const bundle = join(repoRoot, 'dist', 'cli.vm.js');

describe('the bundled command line', () => {
  it('is plain ASCII, so V8 keeps its source in one byte per character', () => {
    expect(/[^\x00-\x7f]/.test(readFileSync(bundle, 'utf8'))).toBe(false);
  });

  it('compiles with the code cache of its build, which V8 accepts', () => {
    expect(existsSync(`${bundle}.cache`)).toBe(true);
    const script = new Script(readFileSync(bundle, 'utf8'), {
      filename: bundle,
      cachedData: readFileSync(`${bundle}.cache`),
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    expect(script.cachedDataRejected).toBe(false);
  });
});
