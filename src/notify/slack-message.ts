/**
 * The Slack message for a run or a suite, as data: Block Kit blocks plus the fallback text that
 * notifications and screen readers show. Pure: the webhook call is in slack.ts.
 */
import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { RunDocument } from '../model/run-document.js';
import type { SuiteDocument } from '../model/suite-document.js';
import type { ReportDocument } from '../report/types.js';
import { isSuiteDocument } from '../report/types.js';
import { failedRuns, failingComparisons, isWandb } from '../report/derive.js';
import { formatMeanSd, formatPEquals } from '../report/format/numbers.js';
import { stripControl } from '../report/format/escape.js';
import { runHeadlines, suiteHeadlines, type Headline } from '../report/gate-findings.js';
import type { CiLink } from './ci-links.js';
import { describeReason } from '../report/reasons.js';

/** A Block Kit block as the webhook client accepts it. */
type SlackBlock = NonNullable<IncomingWebhookSendArguments['blocks']>[number];

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackMessageLinks {
  /** Where the report was written: a URL becomes a link, a path is shown as code. */
  report?: string | undefined;
  ci?: CiLink | undefined;
}

// Slack's limits: header text 150 characters, section text 3000, W&B run links kept to a few.
const HEADER_LIMIT = 150;
const SECTION_LIMIT = 3000;
const RUN_LINK_LIMIT = 5;
// Slack allows 50 blocks in a message; failing configs get most of them.
const FAILING_SECTIONS = 40;

const ICON: Record<string, string> = { pass: ':white_check_mark:', fail: ':x:', error: ':warning:' };

/** Builds the message for a run or suite document. */
export function buildSlackMessage(doc: ReportDocument, links: SlackMessageLinks = {}): SlackMessage {
  return isSuiteDocument(doc) ? buildSuiteMessage(doc, links) : buildRunMessage(doc, links);
}

function buildRunMessage(doc: RunDocument, links: SlackMessageLinks): SlackMessage {
  const failing = failingComparisons(doc);
  const summary = `mlreg ${clean(doc.config.name)}: ${doc.verdict}${failing.length ? ` (${failing.map((c) => `${c.metric} ${c.verdict}`).join(', ')})` : ''}`;
  const blocks: SlackBlock[] = [
    header(`${verdictWord(doc.verdict)}: ${clean(doc.config.name)}`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Config*\n\`${escapeMrkdwn(doc.config.file)}\`` },
        { type: 'mrkdwn', text: `*Verdict*\n${ICON[doc.verdict] ?? ''} ${doc.verdict} (exit ${doc.exitCode})` },
        {
          type: 'mrkdwn',
          text: `*Runs*\nbaseline ${doc.baseline.runs}, candidate ${doc.candidate.runs}${doc.candidate.failedRuns ? ` (${doc.candidate.failedRuns} failed)` : ''}`,
        },
      ],
    },
  ];
  blocks.push(...headlineBlocks(runHeadlines(doc)));
  if (failing.length > 0) {
    const lines = failing.map(
      (c) =>
        `• *${escapeMrkdwn(c.metric)}* ${c.verdict}: ${formatMeanSd(c.candidate.mean, c.candidate.sd)} vs baseline ${formatMeanSd(c.baseline.mean, c.baseline.sd)}, ${formatPEquals(c.tests.welch.pValue)}`,
    );
    blocks.push(section(`*Failing metrics*\n${lines.join('\n')}`));
  }
  if (doc.verdict === 'error' && doc.reasons.length > 0) {
    blocks.push(section(`*Why*\n${doc.reasons.map((r) => `• ${escapeMrkdwn(describeReason(r))}`).join('\n')}`));
  }
  const failed = failedRuns(doc);
  if (failed.length > 0) {
    blocks.push(
      section(
        `*Failed runs*\n${failed
          .slice(0, 5)
          .map((run) => `• ${escapeMrkdwn(run.arm)} seed ${run.seed}: ${run.status}${run.reason ? ` (${escapeMrkdwn(firstLine(run.reason))})` : ''}`)
          .join('\n')}${failed.length > 5 ? `\n… and ${failed.length - 5} more` : ''}`,
      ),
    );
  }
  const linkLine = renderLinks(runLinks(doc, links), links.report);
  if (linkLine) blocks.push(section(linkLine));
  return { text: escapeMrkdwn(summary), blocks };
}

/**
 * A suite's message names its failing configs first, each on its line, and the passing ones
 * collapsed into one line: with 40 configs a line each, the failing one could fall past Slack's
 * section limit.
 */
function buildSuiteMessage(doc: SuiteDocument, links: SlackMessageLinks): SlackMessage {
  const failingConfigs = doc.configs.filter((run) => run.verdict !== 'pass');
  const passing = doc.configs.filter((run) => run.verdict === 'pass');
  const summary = `mlreg suite ${clean(doc.suite.name)}: ${doc.verdict}${failingConfigs.length ? ` (${failingConfigs.map((run) => `${run.config.name} ${run.verdict}`).join(', ')})` : ''}`;
  const failingLines = failingConfigs.map((run) => {
    const failing = failingComparisons(run).map((c) => `${escapeMrkdwn(c.metric)} ${c.verdict}`);
    return `${ICON[run.verdict] ?? ''} *${escapeMrkdwn(run.config.name)}*: ${run.verdict}${failing.length ? `: ${failing.join(', ')}` : ''}`;
  });
  const blocks: SlackBlock[] = [
    header(`${verdictWord(doc.verdict)}: suite ${clean(doc.suite.name)}`),
    section(
      `${doc.configs.length} configs, exit ${doc.exitCode}${doc.adjustment.method === 'none' ? '' : `; false alarms controlled with ${doc.adjustment.method === 'holm' ? 'Holm' : 'Benjamini-Hochberg'} across ${doc.adjustment.family} tests`}`,
    ),
    ...headlineBlocks(suiteHeadlines(doc)),
    ...linesInSections(failingLines, FAILING_SECTIONS),
  ];
  if (passing.length > 0) {
    blocks.push(section(`${ICON.pass} ${passing.length} passed: ${passing.map((run) => escapeMrkdwn(run.config.name)).join(', ')}`));
  }
  const all = [...reportAndCi(links), ...doc.links.filter((l) => isHttp(l.url))];
  const linkLine = renderLinks(dedupe(all), links.report);
  if (linkLine) blocks.push(section(linkLine));
  return { text: escapeMrkdwn(summary), blocks };
}

/** Lines packed into as few sections as Slack's section limit allows, at most `maxSections`; the rest counted. */
function linesInSections(lines: readonly string[], maxSections: number): SlackBlock[] {
  const texts: string[] = [];
  let current = '';
  for (const [index, line] of lines.entries()) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= SECTION_LIMIT || !current) {
      current = next;
      continue;
    }
    if (texts.length + 1 === maxSections) {
      current = `${current}\n… and ${lines.length - index} more`;
      break;
    }
    texts.push(current);
    current = line;
  }
  if (current) texts.push(current);
  return texts.map(section);
}

/** One section per headline (a stale baseline, a gate that cannot fail), details cut to a few lines. */
function headlineBlocks(headlines: Headline[]): SlackBlock[] {
  return headlines.map((headline) => {
    const details = headline.details.slice(0, 5).map((detail) => `• ${escapeMrkdwn(detail)}`);
    if (headline.details.length > 5) details.push(`… and ${headline.details.length - 5} more`);
    return section([`:warning: *${escapeMrkdwn(headline.title)}*`, ...details, escapeMrkdwn(headline.advice)].join('\n'));
  });
}

// The report, the CI build, the document's links, then a few W&B run links.
function runLinks(doc: RunDocument, links: SlackMessageLinks): CiLink[] {
  const wandbRuns = doc.runs.flatMap((run) => (run.links ?? []).filter((url) => isHttp(url) && isWandb(url)).map((url) => ({ label: `W&B ${run.arm} seed ${run.seed}`, url })));
  const shown = wandbRuns.slice(0, RUN_LINK_LIMIT);
  return dedupe([...reportAndCi(links), ...doc.links.filter((l) => isHttp(l.url)), ...shown]);
}

function reportAndCi(links: SlackMessageLinks): CiLink[] {
  const result: CiLink[] = [];
  if (links.report && isHttp(links.report)) result.push({ label: 'Report', url: links.report });
  if (links.ci && isHttp(links.ci.url)) result.push(links.ci);
  return result;
}

// Links as <url|label>; a report written to a path (not a URL) is named as code.
function renderLinks(links: CiLink[], report?: string): string {
  const parts = links.map((l) => `<${l.url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c))}|${escapeMrkdwn(l.label)}>`);
  if (report && !isHttp(report)) parts.unshift(`report: \`${escapeMrkdwn(report)}\``);
  return parts.length ? truncate(parts.join(' · '), SECTION_LIMIT) : '';
}

function dedupe(links: CiLink[]): CiLink[] {
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(l.url) ? false : (seen.add(l.url), true)));
}

function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_LIMIT), emoji: true } };
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_LIMIT) } };
}

function verdictWord(verdict: string): string {
  return verdict === 'pass' ? 'Passed' : verdict === 'fail' ? 'Failed' : 'Error';
}

// Slack mrkdwn treats only &, < and > specially; everything else is literal text.
function escapeMrkdwn(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clean(text: string): string {
  return stripControl(text);
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
