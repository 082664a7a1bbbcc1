/**
 * The built-in trainer's params: the ablation knobs a config sets under `params:`.
 * The schema is the documentation: descriptions and defaults live here.
 */
import * as z from 'zod';
import { describeZodIssues } from '../../config/zod-issues.js';
import type { ParamProblem } from '../types.js';
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
export type ParamIssue = ParamProblem;

/** Thrown when params do not fit `builtinParamsSchema`; lists every problem. */
export class BuiltinParamsError extends Error {
  readonly issues: ParamIssue[];
  constructor(issues: ParamIssue[]) {
    super(
      `Invalid params for the builtin trainer:\n${issues.map((issue) => `  ${issue.path}: expected ${issue.expected}, received ${issue.received}${issue.hint ? `; ${issue.hint}` : ''}`).join('\n')}`,
    );
    this.name = 'BuiltinParamsError';
    this.issues = issues;
  }
}

/** Checks `params` against the schema and returns every problem (empty when valid). */
export function validateBuiltinParams(params: unknown): ParamIssue[] {
  const result = builtinParamsSchema.safeParse(params);
  return result.success ? [] : describeIssues(result.error.issues, params);
}

/** Parses `params`, filling defaults; throws a BuiltinParamsError naming each bad key. */
export function parseBuiltinParams(params: unknown): BuiltinParams {
  const result = builtinParamsSchema.safeParse(params);
  if (!result.success) {
    throw new BuiltinParamsError(describeIssues(result.error.issues, params));
  }
  return result.data;
}

// The config's translator of zod issues, so params errors read like config errors.
function describeIssues(issues: readonly z.core.$ZodIssue[], params: unknown): ParamIssue[] {
  return describeZodIssues(issues, builtinParamsSchema, params).map(({ keyPath, ...text }) => ({ path: ['params', ...keyPath].join('.'), ...text }));
}
