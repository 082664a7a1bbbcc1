/** A RunContext for one builtin run in its own temp directory below `root`. */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../../../src/trainers/types.js';

export function builtinRunContext(root: string, overrides: Partial<RunContext> = {}): RunContext {
  const runDir = mkdtempSync(join(root, `seed-${overrides.seed ?? 1}-`));
  return {
    seed: 1,
    params: { steps: 60 },
    runDir,
    metricsFile: join(runDir, 'metrics.json'),
    config: { name: 'test', file: 'test.yaml', tags: [], group: 'test', jobType: 'candidate' },
    signal: new AbortController().signal,
    ...overrides,
  };
}
