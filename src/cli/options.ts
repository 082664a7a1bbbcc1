/** Parsers for option values: a bad value is a usage error (exit 2) that names the option. */
import { InvalidArgumentError } from 'commander';
import { MAX_SEEDS } from '../model/defaults.js';

/** Parses a positive integer option value. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(`expected a positive integer, received "${value}"`);
  }
  return parsed;
}

/** Parses a number of seeds: a positive integer up to the config key's limit (a typo such as 1000000 fails fast). */
export function seedCount(value: string): number {
  const parsed = positiveInteger(value);
  if (parsed > MAX_SEEDS) throw new InvalidArgumentError(`expected at most ${MAX_SEEDS} seeds (as the config key \`seeds\`), received "${value}"`);
  return parsed;
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses `lower` or `higher`. */
export function direction(value: string): 'lower' | 'higher' {
  if (value !== 'lower' && value !== 'higher') throw new InvalidArgumentError(`expected lower or higher, received "${value}"`);
  return value;
}

/** Parses a probability strictly between 0 and 1 (a significance level). */
export function probability(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0 && parsed < 1)) throw new InvalidArgumentError(`expected a number between 0 and 1 (exclusive), received "${value}"`);
  return parsed;
}

/** Parses a finite number ≥ 0. */
export function nonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a finite number ≥ 0, received "${value}"`);
  return parsed;
}
