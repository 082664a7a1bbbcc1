/** Lets the trainer adapter check a config's params before anything runs or is written. */
import { relative } from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { createTrainer } from './registry.js';

/** Throws an InputError naming the file that set each bad param, when the adapter finds any. */
export async function validateTrainerParams(loaded: LoadedConfig): Promise<void> {
  const adapter = await createTrainer(loaded.config.trainer);
  const problems = adapter.validateParams?.(loaded.config.params) ?? [];
  if (problems.length === 0) return;
  const lines = problems.map((problem) => {
    const source = sourceOf(loaded, problem.path);
    return `  ${source}: ${problem.path}: expected ${problem.expected}, received ${problem.received}${problem.hint ? `; ${problem.hint}` : ''}`;
  });
  throw new InputError(`invalid params for the ${adapter.name} trainer in ${displayFile(loaded.file)}:\n${lines.join('\n')}`);
}

/** The file (or --set) that set `path` or its nearest parent key. */
function sourceOf(loaded: LoadedConfig, path: string): string {
  const keys = path.split('.');
  for (let length = keys.length; length > 0; length--) {
    const prefix = keys.slice(0, length).join('.');
    const exact = loaded.provenance[prefix];
    if (exact) return displayFile(exact);
    const child = Object.entries(loaded.provenance).find(([key]) => key.startsWith(`${prefix}.`));
    if (child) return displayFile(child[1]);
  }
  return displayFile(loaded.file);
}

function displayFile(source: string): string {
  return source.startsWith('/') ? relative(process.cwd(), source) || source : source;
}
