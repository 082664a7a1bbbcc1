/**
 * The pull-request comment, after the PR template of the Latent Space article: what changed,
 * how many runs per arm, the per-metric table, the variance verdict, failed runs and links.
 */
import * as z from 'zod';
import { curveRows } from './curve-rows.js';
import type { ArmSummary, RunDocument } from '../model/run-document.js';
import type { SuiteDocument } from '../model/suite-document.js';
import { defineReporter, reportLinksSchema, type Reporter, type ReportDocument, type ReportLinks } from './types.js';
import { isSuiteDocument } from './types.js';
import {
  differenceOf,
  failedRuns,
  failingComparisons,
  seedAndDevice,
  isWandb,
  recordedBaseline,
  variancePValue,
  verdictPValue,
  VERDICT_P_VALUE_NOTE,
  type RecordedMetric,
  posteriorOf,
} from './derive.js';
import { describeChange, explainBaselinePool, explainFingerprintChange, explainVariance, explainVerdict, pairingLines, probBetterNote } from './explain.js';
import { formatMeanSd, formatNumber, formatPEquals, formatPValue, formatProbability, formatSigned, formatSpread } from './format/numbers.js';
import { escapeHtml, escapeMarkdownCell, escapeMarkdownInline, stripControl } from './format/escape.js';
import { describeMetricPower, runHeadlines, suiteHeadlines, type Headline } from './gate-findings.js';
import { describeReason, describeSequentialStop, reasonMetric } from './reasons.js';

const VERDICT_BADGE: Record<string, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  error: '⚠️ error',
  regression: '❌ regression',
  suspicious: '🔍 suspicious',
  improvement: '✅ improvement',
  equivalent: '➖ equivalent',
  inconclusive: '❔ inconclusive',
};

/** GitHub rejects a comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  links?: ReportLinks;
  /** The most characters the report may have (default: GitHub's comment limit). */
  limit?: number | undefined;
}

export const markdownReporterPlugin = defineReporter({
  name: 'markdown',
  description: 'the pull-request comment: what changed, the per-metric table, failed runs and links',
  settingsSchema: z.object({
    links: reportLinksSchema.default({}),
    limit: z
      .number()
      .int()
      .positive({ error: 'expected a positive number of characters' })
      .optional()
      .describe("The most characters the report may have. Default: GitHub's comment limit."),
  }),
  create: (settings) => createMarkdownReporter(settings),
});

/** The Markdown reporter; its report links the HTML report and the CI build when they are known. */
export function createMarkdownReporter(options: MarkdownOptions = {}): Reporter {
  const links = options.links ?? {};
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  return {
    name: 'markdown',
    fileName: 'report.md',
    render: (doc: ReportDocument) => `${isSuiteDocument(doc) ? renderSuite(doc, links, limit) : withinLimit(renderRun(doc, 2, true, links), links, limit)}\n`,
  };
}

export const markdownReporter: Reporter = createMarkdownReporter();

/** "Full report: … · CI build: …", or nothing when neither is known. */
function renderReportLinks(links: ReportLinks): string[] {
  const parts: string[] = [];
  if (links.report && isHttp(links.report)) parts.push(`[full report](<${encodeLink(links.report)}>)`);
  if (links.ci && isHttp(links.ci.url)) parts.push(`[${escapeMarkdownInline(links.ci.label)}](<${encodeLink(links.ci.url)}>)`);
  return parts.length ? [parts.join(' · '), ''] : [];
}

/** Where the reader finds what a shortened report leaves out. */
function fullReportPointer(links: ReportLinks): string {
  return links.report && isHttp(links.report) ? `the [full report](<${encodeLink(links.report)}>) has them` : '`report.html` and `report.json` beside this file have them';
}

/**
 * A single run's report is short unless a trainer wrote long failure reasons: past the limit, the
 * report is cut at a line and says where the rest is.
 */
function withinLimit(text: string, links: ReportLinks, limit: number): string {
  if (text.length <= limit) return text;
  const note = `\n\n_…cut to stay under GitHub's ${limit}-character comment limit; ${fullReportPointer(links)}._`;
  const cut = text.lastIndexOf('\n', limit - note.length);
  return `${text.slice(0, Math.max(0, cut))}${note}`;
}

/**
 * A suite: the failing configs first, each with its details open; the passing ones on one line,
 * their details collapsed. Past the limit (GitHub's comment size), the passing configs' details
 * go first, then the failing ones' beyond the first, each replaced by a pointer to the full report.
 */
function renderSuite(doc: SuiteDocument, links: ReportLinks, limit: number): string {
  const failing = doc.configs.filter((run) => run.verdict !== 'pass');
  const passing = doc.configs.filter((run) => run.verdict === 'pass');
  const head = suiteSummary(doc, failing, passing, links);
  const detail = (run: RunDocument) =>
    ['', `<details${run.verdict === 'pass' ? '' : ' open'}><summary>${escapeHtml(run.config.name)}: ${run.verdict}</summary>`, '', renderRun(run, 3, false), '', '</details>'].join(
      '\n',
    );
  const sections = [...failing, ...passing].map((run) => ({ run, text: detail(run) }));
  const size = () => head.length + sections.reduce((sum, section) => sum + section.text.length + 1, 0) + 400;
  // Cut from the end: passing configs (last) first, then failing ones, never the first failing one.
  for (let index = sections.length - 1; index >= Math.min(1, failing.length) && size() > limit; index--) {
    const { run } = sections[index]!;
    sections[index] = { run, text: `\n- ${escapeMarkdownInline(run.config.name)}: ${run.verdict}, details left out` };
  }
  const cut = sections.filter((section) => section.text.endsWith('details left out')).length;
  const note =
    cut > 0 ? [`\n_The details of ${cut} config${cut === 1 ? '' : 's'} are left out to stay under GitHub's ${limit}-character comment limit; ${fullReportPointer(links)}._`] : [];
  return withinLimit([head, ...note, ...sections.map((section) => section.text)].join('\n'), links, limit);
}

function suiteSummary(doc: SuiteDocument, failing: RunDocument[], passing: RunDocument[], links: ReportLinks): string {
  const lines = [`## mlreg suite \`${code(doc.suite.name)}\`: ${badge(doc.verdict)}`, ''];
  lines.push(`${doc.configs.length} configs · ${escapeMarkdownInline(doc.createdAt)} · suite file \`${code(doc.suite.file)}\``, '');
  lines.push(...renderReportLinks(links));
  lines.push(...renderHeadlines(suiteHeadlines(doc)));
  if (failing.length > 0) {
    lines.push('| config | verdict | failing metrics |', '|---|---|---|');
    for (const run of failing) {
      const metrics = failingComparisons(run)
        .map((c) => `${c.metric} (${c.verdict})`)
        .join(', ');
      lines.push(`| ${escapeMarkdownCell(run.config.name)} | ${badge(run.verdict)} | ${escapeMarkdownCell(metrics || '-')} |`);
    }
    lines.push('');
  }
  if (passing.length > 0)
    lines.push(`${badge('pass')}: ${passing.length} config${passing.length === 1 ? '' : 's'}: ${passing.map((run) => `\`${code(run.config.name)}\``).join(', ')}`);
  lines.push('', describeAdjustment(doc));
  if (doc.reasons.length > 0) {
    lines.push('', '**Why**', '');
    for (const r of doc.reasons) {
      const where = [r.config, reasonMetric(r)].filter((s): s is string => Boolean(s)).join(' / ');
      lines.push(`- ${where ? `${escapeMarkdownInline(where)}: ` : ''}${escapeMarkdownInline(oneLine(describeReason(r)))}`);
    }
  }
  if (doc.links.length > 0) lines.push('', '**Links**', '', ...doc.links.map(renderLink));
  return lines.join('\n');
}

function describeAdjustment(doc: SuiteDocument): string {
  const a = doc.adjustment;
  if (a.method === 'none') return `No adjustment for multiple comparisons across the suite (${a.family} tests).`;
  const method = a.method === 'holm' ? 'Holm (family-wise error rate)' : 'Benjamini-Hochberg (false discovery rate)';
  const rejected = a.tests.filter((t) => t.rejected);
  const detail = rejected.length
    ? ` Significant after adjustment: ${rejected.map((t) => `${escapeMarkdownInline(t.config)}/${escapeMarkdownInline(t.metric)} (adjusted p = ${formatPValue(t.adjustedPValue)})`).join(', ')}.`
    : ' No test is significant after adjustment.';
  return `False alarms are controlled across ${a.family} config × metric tests with ${method} at ${a.alpha}.${detail}`;
}

function renderRun(doc: RunDocument, level: number, withHeadlines = true, links: ReportLinks = {}): string {
  const h = '#'.repeat(level);
  const lines = [`${h} mlreg: \`${code(doc.config.name)}\` ${badge(doc.verdict)}`, ''];
  lines.push(...renderReportLinks(links));
  if (withHeadlines) lines.push(...renderHeadlines(runHeadlines(doc)));
  const recorded = recordedBaseline(doc);
  if (recorded) return [...lines, ...renderRecorded(doc, recorded, h)].join('\n');

  lines.push(`${h}# What changed`, '');
  const diff = Object.entries(doc.config.diff);
  if (diff.length === 0) {
    lines.push(`No parameter differs from ${againstWhat(doc)}.`);
  } else {
    lines.push(`\`${code(doc.config.file)}\` against ${againstWhat(doc)}:`, '');
    lines.push('| parameter | baseline | candidate |', '|---|---|---|');
    for (const [key, [before, after]] of diff) {
      lines.push(`| \`${code(key)}\` | ${valueCell(before)} | ${valueCell(after)} |`);
    }
  }

  lines.push('', `${h}# Runs`, '');
  lines.push(`- **baseline** ${describeArm(doc.baseline)}`);
  if (doc.baseline.pool) lines.push(`- pooled baseline: ${escapeMarkdownInline(explainBaselinePool(doc.baseline.pool, doc.baseline.baselineFile))}`);
  lines.push(`- **candidate** ${describeArm(doc.candidate)}`);
  if (doc.sequential) {
    lines.push(
      `- sequential: stopped after ${doc.sequential.seedsUsed} of at most ${doc.sequential.maxSeeds} seeds (${escapeMarkdownInline(describeSequentialStop(doc.sequential.stop))})`,
    );
  }
  for (const line of pairingLines(doc)) lines.push(`- seeds: ${escapeMarkdownInline(line)}`);
  if (doc.fingerprintChange && doc.fingerprintChange.runsSince <= 1) lines.push(`- history: ${escapeMarkdownInline(explainFingerprintChange(doc.fingerprintChange))}`);

  lines.push('', `${h}# Metrics`, '', renderMetricTable(doc));
  const curves = curveRows(doc);
  if (curves.length > 0) {
    lines.push('', `${h}# Learning curves`, '', "Baseline band (mean, min–max over runs) and the candidate's mean over the runs that reached each step:", '');
    lines.push('| metric | step | baseline mean | baseline min–max | candidate mean (runs) |', '|---|---:|---:|---:|---:|');
    for (const row of curves) {
      const candidate = row.candidate ? `${formatNumber(row.candidate.mean, 4)} (${row.candidate.runs})` : '-';
      lines.push(
        `| \`${code(row.metric)}\` | ${row.step}${row.stoppedHere ? ' ⏹ stopped here' : ''} | ${formatNumber(row.baseline.mean, 4)} | ${formatNumber(row.baseline.min, 4)}–${formatNumber(row.baseline.max, 4)} | ${candidate} |`,
      );
    }
  }
  if (doc.power) {
    lines.push('', `${h}# Power`, '', "Computed before the runs, from the baseline's spread, the seeds and the tests decided together:", '');
    for (const m of doc.power.metrics) lines.push(`- ${escapeMarkdownInline(describeMetricPower(m))}`);
  }

  lines.push('', `${h}# Variance`, '');
  for (const c of doc.comparisons) {
    lines.push(
      `- \`${code(c.metric)}\`: ${describeChange(c.variance.verdict)} (Brown-Forsythe ${formatPEquals(variancePValue(c))}; sd ${formatNumber(c.baseline.sd, 3)} → ${formatNumber(c.candidate.sd, 3)})${c.variance.verdict === 'unchanged' ? '' : `. ${explainVariance(c.variance.verdict)}`}`,
    );
  }

  const failed = failedRuns(doc);
  lines.push('', `${h}# Failed runs`, '');
  if (doc.failureRate) {
    const f = doc.failureRate;
    lines.push(
      `Baseline ${f.baselineFailed}/${f.baselineTotal}, candidate ${f.candidateFailed}/${f.candidateTotal} (${formatPEquals(f.pValue)}: ${describeChange(f.verdict)}).`,
      '',
    );
  }
  if (failed.length === 0) lines.push('None.');
  else {
    lines.push('| arm | seed | status | reason |', '|---|---|---|---|');
    for (const run of failed) {
      lines.push(`| ${escapeMarkdownCell(run.arm)} | ${escapeMarkdownCell(seedAndDevice(run))} | ${run.status} | ${escapeMarkdownCell(run.reason ?? 'no reason recorded')} |`);
    }
  }

  const why = renderWhy(doc);
  if (why.length > 0) lines.push('', `${h}# Why`, '', ...why);

  const runLinks = renderLinks(doc);
  if (runLinks.length > 0) lines.push('', `${h}# Links`, '', ...runLinks);
  return lines.join('\n');
}

/** What the parameters were compared with: the config the baseline file stores, or the baseline's config file. */
function againstWhat(doc: RunDocument): string {
  if (doc.config.diffAgainst === 'recorded' && doc.baseline.baselineFile) {
    return `the config \`${code(doc.baseline.baselineFile)}\` was recorded from (\`${code(doc.baseline.configFile)}\`)`;
  }
  return `the baseline config \`${code(doc.baseline.configFile)}\``;
}

/** Findings that head the report, as quoted warnings: a stale baseline, a gate that cannot fail. */
function renderHeadlines(headlines: Headline[]): string[] {
  return headlines.flatMap((headline) => [
    `> ⚠️ **${escapeMarkdownInline(headline.title)}**`,
    '>',
    ...headline.details.map((detail) => `> - ${escapeMarkdownInline(detail)}`),
    ...(headline.details.length ? ['>'] : []),
    `> ${withCommands(headline.advice)}`,
    '',
  ]);
}

// The advice marks commands with backticks: they stay code spans, the rest is escaped.
function withCommands(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? `\`${code(part.slice(1, -1))}\`` : escapeMarkdownInline(part)))
    .join('');
}

/** A first run, which had no baseline to compare with: the distribution it recorded, per metric. */
function renderRecorded(doc: RunDocument, metrics: RecordedMetric[], h: string): string[] {
  const lines = [`${h}# Recorded baseline`, '', `- ${describeArm(doc.baseline)}; no baseline to compare with yet`, ''];
  lines.push('| metric | runs | mean ± sd | min | max |', '|---|---:|---:|---:|---:|');
  for (const { metric, direction, summary } of metrics) {
    const cells = formatSpread(summary);
    lines.push(`| \`${code(metric)}\` ${direction === 'lower' ? '↓' : '↑'} | ${summary?.n ?? 0} | ${cells.join(' | ')} |`);
  }
  const failed = failedRuns(doc);
  if (failed.length > 0) {
    lines.push('', `${h}# Failed runs`, '', '| seed | status | reason |', '|---|---|---|');
    for (const run of failed) lines.push(`| ${escapeMarkdownCell(seedAndDevice(run))} | ${run.status} | ${escapeMarkdownCell(run.reason ?? 'no reason recorded')} |`);
  }
  lines.push('', `${h}# Why`, '', ...renderWhy(doc));
  const links = renderLinks(doc);
  if (links.length > 0) lines.push('', `${h}# Links`, '', ...links);
  return lines;
}

function renderMetricTable(doc: RunDocument): string {
  const rows = ['| metric | baseline (mean ± sd) | candidate (mean ± sd) | difference (95% CI) | p-value | P(better) | verdict |', '|---|---:|---:|---:|---:|---:|---|'];
  for (const c of doc.comparisons) {
    const d = differenceOf(c);
    const ci = d.ci ? ` [${formatSigned(d.ci[0])}, ${formatSigned(d.ci[1])}]` : '';
    const arrow = c.direction === 'lower' ? '↓' : '↑';
    rows.push(
      `| \`${code(c.metric)}\` ${arrow} | ${formatMeanSd(c.baseline.mean, c.baseline.sd)} (n=${c.baseline.n}) | ${formatMeanSd(c.candidate.mean, c.candidate.sd)} (n=${c.candidate.n}) | ${formatSigned(d.estimate)}${ci} | ${formatPValue(verdictPValue(c))} | ${formatProbability(posteriorOf(c).probBetter)} | ${badge(c.verdict)} |`,
    );
  }
  rows.push('', `↓ lower is better, ↑ higher is better. ${VERDICT_P_VALUE_NOTE}; ${escapeMarkdownInline(probBetterNote(doc.comparisons))}.`);
  return rows.join('\n');
}

function renderWhy(doc: RunDocument): string[] {
  const lines = doc.reasons.map((r) => {
    const metric = reasonMetric(r);
    return `- ${metric ? `\`${code(metric)}\`: ` : ''}${escapeMarkdownInline(oneLine(describeReason(r)))}`;
  });
  const verdicts = new Set(doc.comparisons.map((c) => c.verdict).filter((v) => v === 'regression' || v === 'suspicious' || v === 'inconclusive'));
  for (const verdict of verdicts) lines.push(`- **${verdict}**: ${explainVerdict(verdict)}`);
  return lines;
}

function describeArm(arm: ArmSummary): string {
  const parts = [`\`${code(arm.name)}\`: ${arm.runs} runs`];
  if (arm.failedRuns > 0) parts.push(`${arm.failedRuns} failed`);
  if (arm.source === 'baseline-file') {
    const origin = [`stored baseline${arm.baselineFile ? ` \`${code(arm.baselineFile)}\`` : ''}`];
    if (arm.recordedAt) origin.push(`recorded ${escapeMarkdownInline(arm.recordedAt)}`);
    if (arm.gitCommit) origin.push(`commit \`${code(arm.gitCommit)}\``);
    parts.push(origin.join(', '));
  } else parts.push('run in this invocation');
  return parts.join(', ');
}

// The document's own links one per line; each arm's run links (e.g. W&B runs) on one line.
function renderLinks(doc: RunDocument): string[] {
  const lines = doc.links.map(renderLink);
  const arms = [...new Set(doc.runs.map((run) => run.arm))];
  for (const arm of arms) {
    const links = doc.runs.filter((run) => run.arm === arm).flatMap((run) => (run.links ?? []).filter(isHttp).map((url) => `[seed ${run.seed}](<${encodeLink(url)}>)`));
    if (links.length > 0)
      lines.push(`- ${escapeMarkdownInline(arm)} runs${doc.runs.some((run) => run.arm === arm && run.links?.some(isWandb)) ? ' (W&B)' : ''}: ${links.join(' · ')}`);
  }
  return lines;
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function encodeLink(url: string): string {
  return url.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
}

// Only http(s) links become clickable; anything else is shown as text.
function renderLink(link: { label: string; url: string }): string {
  if (!isHttp(link.url)) return `- ${escapeMarkdownInline(link.label)}: \`${code(link.url)}\``;
  return `- [${escapeMarkdownInline(link.label)}](<${encodeLink(link.url)}>)`;
}

function valueCell(value: unknown): string {
  return value === undefined ? '_unset_' : `\`${code(JSON.stringify(value))}\``;
}

function badge(verdict: string): string {
  return VERDICT_BADGE[verdict] ?? escapeMarkdownInline(verdict);
}

// Inside a code span backslash escapes do not apply: only backticks, newlines and table pipes need care.
function code(text: string): string {
  return stripControl(text).replace(/\r?\n/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
