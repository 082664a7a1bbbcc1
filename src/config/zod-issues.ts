/**
 * zod issues in words: each names the key path, what was expected, what was received, and for
 * unknown keys or misspelt values the closest known one. The config's errors and the built-in
 * trainer's params errors both come from here, so they read alike.
 */
import type * as z from 'zod';
import { describeReceived } from './errors.js';
import { didYouMean } from './suggest.js';
import { getPath, isMap, joinPath } from './tree.js';

/** One zod issue in words: the key path, what was expected, what was received, and a hint when one helps. */
export interface IssueText {
  keyPath: string[];
  expected: string;
  received: string;
  /** "did you mean `seeds`?", or the known keys. */
  hint?: string;
}

/**
 * Every zod issue of validating `input` against `schema` in words (one per unknown key), the same
 * for the config and for a trainer's params.
 */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown): IssueText[] {
  return issues.flatMap((issue) => describeIssue(issue, schema, input));
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, input: unknown, prefix: readonly PropertyKey[] = []): IssueText[] {
  const keyPath = [...prefix, ...issue.path].map(String);
  if (issue.code === 'invalid_union') {
    const branch = matchingBranch(issue, getPath(input, keyPath));
    if (branch) return branch.flatMap((inner) => describeIssue(inner, schema, input, keyPath));
  }
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, keyPath, input);
    return issue.keys.map((key) => {
      const hint = didYouMean(key, known) ?? (known.length > 0 ? `known keys: ${known.join(', ')}` : undefined);
      return { keyPath: [...keyPath, key], expected: 'a known key', received: `unknown key \`${key}\``, ...(hint ? { hint } : {}) };
    });
  }
  const value = getPath(input, keyPath);
  const received = describeReceived(value, joinPath(keyPath));
  const hint = typeof value === 'string' ? didYouMean(value, allowedValues(issue)) : undefined;
  return [{ keyPath, expected: expectedOf(issue), received, ...(hint ? { hint } : {}) }];
}

/**
 * The one union variant whose type fits the value (a map given to `lower | higher | {…}` fails
 * inside the map variant): its issues say more than "expected one of the variants".
 */
function matchingBranch(issue: z.core.$ZodIssue & { code: 'invalid_union' }, value: unknown): z.core.$ZodIssue[] | undefined {
  const fitting = issue.errors.filter((branch) => branch.some((inner) => !isTypeMismatch(inner, value)));
  return fitting.length === 1 ? fitting[0] : undefined;
}

/** Whether an issue only says the value has the wrong type for a variant. */
function isTypeMismatch(issue: z.core.$ZodIssue, value: unknown): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return true;
  if (issue.code === 'invalid_value') return !issue.values.some((allowed) => typeof allowed === typeof value);
  return false;
}

/** The values an enum, literal or discriminator allows, for "did you mean". */
function allowedValues(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'invalid_value') return issue.values.map(String);
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) return issue.options.map(String);
  return [];
}

const CUSTOM = 'expected ';

const TYPE_NAMES: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
};

/** The expected side of an issue: the schema's own wording when it has one, else built from the issue's fields. */
function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith(CUSTOM)) return issue.message.slice(CUSTOM.length);
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return issue.values.length === 1 ? quote(issue.values[0]) : `one of ${issue.values.map(quote).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return `one of ${issue.options.map(quote).join(', ')}`;
      return issue.errors.map((branch) => (branch[0] ? expectedOf(branch[0]) : 'another value')).join(' or ');
    case 'too_small':
      return boundText(issue.origin, issue.minimum, issue.inclusive ?? true, 'min');
    case 'too_big':
      return boundText(issue.origin, issue.maximum, issue.inclusive ?? true, 'max');
    case 'invalid_format':
      return 'pattern' in issue && issue.pattern ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`;
    default:
      return `a valid value (${issue.message})`;
  }
}

function boundText(origin: string, bound: number | bigint, inclusive: boolean, side: 'min' | 'max'): string {
  const n = Number(bound);
  if (origin === 'array' || origin === 'set') return side === 'min' ? `a list of at least ${n} item${n === 1 ? '' : 's'}` : `a list of at most ${n} items`;
  if (origin === 'string') return side === 'min' ? (n === 1 ? 'a non-empty string' : `a string of at least ${n} characters`) : `a string of at most ${n} characters`;
  const op = side === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `a number ${op} ${n}`;
}

function quote(value: unknown): string {
  return `\`${String(value)}\``;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  valueType?: z.ZodType;
  element?: z.ZodType;
  /** A literal's values. */
  values?: unknown[];
}

/** The fields of a schema's definition that the key lookups read (zod's `_zod.def`, which holds more). */
function defOf(schema: z.ZodType): SchemaDef {
  return schema._zod.def;
}

/** The keys the schema allows in the map at `keyPath`, choosing union variants by the input. */
function knownKeysAt(schema: z.ZodType, keyPath: readonly string[], input: unknown): string[] {
  const object = schemaAt(schema, keyPath, input);
  const shape = object ? defOf(object).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

function schemaAt(schema: z.ZodType, keyPath: readonly string[], input: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; depth <= keyPath.length && current; depth++) {
    current = unwrap(current, getPath(input, keyPath.slice(0, depth)));
    if (depth === keyPath.length || !current) break;
    const def = defOf(current);
    const key = keyPath[depth]!;
    if (def.type === 'object') current = def.shape?.[key];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  return current && defOf(current).type === 'object' ? current : undefined;
}

/** Strips wrappers (default, optional, pipe) and picks the union variant that fits `value`. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'union' && def.options) {
      const objects = def.options.map((option) => unwrap(option, value)).filter((option): option is z.ZodType => option !== undefined && defOf(option).type === 'object');
      if (def.discriminator && isMap(value)) {
        const tag = value[def.discriminator];
        return (
          objects.find((option) => {
            const literal = defOf(option).shape?.[def.discriminator!];
            return literal && defOf(literal).values?.includes(tag);
          }) ?? objects[0]
        );
      }
      return objects[0];
    } else return current;
  }
}
