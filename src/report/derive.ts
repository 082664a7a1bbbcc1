/**
 * Facts every reporter shows that are read off a document rather than stored in it:
 * differences between arms, failed runs, links. Pure functions, no formatting.
 */
import type { RunDocument } from '../model/run-document.js';
import type { Describe } from '../model/summary.js';
import type { DetailedComparison, MetricComparison, MetricVerdict, RopeUsed } from '../model/comparison.js';
import { describe } from '../stats/describe.js';

/** A difference of means (candidate − baseline) with its confidence interval, when the comparison carries one. */
export interface DifferenceInterval {
  estimate: number;
  ci?: [number, number];
  level?: number;
}

/** Verdicts that fail a run. */
export const FAILING_VERDICTS: ReadonlySet<MetricVerdict> = new Set(['regression', 'suspicious']);

/** Reads the difference of means (candidate − baseline) and its interval if the comparison provides one. */
export function differenceOf(comparison: MetricComparison): DifferenceInterval {
  const carried = comparison.difference;
  if (carried && Number.isFinite(carried.estimate)) return carried;
  return { estimate: comparison.candidate.mean - comparison.baseline.mean };
}

/**
 * The p-value the verdict was decided on: the primary test's, adjusted across the config's
 * metrics; Welch's for a comparison that carries no decision (documents of older versions).
 * Every reporter shows this one, so that the p-value and the verdict beside it agree.
 */
export function verdictPValue(comparison: MetricComparison | DetailedComparison): number {
  return 'decision' in comparison ? comparison.decision.adjustedPValue : comparison.tests.welch.pValue;
}

/** What every reporter says of the p-value it shows (see `verdictPValue`). */
export const VERDICT_P_VALUE_NOTE = 'p-value: the test behind the verdict, adjusted across metrics';

/** Comparisons whose verdict fails the run, in document order. */
export function failingComparisons(doc: RunDocument): MetricComparison[] {
  return doc.comparisons.filter((c) => FAILING_VERDICTS.has(c.verdict));
}

/** One metric of a newly recorded baseline: its direction and its samples described (undefined without samples). */
export interface RecordedMetric {
  metric: string;
  direction: 'lower' | 'higher';
  summary?: Describe;
}

/**
 * The metrics of a baseline this run recorded because there was none to compare with (the
 * document of a config's first run), or undefined for a document that compared two arms.
 */
export function recordedBaseline(doc: RunDocument): RecordedMetric[] | undefined {
  const onlyBaselineRuns = doc.runs.length > 0 && doc.runs.every((run) => run.arm === 'baseline');
  if (doc.comparisons.length > 0 || doc.baseline.source !== 'runs' || !onlyBaselineRuns) return undefined;
  return Object.entries(doc.config.metrics).map(([metric, spec]) => {
    const samples = doc.baseline.samples[metric] ?? [];
    return { metric, direction: spec.direction, ...(samples.length > 0 ? { summary: describe(samples) } : {}) };
  });
}

/** Runs that did not finish with valid metrics, with the arm they belong to. */
export function failedRuns(doc: RunDocument): RunDocument['runs'] {
  return doc.runs.filter((run) => run.status !== 'ok');
}

/** A run's seed, and the GPU that ran it when the runs shared GPU slots: "3" or "3 on GPU 1". */
export function seedAndDevice(run: RunDocument['runs'][number]): string {
  return run.gpu === undefined ? String(run.seed) : `${run.seed} on GPU ${run.gpu}`;
}

/** All links of a document: its own (CI, reports), then each run's (e.g. W&B runs), without duplicates. */
export function allLinks(doc: RunDocument): Array<{ label: string; url: string }> {
  const seen = new Set<string>();
  const links: Array<{ label: string; url: string }> = [];
  const add = (label: string, url: string): void => {
    if (seen.has(url)) return;
    seen.add(url);
    links.push({ label, url });
  };
  for (const link of doc.links) add(link.label, link.url);
  for (const run of doc.runs) {
    for (const url of run.links ?? []) add(`${run.arm} seed ${run.seed}${isWandb(url) ? ' (W&B)' : ''}`, url);
  }
  return links;
}

/** True for a Weights & Biases URL. */
export function isWandb(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'wandb.ai' || host.endsWith('.wandb.ai') || host.includes('wandb');
  } catch {
    return false;
  }
}

/**
 * The ROPE that P(better), P(worse) and P(equivalent) of a comparison use: carried beside them,
 * or (documents of older versions) in the decision; undefined when neither says.
 */
export function ropeOf(comparison: MetricComparison | DetailedComparison): RopeUsed | undefined {
  return comparison.tests.bayes.rope ?? ('decision' in comparison ? comparison.decision.rope : undefined);
}

/** The p-value behind the variance verdict: the structural-zero-removed Brown–Forsythe p, or (older documents) the plain one. */
export function variancePValue(comparison: MetricComparison | DetailedComparison): number {
  return 'spreadTestPValue' in comparison.variance ? comparison.variance.spreadTestPValue : comparison.tests.brownForsythe.pValue;
}

/** The variance verdicts worth calling out (anything but `unchanged`), per metric. */
export function varianceChanges(doc: RunDocument): Array<{ metric: string; verdict: 'increased' | 'reduced' }> {
  const changes: Array<{ metric: string; verdict: 'increased' | 'reduced' }> = [];
  for (const c of doc.comparisons) {
    if (c.variance.verdict !== 'unchanged') changes.push({ metric: c.metric, verdict: c.variance.verdict });
  }
  return changes;
}

/** The posterior behind P(better) in a report: of the per-seed differences when the runs were paired, else of the two arms' means. */
export function posteriorOf(comparison: MetricComparison | DetailedComparison): MetricComparison['tests']['bayes'] {
  return ('tests' in comparison && 'paired' in comparison.tests && comparison.tests.paired?.bayes) || comparison.tests.bayes;
}
