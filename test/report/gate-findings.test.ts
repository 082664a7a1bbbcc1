/** The headlines (stale baseline, a gate that cannot fail) and the power lines in every reporter and the Slack message. */
import { describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../src/notify/slack-message.js';
import { createConsoleReporter } from '../../src/report/console/index.js';
import type { RunDocument } from '../../src/model/run-document.js';
import { describeMetricPower, runHeadlines } from '../../src/report/gate-findings.js';
import { htmlReporter } from '../../src/report/html/index.js';
import { junitReporter } from '../../src/report/junit.js';
import { markdownReporter } from '../../src/report/markdown.js';
import { assessGatePower } from '../../src/verdict/index.js';
import { loadDocument, suiteDocument } from './fixtures.js';

const fingerprints = { recordedFingerprint: 'a'.repeat(64), currentFingerprint: 'b'.repeat(64) };

function flaggedDocument(): RunDocument {
  const doc = loadDocument('softmax-bug');
  const family = { size: 90, correction: 'holm' as const };
  return {
    ...doc,
    baselineMismatch: {
      baselineFile: 'baselines/head.json',
      config: { name: 'head', file: 'configs/head.yaml' },
      ...fingerprints,
      differences: { 'params.width': [32, 40] },
      policy: 'warn',
    },
    power: {
      allowUnderpowered: true,
      metrics: [assessGatePower({ metric: 'fid', direction: 'lower', alpha: 0.05, baselineRuns: 10, candidateRuns: 3, family })],
    },
  };
}

describe('gate findings in the reports', () => {
  const doc = flaggedDocument();

  it('say which value differs, and what to do, in console, Markdown, HTML, JUnit and Slack', () => {
    const outputs = {
      console: createConsoleReporter().render(doc),
      markdown: markdownReporter.render(doc),
      html: htmlReporter.render(doc),
      junit: junitReporter.render(doc),
      slack: JSON.stringify(buildSlackMessage(doc)),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).toContain('Stale baseline: baselines/head.json was recorded for other values of head');
      expect(text, name).toContain('This gate cannot fail on fid');
      if (name !== 'junit') expect(text, name).toContain('params.width: 32 when recorded, 40 now');
      if (name !== 'junit') expect(text, name).toContain('mlreg baseline promote --config configs/head.yaml');
    }
    expect(outputs.junit).toMatch(/skipped="2"/);
  });

  it('a file that predates stored configs says the values are unknown, with both fingerprints', () => {
    const { differences: _, ...predating } = doc.baselineMismatch!;
    const [headline] = runHeadlines({ ...doc, baselineMismatch: predating });
    expect(headline!.details[0]).toMatch(/predates stored configs.*aaaaaaaaaaaa when recorded, bbbbbbbbbbbb now/);
  });

  it('a suite lists the stale baseline once and every config × metric that cannot fail', () => {
    const suite = suiteDocument();
    suite.configs = suite.configs.map((config) => ({ ...config, baselineMismatch: doc.baselineMismatch!, power: doc.power! }));
    const markdown = markdownReporter.render(suite);
    expect(markdown.match(/Stale baseline: baselines\/head\.json/g)).toHaveLength(1);
    expect(markdown).toMatch(/This gate cannot fail on softmax-bug\/fid, wider\/fid/);
  });

  it('puts the detectable difference in the direction of a regression, in units and sds', () => {
    const samples = [30.1, 29.4, 31.2, 30.8, 29.9, 30.3, 31.0, 29.7, 30.5, 30.0];
    const family = { size: 3, correction: 'holm' as const };
    const lower = assessGatePower({ metric: 'fid', direction: 'lower', alpha: 0.05, baselineRuns: 10, candidateRuns: 10, family, baselineSamples: samples });
    const higher = assessGatePower({ ...lower, metric: 'accuracy', direction: 'higher', family, baselineSamples: samples });
    expect(describeMetricPower(lower)).toMatch(
      /^fid: can detect ≥ \+\d\.\d+ fid, \d+(\.\d+)? sd \(80% power at level 0\.0167; 10 baseline vs 10 candidate runs, 3 tests \(Holm\)\)$/,
    );
    expect(describeMetricPower(higher)).toMatch(/^accuracy: can detect ≥ -\d\.\d+ accuracy/);
  });
});
