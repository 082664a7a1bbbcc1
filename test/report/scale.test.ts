/**
 * Reports that scale: a 40-config suite with one failing config names it first in Slack, Markdown
 * and HTML, with the passing configs collapsed; a 100-config suite's report.md stays under
 * GitHub's 65,536-character comment limit, cutting passing detail first, with a pointer to the
 * full report; report.md links the HTML report and the CI build when they are known.
 */
import { describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../src/notify/slack-message.js';
import { createMarkdownReporter, GITHUB_COMMENT_LIMIT } from '../../src/report/markdown.js';
import { htmlReporter } from '../../src/report/html/index.js';
import { largeSuiteDocument, loadDocument } from './fixtures.js';

const FAILING = 'config-27-softmax-bug';

describe('a 40-config suite with one failing config', () => {
  const doc = largeSuiteDocument(40, 27);

  it('Slack names the failing config first and lists the passing ones on one line', () => {
    const sections = buildSlackMessage(doc).blocks.map((block) => JSON.stringify(block));
    const first = sections.findIndex((text) => text.includes('config-'));
    expect(sections[first]).toContain(FAILING);
    expect(sections[first]).not.toContain('wider-with-a-longer-name');
  });

  it('Markdown names the failing config before any passing one, with only its details open', () => {
    const md = createMarkdownReporter({ limit: Number.POSITIVE_INFINITY }).render(doc);
    expect(md.indexOf(FAILING)).toBeGreaterThan(0);
    expect(md.indexOf(FAILING)).toBeLessThan(md.indexOf('config-0-wider'));
    expect(md).toContain('✅ pass: 39 configs: `config-0-wider-with-a-longer-name`');
    expect(md.match(/<details open>/g)).toHaveLength(1);
    expect(md.match(/<details>/g)).toHaveLength(39);
    expect(md.indexOf(`<details open><summary>${FAILING}`)).toBeLessThan(md.indexOf('<details><summary>'));
    // Within GitHub's limit the failing config keeps its details; passing ones go first.
    const cut = createMarkdownReporter().render(doc);
    expect(cut.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut).toContain(`<details open><summary>${FAILING}: fail</summary>`);
  });

  it('HTML names the failing config first, its section open and the passing ones collapsed', () => {
    const html = htmlReporter.render(doc);
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    expect(table.indexOf(FAILING)).toBeLessThan(table.indexOf('config-0-wider'));
    expect(table).toContain('39 configs passed');
    const sections = [...html.matchAll(/<details class="config" id="([^"]+)"( open)?>/g)];
    expect(sections).toHaveLength(40);
    expect(sections[0]![1]).toBe(`config-${FAILING}`);
    expect(sections.filter((section) => section[2])).toHaveLength(1);
  });
});

describe('report.md of a 100-config suite', () => {
  it("stays under GitHub's comment limit, cutting passing detail first and pointing to the full report", () => {
    const doc = largeSuiteDocument(100, 64);
    const uncut = createMarkdownReporter({ limit: Number.POSITIVE_INFINITY }).render(doc);
    expect(uncut.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const md = createMarkdownReporter({ links: { report: 'https://ci.example/artifacts/report.html' } }).render(doc);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    // The failing config keeps its full details; passing ones lose theirs.
    expect(md).toContain('<details open><summary>config-64-softmax-bug: fail</summary>');
    expect(md).toContain('### mlreg: `config-64-softmax-bug`');
    expect(md).toMatch(
      /The details of \d+ configs are left out to stay under GitHub's 65536-character comment limit; the \[full report\]\(<https:\/\/ci\.example\/artifacts\/report\.html>\) has them/,
    );
    expect(md).toContain('- config-99-wider-with-a-longer-name: pass, details left out');
  });

  it('without a report URL points to the files beside it', () => {
    const md = createMarkdownReporter().render(largeSuiteDocument(100, 3));
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('`report.html` and `report.json` beside this file have them');
  });

  it("cuts a single run's report at a line when a trainer wrote huge failure reasons", () => {
    const doc = loadDocument('softmax-bug');
    doc.runs[0]!.status = 'failed';
    doc.runs[0]!.reason = 'x'.repeat(200_000);
    const md = createMarkdownReporter().render(doc);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('cut to stay under GitHub');
  });
});

describe('report.md links', () => {
  it('links the HTML report and the CI build when they are known', () => {
    const links = { report: 'https://ci.example/report.html', ci: { label: 'GitHub Actions run', url: 'https://github.com/o/r/actions/runs/7' } };
    const md = createMarkdownReporter({ links }).render(loadDocument('softmax-bug'));
    expect(md.split('\n').slice(0, 4).join('\n')).toContain('[full report](<https://ci.example/report.html>) · [GitHub Actions run](<https://github.com/o/r/actions/runs/7>)');
    expect(createMarkdownReporter().render(loadDocument('softmax-bug'))).not.toContain('full report');
  });
});
