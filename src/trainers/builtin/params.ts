/**
 * The built-in trainer's params: the ablation knobs a config sets under `params:`.
 * The schema is the documentation: descriptions and defaults live here.
 */
import * as z from 'zod';
import { TRAIN_SIZE } from './dataset.js';

export const builtinParamsSchema = z
  .strictObject({
    learning_rate: z.number().positive().max(10).default(0.05).describe('SGD step size.'),
    momentum: z.number().min(0).lt(1).default(0.9).describe('Heavy-ball momentum coefficient of SGD (0 disables momentum).'),
    width: z.int().min(1).max(1024).default(32).describe('Hidden units of the one-hidden-layer network.'),
    steps: z.int().min(1).max(100_000).default(400).describe('Optimiser steps (mini-batches) to train for.'),
    batch_size: z.int().min(1).max(TRAIN_SIZE).default(32).describe(`Examples per mini-batch (at most the ${TRAIN_SIZE} training examples).`),
    weight_decay: z.number().min(0).default(0.01).describe('L2 penalty coefficient on the weights (not the biases).'),
    bugs: z
      .strictObject({
        softmax_into_logit_loss: z
          .boolean()
          .default(false)
          .describe('Silent bug: the network ends in a softmax and its probabilities are fed to a cross-entropy that expects logits (a double softmax). Trains, but worse.'),
        eval_on_train: z.boolean().default(false).describe('Metric bug: final metrics are computed on the training split instead of the held-out split. Looks too good.'),
      })
      .prefault({})
      .describe('Deliberate bugs, off by default, to show what mlreg catches.'),
  })
  .describe('Params of the built-in trainer: a small classifier trained on a fixed synthetic data set.');

export type BuiltinParams = z.output<typeof builtinParamsSchema>;

/** One problem with the params, with where it is, what was expected and what was received. */
export interface ParamIssue {
  /** Key path from the config root, e.g. `params.bugs.eval_on_train`. */
  path: string;
  expected: string;
  received: string;
}

/** Thrown when params do not fit `builtinParamsSchema`; lists every problem. */
export class BuiltinParamsError extends Error {
  readonly issues: ParamIssue[];
  constructor(issues: ParamIssue[]) {
    super(`Invalid params for the builtin trainer:\n${issues.map((issue) => `  ${issue.path}: expected ${issue.expected}, received ${issue.received}`).join('\n')}`);
    this.name = 'BuiltinParamsError';
    this.issues = issues;
  }
}

/** Checks `params` against the schema and returns every problem (empty when valid). */
export function validateBuiltinParams(params: unknown): ParamIssue[] {
  const result = builtinParamsSchema.safeParse(params);
  return result.success ? [] : result.error.issues.flatMap((issue) => describeIssue(issue, params));
}

/** Parses `params`, filling defaults; throws a BuiltinParamsError naming each bad key. */
export function parseBuiltinParams(params: unknown): BuiltinParams {
  const result = builtinParamsSchema.safeParse(params);
  if (!result.success) {
    throw new BuiltinParamsError(result.error.issues.flatMap((issue) => describeIssue(issue, params)));
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): ParamIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      expected: known.length > 0 ? `one of the keys ${known.join(', ')}` : 'no such key',
      received: `unknown key "${key}"`,
    }));
  }
  return [{ path: formatPath(path), expected: describeExpected(issue), received: describeValue(valueAt(input, path)) }];
}

function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
    case 'too_small':
      return `a ${issue.origin} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `a ${issue.origin} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** Lists the keys the schema accepts for the object at `path` (for "did you mean" hints). */
function knownKeys(path: string[]): string[] {
  let shape: z.ZodType = builtinParamsSchema;
  for (const key of path) {
    const inner = unwrap(shape);
    if (!(inner instanceof z.ZodObject)) return [];
    const next = (inner.shape as Record<string, z.ZodType | undefined>)[key];
    if (next === undefined) return [];
    shape = next;
  }
  const inner = unwrap(shape);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function valueAt(input: unknown, path: string[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function formatPath(path: string[]): string {
  return ['params', ...path].join('.');
}
