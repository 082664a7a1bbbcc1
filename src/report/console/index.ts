/** The terminal report: one table of metrics, then variance, failed runs and what each finding means. */
import { curveRows } from '../curve-rows.js';
import * as z from 'zod';
import type { RunDocument, ArmSummary } from '../../model/run-document.js';
import type { SuiteDocument } from '../../model/suite-document.js';
import { defineReporter, type Reporter, type ReportDocument } from '../types.js';
import { isSuiteDocument } from '../types.js';
import { renderTable, type Cell } from './table.js';
import { createStyler, type Styler } from './style.js';
import { differenceOf, posteriorOf, failedRuns, recordedBaseline, seedAndDevice, varianceChanges, verdictPValue, VERDICT_P_VALUE_NOTE, type RecordedMetric } from '../derive.js';
import { describeChange, explainBaselinePool, explainFingerprintChange, explainVariance, explainVerdict, pairingLines, probBetterNote } from '../explain.js';
import { formatMeanSd, formatNumber, formatPEquals, formatPValue, formatProbability, formatRelative, formatSigned, formatSpread } from '../format/numbers.js';
import { stripControl } from '../format/escape.js';
import { describeMetricPower, runHeadlines, suiteHeadlines, type Headline } from '../gate-findings.js';
import { describeReason, describeSequentialStop, reasonMetric } from '../reasons.js';

export interface ConsoleOptions {
  /** Emit ANSI colours. When false the output holds no control characters besides newlines. */
  color: boolean;
}

export const consoleReporterPlugin = defineReporter({
  name: 'console',
  description: 'the terminal report: a table of metrics, then what each finding means',
  settingsSchema: z.object({
    color: z.boolean({ error: 'expected true or false' }).default(false).describe('Emit ANSI colours (a terminal that is not CI and has no NO_COLOR).'),
  }),
  create: (settings) => createConsoleReporter(settings),
});

/** Creates the console reporter; colours only when `options.color` is true. */
export function createConsoleReporter(options: ConsoleOptions = { color: false }): Reporter {
  const style = createStyler(options.color);
  return {
    name: 'console',
    fileName: 'report.txt',
    render: (doc: ReportDocument) => `${isSuiteDocument(doc) ? renderSuite(doc, style) : renderRun(doc, style)}\n`,
  };
}

function renderSuite(doc: SuiteDocument, style: Styler): string {
  const header = `${style.bold(`mlreg suite ${clean(doc.suite.name)}`)}  ${style.verdict(doc.verdict, doc.verdict.toUpperCase())}  (${doc.configs.length} configs, ${clean(doc.createdAt)})`;
  const summary = renderTable([
    [{ text: 'config' }, { text: 'verdict' }, { text: 'failing metrics' }],
    ...doc.configs.map((run): Cell[] => [
      { text: clean(run.config.name) },
      { text: run.verdict, style: (t) => style.verdict(run.verdict, t) },
      {
        text:
          run.comparisons
            .filter((c) => c.verdict === 'regression' || c.verdict === 'suspicious')
            .map((c) => `${c.metric} (${c.verdict})`)
            .join(', ') || '-',
      },
    ]),
  ]);
  const adjustment =
    doc.adjustment.method === 'none'
      ? 'No multiple-comparison adjustment across the suite.'
      : `False alarms controlled across ${doc.adjustment.family} config × metric tests with ${doc.adjustment.method === 'holm' ? 'Holm (family-wise error rate)' : 'Benjamini-Hochberg (false discovery rate)'} at ${doc.adjustment.alpha}.`;
  const reasons = doc.reasons.map((r) => {
    const where = [r.config, reasonMetric(r)]
      .filter((part): part is string => Boolean(part))
      .map(clean)
      .join(' / ');
    return `  - ${where ? `${where}: ` : ''}${clean(oneLine(describeReason(r)))}`;
  });
  const sections = doc.configs.map((run) => renderRun(run, style, false));
  const headlines = renderHeadlines(suiteHeadlines(doc), style);
  return [header, ...headlines, '', summary, '', adjustment, ...(reasons.length ? ['', 'Why:', ...reasons] : []), ...sections.map((s) => `\n${'-'.repeat(72)}\n${s}`)].join('\n');
}

/** One line per metric with curves in both arms: the candidate against the baseline band at a few steps. */
function curveLines(doc: RunDocument): string[] {
  const byMetric = new Map<string, string[]>();
  for (const row of curveRows(doc)) {
    const candidate = row.candidate ? formatNumber(row.candidate.mean, 4) : '-';
    const cell = `step ${row.step}${row.stoppedHere ? ' (stopped)' : ''}: ${candidate} vs ${formatNumber(row.baseline.mean, 4)} [${formatNumber(row.baseline.min, 4)}–${formatNumber(row.baseline.max, 4)}]`;
    byMetric.set(row.metric, [...(byMetric.get(row.metric) ?? []), cell]);
  }
  return [...byMetric].map(([metric, cells]) => `  ${clean(metric)}: ${cells.join('; ')}`);
}

function renderRun(doc: RunDocument, style: Styler, withHeadlines = true): string {
  const lines: string[] = [];
  lines.push(`${style.bold(`mlreg ${clean(doc.config.name)}`)} (${clean(doc.config.file)})  ${style.verdict(doc.verdict, doc.verdict.toUpperCase())}`);
  if (withHeadlines) lines.push(...renderHeadlines(runHeadlines(doc), style));
  const recorded = recordedBaseline(doc);
  if (recorded) return [...lines, ...renderRecorded(doc, recorded)].join('\n');
  lines.push(`baseline:  ${describeArm(doc.baseline)}`);
  if (doc.baseline.pool) lines.push(`pooled:    ${clean(explainBaselinePool(doc.baseline.pool, doc.baseline.baselineFile))}`);
  lines.push(`candidate: ${describeArm(doc.candidate)}`);
  if (doc.sequential) {
    lines.push(`sequential: ${doc.sequential.seedsUsed} of at most ${doc.sequential.maxSeeds} seeds, stopped because ${clean(describeSequentialStop(doc.sequential.stop))}`);
  }
  for (const line of pairingLines(doc)) lines.push(`seeds: ${clean(line)}`);
  // Said once, by the first run with the new fingerprint; the HTML chart's caption keeps saying it.
  if (doc.fingerprintChange && doc.fingerprintChange.runsSince <= 1) lines.push(`history: ${clean(explainFingerprintChange(doc.fingerprintChange))}`);
  lines.push('', renderMetricTable(doc, style));
  if (doc.power) lines.push('', 'Power (before the runs):', ...doc.power.metrics.map((m) => `  ${clean(describeMetricPower(m))}`));
  const curves = curveLines(doc);
  if (curves.length > 0) lines.push('', 'Learning curves (candidate mean against the baseline band, mean [min–max]):', ...curves);

  const variance = varianceChanges(doc);
  lines.push('', 'Variance:');
  if (variance.length === 0) lines.push('  no significant change for any metric');
  for (const change of variance) lines.push(`  ${change.metric}: ${change.verdict}. ${explainVariance(change.verdict)}`);

  if (doc.failureRate) {
    const f = doc.failureRate;
    lines.push(
      '',
      `Failed runs: baseline ${f.baselineFailed}/${f.baselineTotal}, candidate ${f.candidateFailed}/${f.candidateTotal} (${formatPEquals(f.pValue)}, ${describeChange(f.verdict)})`,
    );
  }
  const failed = failedRuns(doc);
  if (failed.length > 0) {
    if (!doc.failureRate) lines.push('', 'Failed runs:');
    for (const run of failed) lines.push(`  ${clean(run.arm)} seed ${clean(seedAndDevice(run))} (${run.status}): ${clean(oneLine(run.reason ?? 'no reason recorded'))}`);
  }

  const explanations = renderExplanations(doc);
  if (explanations.length > 0) lines.push('', 'Why:', ...explanations);
  return lines.join('\n');
}

/** Findings that head the report: a stale baseline, a gate that cannot fail. */
function renderHeadlines(headlines: Headline[], style: Styler): string[] {
  return headlines.flatMap((headline) => [
    '',
    style.bold(`! ${clean(headline.title)}`),
    ...headline.details.map((detail) => `    ${clean(detail)}`),
    `    ${clean(headline.advice)}`,
  ]);
}

/** A first run, which had no baseline to compare with: the distribution it recorded, per metric. */
function renderRecorded(doc: RunDocument, metrics: RecordedMetric[]): string[] {
  const lines = [`runs:      ${describeArm(doc.baseline)}, no baseline to compare with yet`, ''];
  const header: Cell[] = ['metric', 'runs', 'mean ± sd', 'min', 'max'].map((text) => ({ text }));
  const rows = metrics.map(({ metric, direction, summary }): Cell[] => [
    { text: `${metric} ${direction === 'lower' ? '↓' : '↑'}` },
    ...[String(summary?.n ?? 0), ...formatSpread(summary)].map((text): Cell => ({ text, align: 'right' })),
  ]);
  lines.push(renderTable([header, ...rows]));
  const failed = failedRuns(doc);
  if (failed.length > 0) lines.push('', 'Failed runs:');
  for (const run of failed) lines.push(`  seed ${clean(seedAndDevice(run))} (${run.status}): ${clean(oneLine(run.reason ?? 'no reason recorded'))}`);
  lines.push('', 'Why:', ...renderExplanations(doc));
  return lines;
}

function renderMetricTable(doc: RunDocument, style: Styler): string {
  const header: Cell[] = ['metric', 'baseline', 'candidate', 'difference', 'p-value', 'P(better)', 'verdict'].map((text) => ({ text }));
  const rows = doc.comparisons.map((c): Cell[] => {
    const difference = differenceOf(c);
    const relative = formatRelative(difference.estimate, c.baseline.mean);
    return [
      { text: `${c.metric} ${c.direction === 'lower' ? '↓' : '↑'}` },
      { text: formatMeanSd(c.baseline.mean, c.baseline.sd), align: 'right' },
      { text: formatMeanSd(c.candidate.mean, c.candidate.sd), align: 'right' },
      {
        text: `${formatSigned(difference.estimate)}${relative ? ` (${relative})` : ''}${difference.ci ? ` [${formatSigned(difference.ci[0])}, ${formatSigned(difference.ci[1])}]` : ''}`,
        align: 'right',
      },
      { text: formatPValue(verdictPValue(c)), align: 'right' },
      { text: formatProbability(posteriorOf(c).probBetter), align: 'right' },
      { text: c.verdict, style: (t) => style.verdict(c.verdict, t) },
    ];
  });
  const notes = doc.comparisons.some((c) => differenceOf(c).ci)
    ? [`difference: candidate − baseline mean [95% BCa bootstrap interval]; ${VERDICT_P_VALUE_NOTE}`]
    : [VERDICT_P_VALUE_NOTE];
  notes.push(probBetterNote(doc.comparisons));
  return [renderTable([header, ...rows]), ...notes.map((note) => style.dim(note))].join('\n');
}

function renderExplanations(doc: RunDocument): string[] {
  const lines: string[] = [];
  for (const reason of doc.reasons) {
    const metric = reasonMetric(reason);
    lines.push(`  - ${metric ? `${clean(metric)}: ` : ''}${clean(oneLine(describeReason(reason)))}`);
  }
  const explained = new Set<string>();
  for (const c of doc.comparisons) {
    if (c.verdict === 'equivalent' || explained.has(c.verdict)) continue;
    explained.add(c.verdict);
    const metrics = doc.comparisons.filter((other) => other.verdict === c.verdict).map((other) => other.metric);
    lines.push(`  ${c.verdict} (${metrics.join(', ')}): ${explainVerdict(c.verdict)}`);
  }
  return lines;
}

function describeArm(arm: ArmSummary): string {
  const parts = [`${clean(arm.name)}, ${arm.runs} runs`];
  if (arm.failedRuns > 0) parts.push(`${arm.failedRuns} failed`);
  if (arm.source === 'baseline-file') {
    const provenance = [arm.baselineFile ? `from ${clean(arm.baselineFile)}` : 'from a stored baseline'];
    if (arm.recordedAt) provenance.push(`recorded ${clean(arm.recordedAt.slice(0, 10))}`);
    if (arm.gitCommit) provenance.push(`commit ${clean(arm.gitCommit)}`);
    parts.push(provenance.join(', '));
  } else {
    parts.push('run now');
  }
  return parts.join(', ');
}

function clean(text: string): string {
  return stripControl(text);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' | ').trim();
}
