/**
 * JUnit XML for CI test views (CircleCI `store_test_results`, GitHub, Jenkins): one `<testsuite>`
 * per config, one `<testcase>` per config × metric; regressions and suspicious results are
 * `<failure>`s, failed runs are listed in the suite's `<system-out>`.
 */
import type { RunDocument } from '../model/run-document.js';
import { defineReporter, noSettings, type Reporter, type ReportDocument } from './types.js';
import { isSuiteDocument } from './types.js';
import { FAILING_VERDICTS, differenceOf, posteriorOf, failedRuns, seedAndDevice, verdictPValue } from './derive.js';
import { describeChange, describePairing, explainVerdict, probBetterLabel } from './explain.js';
import { formatMeanSd, formatPEquals, formatProbability, formatSigned } from './format/numbers.js';
import { escapeXml, escapeXmlText } from './format/escape.js';
import { runHeadlines } from './gate-findings.js';
import { describeReason, reasonMetric } from './reasons.js';

export const junitReporterPlugin = defineReporter({
  name: 'junit',
  description: 'JUnit XML for CI test views, one test case per config and metric',
  settingsSchema: noSettings,
  create: () => junitReporter,
});

export const junitReporter: Reporter = {
  name: 'junit',
  fileName: 'junit.xml',
  render: (doc: ReportDocument) => {
    const runs = isSuiteDocument(doc) ? doc.configs : [doc];
    const name = isSuiteDocument(doc) ? `mlreg suite ${doc.suite.name}` : 'mlreg';
    const suites = runs.map(renderTestSuite);
    const totals = runs
      .map(countCases)
      .reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors }), { tests: 0, failures: 0, errors: 0 });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${escapeXml(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(runs.flatMap((r) => r.runs))}">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};

interface TestCase {
  name: string;
  /** A test that could not do its job (a stale baseline, a gate that cannot fail): shown as skipped, with why. */
  skipped?: string;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  output: string;
}

function testCases(doc: RunDocument): TestCase[] {
  const cases: TestCase[] = doc.comparisons.map((c) => {
    const d = differenceOf(c);
    const summary = `baseline ${formatMeanSd(c.baseline.mean, c.baseline.sd)} (n=${c.baseline.n}), candidate ${formatMeanSd(c.candidate.mean, c.candidate.sd)} (n=${c.candidate.n}), difference ${formatSigned(d.estimate)}${d.ci ? ` [${formatSigned(d.ci[0])}, ${formatSigned(d.ci[1])}]` : ''}, ${formatPEquals(verdictPValue(c))} (the test behind the verdict, adjusted across metrics), ${probBetterLabel(c)} = ${formatProbability(posteriorOf(c).probBetter)}, variance: ${describeChange(c.variance.verdict)}`;
    const reasons = doc.reasons.filter((r) => reasonMetric(r) === c.metric).map((r) => describeReason(r));
    const pairing = describePairing(c, doc.baseline.fingerprint !== '' && doc.baseline.fingerprint === doc.candidate.fingerprint);
    const testCase: TestCase = { name: c.metric, output: `${c.verdict}: ${summary}${pairing ? `; ${pairing}` : ''}` };
    if (FAILING_VERDICTS.has(c.verdict)) {
      testCase.failure = {
        type: c.verdict,
        message: `${c.metric} ${c.verdict}: ${summary}`,
        body: [...reasons, explainVerdict(c.verdict)].join('\n'),
      };
    }
    return testCase;
  });
  if (doc.failureRate) {
    const f = doc.failureRate;
    const message = `failed runs: baseline ${f.baselineFailed}/${f.baselineTotal}, candidate ${f.candidateFailed}/${f.candidateTotal}, ${formatPEquals(f.pValue)}`;
    cases.push({
      name: 'failed-runs',
      output: message,
      ...(f.verdict === 'regression' ? { failure: { type: 'failure-rate', message, body: describeFailedRuns(doc) } } : {}),
    });
  }
  // Headlines are test cases of their own, marked skipped so CI test views show them without failing.
  for (const headline of runHeadlines(doc)) {
    const text = [headline.title, ...headline.details, headline.advice].join('\n');
    cases.push({ name: headline.code, skipped: headline.title, output: text });
  }
  if (doc.verdict === 'error') {
    const detail = doc.reasons.map((r) => describeReason(r)).join('\n') || 'the run could not reach a verdict';
    cases.push({ name: 'infrastructure', output: detail, error: { type: 'infrastructure', message: firstLine(detail), body: detail } });
  }
  return cases;
}

function renderTestSuite(doc: RunDocument): string {
  const cases = testCases(doc);
  const counts = countCases(doc);
  const className = `mlreg.${doc.config.name}`;
  const lines = [
    `  <testsuite name="${escapeXml(doc.config.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(doc.runs)}" timestamp="${escapeXml(doc.createdAt.replace(/Z$/, ''))}" file="${escapeXml(doc.config.file)}">`,
    '    <properties>',
    property('config.file', doc.config.file),
    property('config.fingerprint', doc.config.fingerprint),
    property('baseline', doc.baseline.baselineFile ?? doc.baseline.configFile),
    property('runs.baseline', String(doc.baseline.runs)),
    property('runs.candidate', String(doc.candidate.runs)),
    property('verdict', doc.verdict),
    '    </properties>',
  ];
  for (const c of cases) {
    lines.push(`    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(className)}" time="0">`);
    const problem = c.failure ? (['failure', c.failure] as const) : c.error ? (['error', c.error] as const) : undefined;
    if (problem) {
      const [tag, detail] = problem;
      lines.push(`      <${tag} message="${escapeXml(detail.message)}" type="${escapeXml(detail.type)}">${escapeXmlText(detail.body)}</${tag}>`);
    } else if (c.skipped) {
      lines.push(`      <skipped message="${escapeXml(c.skipped)}"/>`);
    }
    lines.push(`      <system-out>${escapeXmlText(c.output)}</system-out>`, '    </testcase>');
  }
  lines.push(`    <system-out>${escapeXmlText(describeFailedRuns(doc))}</system-out>`, '  </testsuite>');
  return lines.join('\n');
}

function describeFailedRuns(doc: RunDocument): string {
  const failed = failedRuns(doc);
  if (failed.length === 0) return 'No failed runs.';
  return ['Failed runs:', ...failed.map((run) => `${run.arm} seed ${seedAndDevice(run)} (${run.status}): ${run.reason ?? 'no reason recorded'} [${run.runDir}]`)].join('\n');
}

function countCases(doc: RunDocument): { tests: number; failures: number; errors: number; skipped: number } {
  const cases = testCases(doc);
  return { tests: cases.length, failures: cases.filter((c) => c.failure).length, errors: cases.filter((c) => c.error).length, skipped: cases.filter((c) => c.skipped).length };
}

function property(name: string, value: string): string {
  return `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`;
}

// Total training time of the runs, in seconds, as JUnit's `time` attribute expects.
function seconds(runs: Array<{ durationMs: number }>): string {
  return (runs.reduce((sum, run) => sum + run.durationMs, 0) / 1000).toFixed(3);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
