import { describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../src/notify/slack-message.js';
import { ciBuildLink } from '../../src/notify/ci-links.js';
import { largeSuiteDocument, loadDocument, suiteDocument } from '../report/fixtures.js';

describe('ciBuildLink', () => {
  it('reads CircleCI, GitHub Actions and Jenkins variables', () => {
    expect(ciBuildLink({ CIRCLE_BUILD_URL: 'https://circleci.com/gh/o/r/1' })).toEqual({ label: 'CircleCI build', url: 'https://circleci.com/gh/o/r/1' });
    expect(ciBuildLink({ GITHUB_SERVER_URL: 'https://github.com/', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42' })).toEqual({
      label: 'GitHub Actions run',
      url: 'https://github.com/o/r/actions/runs/42',
    });
    expect(ciBuildLink({ BUILD_URL: 'https://jenkins/job/1/' })?.label).toBe('CI build');
    expect(ciBuildLink({ GITHUB_REPOSITORY: 'o/r' })).toBeUndefined();
  });
});

describe('buildSlackMessage', () => {
  it('gives a passing run a short message without a failing-metrics section', () => {
    const doc = loadDocument('wider-suspicious');
    doc.verdict = 'pass';
    doc.exitCode = 0;
    doc.comparisons.forEach((c) => (c.verdict = 'equivalent'));
    const message = buildSlackMessage(doc);
    expect(message.text).toBe('mlreg wider: pass');
    expect(JSON.stringify(message.blocks)).not.toContain('Failing metrics');
  });

  it('escapes Slack mrkdwn control characters from the document', () => {
    const doc = loadDocument('softmax-bug');
    doc.comparisons[0]!.metric = '<!channel> & fid';
    const text = JSON.stringify(buildSlackMessage(doc).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; fid');
  });

  it('names a report path as code and limits W&B run links', () => {
    const message = buildSlackMessage(loadDocument('softmax-bug'), { report: 'out/report.html' });
    const last = JSON.stringify(message.blocks.at(-1));
    expect(last).toContain('report: `out/report.html`');
    expect(last.match(/W&amp;B candidate seed/g)).toHaveLength(5);
  });

  it('lists each config of a suite with its failing metrics', () => {
    const message = buildSlackMessage(suiteDocument());
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*softmax-bug*: fail: fid regression, loss regression');
    expect(text).toContain('*wider*: fail: fid suspicious');
    expect(text).toContain('Holm across 6 tests');
  });

  it('escapes the fallback text too: a metric named <!channel> pings no one', () => {
    const doc = loadDocument('softmax-bug');
    doc.comparisons[0]!.metric = '<!channel>';
    doc.config.name = 'a<b>&c';
    const { text } = buildSlackMessage(doc);
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('a&lt;b&gt;&amp;c');
    const suite = suiteDocument();
    suite.suite.name = '<!here>';
    expect(buildSlackMessage(suite).text).toContain('&lt;!here&gt;');
  });

  it('names the failing config of a 40-config suite first and collapses the passing ones into one line', () => {
    const message = buildSlackMessage(largeSuiteDocument(40, 33));
    const sections = message.blocks.filter((block) => block.type === 'section').map((block) => JSON.stringify(block));
    expect(sections[1]).toContain('*config-33-softmax-bug*: fail: fid regression, loss regression');
    expect(sections[2]).toMatch(/39 passed: config-0-wider-with-a-longer-name, config-1-/);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});
