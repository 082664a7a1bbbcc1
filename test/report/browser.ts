/** Headless Chromium for the HTML report tests: Debian's `chromium` package driven by playwright-core. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when Debian's Chromium is installed (`apt-get install -y chromium`). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches headless Chromium with no background network traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageLoad {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Every request other than the report file itself (there should be none). */
  otherRequests: string[];
  screenshot: Buffer;
}

/** Loads a file:// URL, records errors and requests, and takes a full-page screenshot. */
export async function loadPage(browser: Browser, url: string): Promise<PageLoad> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const result: Omit<PageLoad, 'screenshot'> = { consoleErrors: [], pageErrors: [], failedRequests: [], otherRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') result.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => result.pageErrors.push(error.message));
  page.on('requestfailed', (request) => result.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
  page.on('request', (request) => {
    if (request.url() !== url) result.otherRequests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
  await page.close();
  return { ...result, screenshot };
}

/**
 * Pixel statistics of a PNG, decoded by the browser itself: the share of pixels that differ
 * from the top-left pixel (the background) and the number of distinct colours (capped).
 */
export async function pixelStats(browser: Browser, png: Buffer): Promise<{ width: number; height: number; nonBackground: number; colours: number }> {
  const page = await browser.newPage();
  await page.setContent('<canvas id="c"></canvas>');
  // Evaluated as a string: the project compiles without DOM typings.
  const stats = (await page.evaluate(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.getElementById('c');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let differing = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differing++;
      if (colours.size < 5000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: image.width, height: image.height, nonBackground: differing / (data.length / 4), colours: colours.size };
  })()`)) as { width: number; height: number; nonBackground: number; colours: number };
  await page.close();
  return stats;
}
