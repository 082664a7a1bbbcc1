/** `mlreg run --report-dir`: Markdown, JUnit XML, JSON and HTML for the softmax bug, the HTML checked in headless Chromium. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, loadPage, pixelStats } from '../report/browser.js';
import { findAll, parseXml } from '../report/xml-check.js';
import { listFiles, mlreg, testProject } from './harness.js';

describe('run --report-dir on the softmax bug', () => {
  let dir: string;
  let exitCode: number | undefined;
  let stdout: string;

  beforeAll(async () => {
    dir = await testProject({}, { withExampleConfigs: true });
    const result = await mlreg(dir, ['run', '--config', 'configs/ablations/softmax-bug.yaml', '--report-dir', 'out/']);
    exitCode = result.exitCode;
    stdout = result.stdout;
  }, 120_000);

  it('fails the run and writes the four formats, naming them', async () => {
    expect(exitCode).toBe(1);
    expect(await listFiles(join(dir, 'out'))).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(stdout).toMatch(/report: out\/report\.md/);
  });

  it('writes valid JUnit XML with a failing test case for each regressed metric', async () => {
    const xml = parseXml(await readFile(join(dir, 'out/junit.xml'), 'utf8'));
    const cases = findAll(xml, 'testcase');
    const failing = cases.filter((testcase) => findAll(testcase, 'failure').length > 0);
    const doc = JSON.parse(await readFile(join(dir, 'out/report.json'), 'utf8')) as { comparisons: Array<{ metric: string; verdict: string }> };
    const regressed = doc.comparisons.filter((c) => c.verdict === 'regression').map((c) => c.metric);
    expect(regressed.length).toBeGreaterThan(0);
    expect(failing.map((testcase) => testcase.attributes.name).sort()).toEqual([...regressed].sort());
    expect(findAll(failing[0]!, 'failure')[0]!.attributes.type).toBe('regression');
    expect(Number(xml.attributes.failures)).toBe(regressed.length);
  });

  it('writes the run document as JSON with its history, and a Markdown PR comment', async () => {
    const doc = JSON.parse(await readFile(join(dir, 'out/report.json'), 'utf8')) as {
      verdict: string;
      exitCode: number;
      config: { name: string };
      history?: Record<string, Array<{ value: number; failed: boolean }>>;
    };
    expect(doc.verdict).toBe('fail');
    expect(doc.exitCode).toBe(1);
    expect(doc.config.name).toBe('softmax-bug');
    expect(doc.history?.fid).toHaveLength(1);
    expect(doc.history!.fid![0]!.failed).toBe(true);
    const markdown = await readFile(join(dir, 'out/report.md'), 'utf8');
    expect(markdown).toMatch(/softmax-bug/);
    expect(markdown).toMatch(/regression/);
  });

  describe.skipIf(!hasChromium())('the HTML report in headless Chromium', () => {
    let browser: Browser;
    // biome-ignore lint/suspicious/noDuplicateTestHooks: this hook belongs to the describe.skipIf block, which Biome does not recognise as a describe
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders without errors or network requests, and is not blank', async () => {
      const url = pathToFileURL(join(dir, 'out/report.html')).href;
      const load = await loadPage(browser, url);
      expect(load.consoleErrors).toEqual([]);
      expect(load.pageErrors).toEqual([]);
      expect(load.failedRequests).toEqual([]);
      expect(load.otherRequests).toEqual([]);
      const stats = await pixelStats(browser, load.screenshot);
      expect(stats.nonBackground).toBeGreaterThan(0.02);
      expect(stats.colours).toBeGreaterThan(50);
    }, 60_000);
  });
});
