/**
 * One self-contained HTML file per run or suite: per metric a strip/box plot of both arms, the
 * posterior of the difference with the ROPE shaded, learning curves and the history chart.
 */
import type { RunDocument } from '../../model/run-document.js';
import type { SuiteDocument } from '../../model/suite-document.js';
import { defineReporter, noSettings, type Reporter, type ReportDocument } from '../types.js';
import { isSuiteDocument } from '../types.js';
import {
  allLinks,
  differenceOf,
  posteriorOf,
  failedRuns,
  failingComparisons,
  recordedBaseline,
  ropeOf,
  verdictPValue,
  VERDICT_P_VALUE_NOTE,
  type RecordedMetric,
} from '../derive.js';
import { describeChange, explainBaselinePool, explainFingerprintChange, explainVariance, explainVerdict, pairingLines, probBetterLabel, probBetterNote } from '../explain.js';
import { escapeHtml } from '../format/escape.js';
import { formatMeanSd, formatPValue, formatProbability, formatSigned, formatSpread } from '../format/numbers.js';
import { stripChart } from './strip-chart.js';
import { posteriorChart } from './posterior-chart.js';
import { curvesChart } from './curves-chart.js';
import { historyChart } from './history-chart.js';
import { page } from './page.js';
import { describeMetricPower, runHeadlines, suiteHeadlines, type Headline } from '../gate-findings.js';
import { describeReason, reasonMetric } from '../reasons.js';

export const htmlReporterPlugin = defineReporter({
  name: 'html',
  description: 'one self-contained HTML page with charts of both arms, the posterior and the curves',
  settingsSchema: noSettings,
  create: () => htmlReporter,
});

export const htmlReporter: Reporter = {
  name: 'html',
  fileName: 'report.html',
  render: (doc: ReportDocument) =>
    isSuiteDocument(doc) ? page(`mlreg suite ${doc.suite.name}: ${doc.verdict}`, renderSuite(doc)) : page(`mlreg ${doc.config.name}: ${doc.verdict}`, renderRun(doc, 1)),
};

/**
 * A suite: the failing configs first, in the table and below it with their details open; the
 * passing ones in one collapsed row and with their details collapsed, so that a 40-config page is
 * as tall as its failures.
 */
function renderSuite(doc: SuiteDocument): string {
  const failing = doc.configs.filter((run) => run.verdict !== 'pass');
  const passing = doc.configs.filter((run) => run.verdict === 'pass');
  const row = (run: RunDocument) => {
    const metrics = failingComparisons(run)
      .map((c) => `${c.metric} (${c.verdict})`)
      .join(', ');
    return `<tr><td><a href="#${anchor(run.config.name)}">${e(run.config.name)}</a></td><td>${badge(run.verdict)}</td><td>${e(metrics || '–')}</td></tr>`;
  };
  const passingRows = passing.length
    ? `<tr><td colspan="3"><details><summary>${badge('pass')} ${passing.length} config${passing.length === 1 ? '' : 's'} passed</summary><p>${passing.map((run) => `<a href="#${anchor(run.config.name)}">${e(run.config.name)}</a>`).join(', ')}</p></details></td></tr>`
    : '';
  const a = doc.adjustment;
  const adjustment =
    a.method === 'none'
      ? `<p>No adjustment for multiple comparisons across the suite's ${a.family} tests.</p>`
      : `<p>False alarms are controlled across ${a.family} config × metric tests with ${a.method === 'holm' ? 'Holm (family-wise error rate)' : 'Benjamini–Hochberg (false discovery rate)'} at ${e(String(a.alpha))}.</p>`;
  return [
    `<h1>mlreg suite ${e(doc.suite.name)} ${badge(doc.verdict)}</h1>`,
    `<p class="meta">${time(doc.createdAt)} · ${e(doc.suite.file)} · ${doc.configs.length} configs · exit code ${doc.exitCode}</p>`,
    renderHeadlines(suiteHeadlines(doc)),
    `<table><thead><tr><th>config</th><th>verdict</th><th>failing metrics</th></tr></thead><tbody>${failing.map(row).join('')}${passingRows}</tbody></table>`,
    adjustment,
    doc.reasons.length
      ? `<ul>${doc.reasons.map((r) => `<li>${e([r.config, reasonMetric(r)].filter(Boolean).join(' / '))}${r.config || reasonMetric(r) ? ': ' : ''}${e(describeReason(r))}</li>`).join('')}</ul>`
      : '',
    linkList(doc.links),
    ...[...failing, ...passing].map(
      (run) =>
        `<details class="config" id="${anchor(run.config.name)}"${run.verdict === 'pass' ? '' : ' open'}><summary>${e(run.config.name)} ${badge(run.verdict)}</summary>${renderRun(run, 2, false)}</details>`,
    ),
  ].join('\n');
}

function renderRun(doc: RunDocument, level: 1 | 2, withHeadlines = true): string {
  const h = (n: number, text: string): string => `<h${n + level - 1}>${text}</h${n + level - 1}>`;
  const recorded = recordedBaseline(doc);
  if (recorded) return renderRecorded(doc, recorded, h);
  const parts = [
    h(1, `mlreg ${e(doc.config.name)} ${badge(doc.verdict)}`),
    `<p class="meta">${e(doc.config.file)} · ${time(doc.createdAt)} · baseline <b>${e(doc.baseline.name)}</b>: ${doc.baseline.runs} runs${doc.baseline.failedRuns ? ` (${doc.baseline.failedRuns} failed)` : ''}${baselineOrigin(doc.baseline)} · candidate <b>${e(doc.candidate.name)}</b>: ${doc.candidate.runs} runs${doc.candidate.failedRuns ? ` (${doc.candidate.failedRuns} failed)` : ''}<span class="legend-key baseline"></span>baseline<span class="legend-key candidate"></span>candidate</p>`,
    withHeadlines ? renderHeadlines(runHeadlines(doc)) : '',
    ...pairingLines(doc).map((line) => `<p class="meta">Seeds: ${e(line)}</p>`),
    renderDiff(doc),
    renderSummaryTable(doc),
    renderPower(doc),
    renderFindings(doc),
  ];
  for (const c of doc.comparisons) {
    const samples = (arm: RunDocument['baseline']): number[] => arm.samples[c.metric] ?? [];
    const curves = curvesChart(
      c.metric,
      [
        { name: doc.baseline.name, className: 'baseline', runs: doc.baseline.curves?.[c.metric] ?? [] },
        { name: doc.candidate.name, className: 'candidate', runs: doc.candidate.curves?.[c.metric] ?? [] },
      ],
      c.checkpoint ? { step: c.checkpoint.step, label: `stopped at step ${c.checkpoint.step}: decided worse after ${c.checkpoint.runs} runs reached it` } : undefined,
    );
    const history = doc.history?.[c.metric] ?? [];
    const configured = doc.config.metrics[c.metric]?.rope;
    const rope = ropeOf(c)?.halfWidth ?? (typeof configured === 'number' ? configured : undefined);
    parts.push(
      h(2, `${e(c.metric)} ${badge(c.verdict)}`),
      `<p>${withCode(explainVerdict(c.verdict))}</p>`,
      '<div class="charts">',
      `<figure>${stripChart(c.metric, [
        { name: doc.baseline.name, className: 'baseline', values: samples(doc.baseline) },
        { name: doc.candidate.name, className: 'candidate', values: samples(doc.candidate) },
      ])}<figcaption class="note">Final value of each run; box: quartiles, line: range, triangle: mean.</figcaption></figure>`,
      `<figure>${posteriorChart(c, rope)}<figcaption class="note">Posterior of the difference of means under Jeffreys priors (each arm's mean a scaled Student t), by numerical convolution. ${e(probBetterLabel(c))} ${formatProbability(c.tests.bayes.probBetter)}, P(equivalent) ${formatProbability(c.tests.bayes.probEquivalent)}, P(worse) ${formatProbability(c.tests.bayes.probWorse)}.${rope === undefined ? ' No ROPE recorded for this metric.' : ''}</figcaption></figure>`,
      curves
        ? `<figure>${curves}<figcaption class="note">Learning curves: mean over runs, band from min to max.${c.checkpoint ? ` Dashed line: step ${c.checkpoint.step} of ${c.checkpoint.finalStep}, where the candidate was decided worse after ${c.checkpoint.runs} runs reached it and its runs were stopped.` : ''}</figcaption></figure>`
        : '',
      '</div>',
      history.length
        ? `<figure>${historyChart(c.metric, history)}<figcaption class="note">Earlier results (candidate mean per invocation); ✕ failed; dashed red line: detected shift; dashed grey: segment means.${doc.fingerprintChange ? ` History: ${escapeHtml(explainFingerprintChange(doc.fingerprintChange))}` : ''}</figcaption></figure>`
        : '',
    );
  }
  parts.push(renderFailedRuns(doc), linkList(allLinks(doc)));
  return parts.join('\n');
}

/** A first run, which had no baseline to compare with: the distribution it recorded, per metric. */
function renderRecorded(doc: RunDocument, metrics: RecordedMetric[], h: (n: number, text: string) => string): string {
  const arm = doc.baseline;
  const rows = metrics.map(({ metric, direction, summary }) => {
    const cells = formatSpread(summary);
    return `<tr><td>${e(metric)} ${direction === 'lower' ? '↓' : '↑'}</td><td class="num">${summary?.n ?? 0}</td>${cells.map((cell) => `<td class="num">${e(cell)}</td>`).join('')}</tr>`;
  });
  const parts = [
    h(1, `mlreg ${e(doc.config.name)} ${badge(doc.verdict)}`),
    `<p class="meta">${e(doc.config.file)} · ${time(doc.createdAt)} · <b>${e(arm.name)}</b>: ${arm.runs} runs${arm.failedRuns ? ` (${arm.failedRuns} failed)` : ''}, no baseline to compare with yet</p>`,
    renderFindings(doc),
    `<table><thead><tr><th>metric</th><th>runs</th><th>mean ± sd</th><th>min</th><th>max</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ];
  for (const { metric } of metrics) {
    const curves = curvesChart(metric, [{ name: arm.name, className: 'baseline', runs: arm.curves?.[metric] ?? [] }]);
    parts.push(
      h(2, e(metric)),
      '<div class="charts">',
      `<figure>${stripChart(metric, [{ name: arm.name, className: 'baseline', values: arm.samples[metric] ?? [] }])}<figcaption class="note">Final value of each run; box: quartiles, line: range, triangle: mean.</figcaption></figure>`,
      curves ? `<figure>${curves}<figcaption class="note">Learning curves: mean over runs, band from min to max.</figcaption></figure>` : '',
      '</div>',
    );
  }
  parts.push(renderFailedRuns(doc), linkList(allLinks(doc)));
  return parts.join('\n');
}

/** Findings that head the report: a stale baseline, a gate that cannot fail. */
function renderHeadlines(headlines: Headline[]): string {
  return headlines
    .map(
      (headline) =>
        `<div class="headline" role="alert"><p><b>⚠ ${e(headline.title)}</b></p>${headline.details.length ? `<ul>${headline.details.map((detail) => `<li>${e(detail)}</li>`).join('')}</ul>` : ''}<p>${withCode(headline.advice)}</p></div>`,
    )
    .join('\n');
}

function renderPower(doc: RunDocument): string {
  if (!doc.power) return '';
  return `<details><summary>Power (computed before the runs)</summary><ul>${doc.power.metrics.map((m) => `<li>${e(describeMetricPower(m))}</li>`).join('')}</ul></details>`;
}

function renderDiff(doc: RunDocument): string {
  const entries = Object.entries(doc.config.diff);
  if (entries.length === 0) return `<p>No parameter differs from the baseline config.</p>`;
  return `<details open><summary>What changed (${entries.length} parameter${entries.length === 1 ? '' : 's'})</summary><table><thead><tr><th>parameter</th><th>baseline</th><th>candidate</th></tr></thead><tbody>${entries
    .map(
      ([key, [before, after]]) =>
        `<tr><td><code>${e(key)}</code></td><td><code>${e(JSON.stringify(before) ?? 'unset')}</code></td><td><code>${e(JSON.stringify(after) ?? 'unset')}</code></td></tr>`,
    )
    .join('')}</tbody></table></details>`;
}

function renderSummaryTable(doc: RunDocument): string {
  const rows = doc.comparisons.map((c) => {
    const d = differenceOf(c);
    return `<tr><td>${e(c.metric)} ${c.direction === 'lower' ? '↓' : '↑'}</td><td class="num">${e(formatMeanSd(c.baseline.mean, c.baseline.sd))}</td><td class="num">${e(formatMeanSd(c.candidate.mean, c.candidate.sd))}</td><td class="num">${e(formatSigned(d.estimate))}${d.ci ? ` <span class="note">[${e(formatSigned(d.ci[0]))}, ${e(formatSigned(d.ci[1]))}]</span>` : ''}</td><td class="num">${e(formatPValue(verdictPValue(c)))}</td><td class="num">${e(formatProbability(posteriorOf(c).probBetter))}</td><td>${badge(c.verdict)}</td><td>${e(describeChange(c.variance.verdict))}</td></tr>`;
  });
  return `<table><thead><tr><th>metric</th><th>baseline mean ± sd</th><th>candidate mean ± sd</th><th>difference</th><th>p-value</th><th>P(better)</th><th>verdict</th><th>variance</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="note">${e(VERDICT_P_VALUE_NOTE)}. ${e(probBetterNote(doc.comparisons))}.</p>`;
}

function renderFindings(doc: RunDocument): string {
  const items = doc.reasons.map((r) => {
    const metric = reasonMetric(r);
    return `<li>${metric ? `<b>${e(metric)}</b>: ` : ''}${e(describeReason(r))}</li>`;
  });
  for (const c of doc.comparisons) {
    if (c.variance.verdict !== 'unchanged') items.push(`<li><b>${e(c.metric)}</b> variance ${e(c.variance.verdict)}: ${e(explainVariance(c.variance.verdict))}</li>`);
  }
  if (doc.failureRate) {
    const f = doc.failureRate;
    items.push(
      `<li>Failed runs: baseline ${f.baselineFailed}/${f.baselineTotal}, candidate ${f.candidateFailed}/${f.candidateTotal} (p = ${e(formatPValue(f.pValue))}, ${e(describeChange(f.verdict))})</li>`,
    );
  }
  return items.length ? `<ul>${items.join('')}</ul>` : '';
}

function renderFailedRuns(doc: RunDocument): string {
  const failed = failedRuns(doc);
  if (failed.length === 0) return '';
  return `<h3>Failed runs</h3><table><thead><tr><th>arm</th><th>seed</th><th>status</th><th>reason</th></tr></thead><tbody>${failed
    .map((run) => `<tr><td>${e(run.arm)}</td><td class="num">${run.seed}</td><td>${e(run.status)}</td><td><pre>${e(run.reason ?? 'no reason recorded')}</pre></td></tr>`)
    .join('')}</tbody></table>`;
}

function linkList(links: Array<{ label: string; url: string }>): string {
  if (links.length === 0) return '';
  return `<h3>Links</h3><ul>${links
    .map((link) =>
      /^https?:\/\//i.test(link.url)
        ? `<li><a href="${e(link.url)}" rel="noopener noreferrer">${e(link.label)}</a></li>`
        : `<li>${e(link.label)}: <code>${e(link.url)}</code></li>`,
    )
    .join('')}</ul>`;
}

/** Where the baseline's runs came from: run in this invocation (and perhaps recorded), or a stored file. */
function baselineOrigin(arm: RunDocument['baseline']): string {
  if (arm.source === 'runs') return `, run now${arm.baselineFile ? ` (recorded to ${e(arm.baselineFile)})` : ''}`;
  const file = arm.baselineFile ? ` from ${e(arm.baselineFile)}` : '';
  return arm.pool ? `${file} (pooled: ${e(explainBaselinePool(arm.pool, arm.baselineFile))})` : file;
}

function badge(verdict: string): string {
  return `<span class="badge ${e(verdict)}">${e(verdict)}</span>`;
}

function time(iso: string): string {
  return `<time datetime="${e(iso)}">${e(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time>`;
}

function anchor(name: string): string {
  return `config-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

// The advice texts mark commands with backticks, as Markdown does.
function withCode(text: string): string {
  return e(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function e(text: string): string {
  return escapeHtml(text);
}
