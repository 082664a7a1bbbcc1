/**
 * Stopping an arm as soon as its first runs already say how it ends (docs/exit-codes.md), so a
 * fault is reported before the GPU hours instead of after them:
 * - a baseline arm whose runs all fail (the whole first wave, or REPEATED_FAILURES in a row with
 *   the same reason) is an infrastructure fault: the candidate is not launched (exit 3);
 * - a declared metric that no finished run reports while the runs report others is a config
 *   mistake, usually a typo (exit 2);
 * - a candidate whose failures already make the crash-rate regression certain needs no more
 *   seeds: whatever the remaining seeds do, the one-sided Fisher test stays significant (exit 1).
 * The rules are data in, a finding out; the workflow acts on the finding.
 */
import { closestMatch } from '../config/suggest.js';
import type { RunRecord } from '../model/run-record.js';
import { fisherExactGreater } from '../stats/fisher-exact.js';

/** Failures in a row with the same reason that mark an arm as broken. */
const REPEATED_FAILURES = 3;

export type FailFastFinding =
  | {
      kind: 'arm-broken';
      /** The failed runs that decided it, in the order they ended. */
      failed: RunRecord[];
      /** The line of the reason every one of them shares, when they share one. */
      sharedReason?: string;
    }
  | {
      kind: 'unreported-metric';
      metric: string;
      /** The metrics the finished runs did report. */
      reported: string[];
      suggestion?: string;
      /** How many finished runs were looked at. */
      runs: number;
    }
  | {
      kind: 'crash-rate-certain';
      failed: number;
      planned: number;
      baselineFailed: number;
      baselineTotal: number;
      /** The p-value if every remaining seed succeeded: the largest it can still become. */
      pValue: number;
    };

export interface ArmWatchOptions {
  /** The metrics the config declares. */
  metrics: string[];
  /** Seeds planned for the arm. */
  seeds: number;
  /** Runs launched at once: the arm's concurrency. */
  concurrency: number;
  /** Apply the broken-arm rule (an arm whose failure is nobody's verdict: the baseline's). */
  brokenArm?: boolean;
  /** Apply the crash-rate rule against these baseline counts (the candidate arm). */
  crashRate?: { baselineFailed: number; baselineTotal: number; alpha: number };
}

/** Watches an arm's records as they arrive; the first finding stops the arm. */
export class ArmWatch {
  private readonly records: RunRecord[] = [];
  private found: FailFastFinding | undefined;

  constructor(private readonly options: ArmWatchOptions) {}

  /** The finding that stopped the arm, if one did. */
  get finding(): FailFastFinding | undefined {
    return this.found;
  }

  /** Adds a record; returns a finding when this record is the one that decides to stop. */
  add(record: RunRecord): FailFastFinding | undefined {
    if (this.found || record.status === 'cancelled') return undefined;
    this.records.push(record);
    const { options, records } = this;
    const firstWave = Math.min(options.seeds, Math.max(1, options.concurrency));
    this.found =
      unreportedMetric(records, options.metrics, Math.min(firstWave, REPEATED_FAILURES)) ??
      (options.brokenArm ? brokenArm(records, Math.min(options.seeds, Math.max(firstWave, REPEATED_FAILURES))) : undefined) ??
      (options.crashRate ? crashRateCertain(records, options.seeds, options.crashRate) : undefined);
    return this.found;
  }
}

/**
 * A declared metric that none of the finished runs reports while they report others. Only runs
 * whose trainer finished (`ok` or `invalid`) count: a crashed run that streamed a training loss
 * and died before its evaluation says nothing about the metric's name. `needed` runs must have
 * finished first.
 */
export function unreportedMetric(records: readonly RunRecord[], metrics: readonly string[], needed: number): FailFastFinding | undefined {
  const finished = records.filter((record) => record.status === 'ok' || record.status === 'invalid');
  if (finished.length < Math.max(1, needed)) return undefined;
  const reported = [...new Set(finished.flatMap((record) => Object.keys(record.metrics)))].sort();
  if (reported.length === 0) return undefined;
  for (const metric of metrics) {
    if (finished.some((record) => metric in record.metrics)) continue;
    const suggestion = closestMatch(
      metric,
      reported.filter((name) => !metrics.includes(name)),
    );
    return { kind: 'unreported-metric', metric, reported, runs: finished.length, ...(suggestion ? { suggestion } : {}) };
  }
  return undefined;
}

/**
 * An arm that cannot produce a distribution: its first `firstRuns` runs all failed, or its last
 * REPEATED_FAILURES runs failed with the same reason.
 */
export function brokenArm(records: readonly RunRecord[], firstRuns: number): FailFastFinding | undefined {
  const failed = (record: RunRecord) => record.status !== 'ok';
  const first = records.slice(0, firstRuns);
  if (first.length === firstRuns && first.every(failed)) {
    return { kind: 'arm-broken', failed: [...first], ...sharedReasonOf(first) };
  }
  const last = records.slice(-REPEATED_FAILURES);
  if (last.length === REPEATED_FAILURES && last.every(failed)) {
    const shared = sharedReasonOf(last);
    if (shared.sharedReason !== undefined) return { kind: 'arm-broken', failed: [...last], ...shared };
  }
  return undefined;
}

/**
 * Whether the candidate's failures so far already decide the crash-rate test: its p-value with
 * every remaining seed succeeding is below alpha. More failures, or fewer runs in all (seeds not
 * launched), only make the candidate's failure rate higher and the p-value smaller.
 */
export function crashRateCertain(
  records: readonly RunRecord[],
  planned: number,
  baseline: { baselineFailed: number; baselineTotal: number; alpha: number },
): FailFastFinding | undefined {
  const failed = records.filter((record) => record.status !== 'ok').length;
  if (failed === 0 || planned < records.length) return undefined;
  const pValue = fisherExactGreater(failed, planned, baseline.baselineFailed, baseline.baselineTotal);
  if (pValue >= baseline.alpha) return undefined;
  return { kind: 'crash-rate-certain', failed, planned, baselineFailed: baseline.baselineFailed, baselineTotal: baseline.baselineTotal, pValue };
}

/**
 * The line of a failure reason that says why: the last line that is not a stack frame (a Python
 * traceback ends with its exception, `ModuleNotFoundError: No module named 'torch'`).
 */
export function reasonHeadline(reason: string | undefined): string {
  const lines = (reason ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line));
  return lines.at(-1) ?? '';
}

/** The shared headline of the runs' reasons, when they share one up to the numbers in it (sizes, addresses, seeds). */
function sharedReasonOf(records: readonly RunRecord[]): { sharedReason?: string } {
  const signature = (record: RunRecord) => `${record.status}: ${reasonHeadline(record.reason).replace(/\d+(\.\d+)?/g, '#')}`;
  const first = signature(records[0]!);
  if (!records.every((record) => signature(record) === first)) return {};
  const headline = reasonHeadline(records.at(-1)!.reason);
  return headline === '' ? {} : { sharedReason: headline };
}
