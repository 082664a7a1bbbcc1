import { describe, expect, it } from 'vitest';
import { markdownReporter } from '../../src/report/markdown.js';
import { loadDocument, pooledBaseline, recordedDocument, suiteDocument } from './fixtures.js';

function section(text: string, title: string): string {
  const start = text.indexOf(`### ${title}`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n### ', start + 4);
  return text.slice(start, end === -1 ? undefined : end);
}

describe('markdown reporter', () => {
  const text = markdownReporter.render(loadDocument('softmax-bug'));

  it('says in Runs how many baseline samples came from the file and how many from the history', () => {
    const doc = loadDocument('softmax-bug');
    doc.baseline.pool = pooledBaseline(2);
    expect(section(markdownReporter.render(doc), 'Runs')).toContain(
      '- pooled baseline: 10 samples from baselines/head.json + 6 from the history (6 runs of 2 invocations, 2026-11-29T02:00:00.000Z – 2026-11-30T02:00:00.000Z)',
    );
  });

  it('follows the PR template: what changed, runs, metrics, variance, failed runs, links', () => {
    const headings = [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['What changed', 'Runs', 'Metrics', 'Learning curves', 'Variance', 'Failed runs', 'Why', 'Links']);
    expect(section(text, 'What changed')).toContain('| `model.loss.input` | `"logits"` | `"softmax"` |');
    expect(section(text, 'Runs')).toContain('**baseline** `head`: 10 runs, stored baseline `baselines/head.json`');
    expect(section(text, 'Runs')).toContain('**candidate** `softmax-bug`: 10 runs, 1 failed');
  });

  it('shows the p-value the verdict was decided on, as the console and HTML reports do', () => {
    const doc = loadDocument('softmax-bug');
    Object.assign(doc.comparisons[0]!, { decision: { adjustedPValue: 0.0123 } });
    const fid = section(markdownReporter.render(doc), 'Metrics')
      .split('\n')
      .find((l) => l.startsWith('| `fid`'))!;
    expect(fid).toContain('| 0.0123 |');
    expect(section(markdownReporter.render(doc), 'Metrics')).toContain('p-value: the test behind the verdict, adjusted across metrics');
  });

  it("says under Runs when the config's fingerprint changed with this run", () => {
    const doc = loadDocument('softmax-bug');
    doc.fingerprintChange = { previous: 'a'.repeat(64), current: 'b'.repeat(64), at: '2031-01-01T00:00:00.000Z', runsSince: 1 };
    expect(section(markdownReporter.render(doc), 'Runs')).toContain(`- history: the config's fingerprint changed (${'a'.repeat(12)} → ${'b'.repeat(12)})`);
  });

  it('shows what a first run recorded instead of an empty comparison', () => {
    const recorded = markdownReporter.render(recordedDocument());
    expect([...recorded.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual(['Recorded baseline', 'Failed runs', 'Why', 'Links']);
    const rows = section(recorded, 'Recorded baseline')
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows[0]).toBe('| `fid` ↓ | 9 | 32.86 ± 1.4 | 30.36 | 34.51 |');
    expect(section(recorded, 'Failed runs')).toContain('| 7 | failed | exit code 1');
    expect(recorded).not.toMatch(/candidate|Variance|What changed/);
  });

  it('tabulates each metric with mean ± sd, the difference and its CI, p-value, P(better) and verdict', () => {
    const rows = section(text, 'Metrics')
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(3);
    const fid = rows[0]!.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, ''));
    expect(fid).toEqual(['`fid` ↓', '30.84 ± 0.54 (n=10)', '32.86 ± 1.4 (n=9)', '+2.03 [+0.901, +3.15]', '0.00244', '< 0.1%', '❌ regression']);
    // Without an interval in the comparison, only the difference is shown.
    expect(rows[2]).toContain('| -0.00103 |');
  });

  it('keeps every table row to its column count even with pipes in the data', () => {
    const doc = loadDocument('softmax-bug');
    doc.runs[6]!.reason = 'a | b\nc';
    const table = section(markdownReporter.render(doc), 'Failed runs')
      .split('\n')
      .filter((l) => l.startsWith('| candidate'));
    expect(table[0]).toBe('| candidate | 7 | failed | a \\| b c |');
  });

  it('links the CI build and the W&B runs, and nothing but http(s) as a link', () => {
    const doc = loadDocument('softmax-bug');
    doc.links.push({ label: 'evil', url: 'javascript:alert(1)' });
    const links = section(markdownReporter.render(doc), 'Links');
    expect(links).toContain('- [CI build](<https://app.circleci.com/pipelines/github/latent/model/812/workflows/abc/jobs/4410>)');
    expect(links).toMatch(/- candidate runs \(W&B\): \[seed 1\]\(<https:\/\/wandb\.ai\/latent\/ablations\/runs\/cand0001>\)/);
    expect(links).not.toContain('](<javascript');
  });

  it('explains a suspicious result', () => {
    const md = markdownReporter.render(loadDocument('wider-suspicious'));
    expect(md).toContain('🔍 suspicious');
    expect(md).toMatch(/\*\*suspicious\*\*: .*`mlreg baseline record`/);
  });

  it('renders a suite: summary, adjustment, one collapsible section per config', () => {
    const md = markdownReporter.render(suiteDocument());
    expect(md).toMatch(/^## mlreg suite `nightly`: ❌ fail/);
    expect(md).toContain('| softmax-bug | ❌ fail | fid (regression), loss (regression) |');
    expect(md).toMatch(/Holm \(family-wise error rate\) at 0\.05\. Significant after adjustment: softmax-bug\/fid/);
    expect(md.match(/<details open><summary>/g)).toHaveLength(2);
  });
});
