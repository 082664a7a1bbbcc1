import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { htmlReporter } from '../../../src/report/html/index.js';
import { largeSuiteDocument, loadDocument, pooledBaseline, recordedDocument, suiteDocument } from '../fixtures.js';
import { hasChromium, launchChromium, loadPage, pixelStats, CHROMIUM_PATH } from '../browser.js';
import { parseXml } from '../xml-check.js';

describe('html reporter (static)', () => {
  const html = htmlReporter.render(loadDocument('softmax-bug'));

  it('is one self-contained file: no external scripts, styles, images or fonts', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(|@import/);
    expect(html).toContain("default-src 'none'");
  });

  it('has a chart per metric: strip plot and posterior, plus curves and history where present', () => {
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => parseXml(m[0]));
    const titles = svgs.map((s) => s.attributes['aria-label']);
    expect(titles).toEqual([
      'fid: final values per run',
      'fid: posterior of the difference of means',
      'fid: learning curves, mean with min/max band',
      'fid: history',
      'loss: final values per run',
      'loss: posterior of the difference of means',
      'accuracy: final values per run',
      'accuracy: posterior of the difference of means',
    ]);
    expect(html).toMatch(/<rect class="rope"/);
  });

  it('says the baseline was run now when it ran in this invocation, and where it was recorded', () => {
    const doc = loadDocument('softmax-bug');
    doc.baseline = { ...doc.baseline, source: 'runs', baselineFile: 'baselines/head.json' };
    expect(htmlReporter.render(doc)).toContain('run now (recorded to baselines/head.json)');
    const stored = loadDocument('softmax-bug');
    stored.baseline = { ...stored.baseline, source: 'baseline-file', baselineFile: 'baselines/head.json' };
    expect(htmlReporter.render(stored)).toContain(' from baselines/head.json');
    expect(htmlReporter.render(stored)).not.toContain('run now');
  });

  it('says how many baseline samples came from the file and how many from the history', () => {
    const doc = loadDocument('softmax-bug');
    doc.baseline = {
      ...doc.baseline,
      source: 'baseline-file',
      baselineFile: 'baselines/head.json',
      pool: pooledBaseline(2, ['fid']),
    };
    expect(htmlReporter.render(doc)).toContain(
      ' from baselines/head.json (pooled: 10 samples from baselines/head.json + 6 from the history (6 runs of 2 invocations, 2026-11-29T02:00:00.000Z – 2026-11-30T02:00:00.000Z))',
    );
  });

  it('shows the p-value the verdict was decided on', () => {
    const doc = loadDocument('softmax-bug');
    Object.assign(doc.comparisons[0]!, { decision: { adjustedPValue: 0.0123 } });
    expect(htmlReporter.render(doc)).toMatch(/<td>fid ↓<\/td>(<td class="num">[^<]*<\/td>|<td class="num">[^<]*<span[^>]*>[^<]*<\/span><\/td>){3}<td class="num">0\.0123<\/td>/);
  });

  it('shows what a first run recorded: a table and the values and curves of each metric, no comparison', () => {
    const recorded = htmlReporter.render(recordedDocument());
    const titles = [...recorded.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => parseXml(m[0]).attributes['aria-label']);
    expect(titles).toEqual(['fid: final values per run', 'fid: learning curves, mean with min/max band', 'loss: final values per run', 'accuracy: final values per run']);
    expect(recorded).toContain('<th>mean ± sd</th>');
    expect(recorded).toContain('no baseline to compare with yet');
    const body = recorded.slice(recorded.indexOf('<body'));
    expect(body).not.toMatch(/posterior|candidate/);
  });

  it('escapes text from the document', () => {
    const doc = loadDocument('softmax-bug');
    doc.config.name = '<script>alert(1)</script>';
    const out = htmlReporter.render(doc);
    expect(out).not.toContain('<script>alert(1)');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

const chromiumMissing = !hasChromium();
if (chromiumMissing) {
  console.warn(`Skipping the headless Chromium test: ${CHROMIUM_PATH} not found. Install it with: apt-get install -y chromium`);
}

describe.skipIf(chromiumMissing)('html reporter in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'mlreg-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function render(name: string, html: string) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return loadPage(browser, pathToFileURL(file).href);
  }

  it.each([
    ['run', () => htmlReporter.render(loadDocument('softmax-bug'))],
    ['suspicious', () => htmlReporter.render(loadDocument('wider-suspicious'))],
    ['suite', () => htmlReporter.render(suiteDocument())],
  ])('%s report renders without errors or requests, and the screenshot is not blank', async (name, make) => {
    const load = await render(name, make());
    expect(load.consoleErrors).toEqual([]);
    expect(load.pageErrors).toEqual([]);
    expect(load.failedRequests).toEqual([]);
    expect(load.otherRequests).toEqual([]);
    const stats = await pixelStats(browser, load.screenshot);
    expect(stats.width).toBe(1200);
    expect(stats.height).toBeGreaterThan(900);
    expect(stats.nonBackground).toBeGreaterThan(0.02);
    expect(stats.colours).toBeGreaterThan(50);
  });

  it('a 40-config suite with one failing config is as tall as its failure, not as its 39 passing configs', async () => {
    const one = await pixelStats(browser, (await render('one-config', htmlReporter.render(loadDocument('softmax-bug')))).screenshot);
    const suite = await pixelStats(browser, (await render('suite-40', htmlReporter.render(largeSuiteDocument(40, 27)))).screenshot);
    // The failing config's section plus the summary and 39 one-line collapsed sections.
    expect(suite.height).toBeLessThan(one.height + 39 * 60 + 600);
  }, 60_000);

  it('the blank-screenshot check can fail', async () => {
    const load = await render('blank', '<!DOCTYPE html><html><body></body></html>');
    const stats = await pixelStats(browser, load.screenshot);
    expect(stats.nonBackground).toBe(0);
    expect(stats.colours).toBe(1);
  });

  it('a page that fetches from the network would be caught', async () => {
    const load = await render('network', '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>');
    expect(load.otherRequests).toEqual(['http://127.0.0.1:9/x.png']);
    expect(load.consoleErrors.length).toBeGreaterThan(0);
  });
});
