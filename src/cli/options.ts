/** Parsers for option values: a bad value is a usage error (exit 2) that names the option. */
import { InvalidArgumentError } from 'commander';

/** Parses a positive integer option value. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(`expected a positive integer, received "${value}"`);
  }
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
