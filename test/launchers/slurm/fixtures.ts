import { readFileSync } from 'node:fs';

/** Reads a recorded Slurm output (see scripts/slurm/record-fixtures.sh). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
