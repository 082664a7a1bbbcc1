/** zod issues → ConfigIssues, each placed in the file (and line) that set its key. */
import type * as z from 'zod';
import { makeIssue, type ConfigIssue, type Source } from './errors.js';
import { joinPath } from './tree.js';
import { describeZodIssues, type IssueText } from './zod-issues.js';

export interface IssueContext {
  /** The schema that was applied. */
  schema: z.ZodType;
  /** The value that was validated. */
  input: unknown;
  /** The file (or `--set`) to blame for a problem at a key path. */
  blame(keyPath: string[]): Source;
  /** The line of a key path in a file, when known. */
  lineOf(file: Source, keyPath: string[]): number | undefined;
}

/** Every zod issue as one or more ConfigIssues (one per unknown key). */
export function toConfigIssues(issues: readonly z.core.$ZodIssue[], context: IssueContext): ConfigIssue[] {
  return describeZodIssues(issues, context.schema, context.input).map((text) => locate(context, text));
}

function locate(context: IssueContext, { keyPath, ...fields }: IssueText): ConfigIssue {
  const file = context.blame(keyPath);
  const line = context.lineOf(file, keyPath);
  return makeIssue({ file, path: joinPath(keyPath), ...fields, ...(line !== undefined ? { line } : {}) });
}
