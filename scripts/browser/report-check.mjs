// Opens a post-show report (a local HTML file) in Debian's headless
// Chromium with the network cut off, and prints, as one JSON line, what a
// reader would get: console errors, any request that tried to leave the
// file, the charts drawn, and a full-page PNG screenshot.
//   node report-check.mjs FILE.html OUT.png [WIDTH]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [file, png, width = '1280'] = process.argv.slice(2);
if (!file || !png) {
  console.error('usage: node report-check.mjs FILE.html OUT.png [WIDTH]');
  process.exit(2);
}

const url = pathToFileURL(resolve(file)).href;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { url, errors: [], requests: [] };
try {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: 900 },
    deviceScaleFactor: 1,
    offline: true, // the report must need nothing from the network
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') result.errors.push(m.text()); });
  page.on('pageerror', (e) => result.errors.push(String(e)));
  // Every fetch but the file itself is a failure: a font, a stylesheet or
  // an image from elsewhere would be missing when the reader is offline.
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith('data:')) return route.continue();
    result.requests.push(u);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  Object.assign(result, await page.evaluate(() => ({
    title: document.title,
    charts: [...document.querySelectorAll('svg.chart')].map((s) => s.dataset.chart),
    noData: document.querySelectorAll('.empty').length,
    // A chart that lays out to nothing (a CSS or viewBox mistake) is as
    // bad as a missing one.
    emptyCharts: [...document.querySelectorAll('svg.chart')]
      .filter((s) => s.getBoundingClientRect().height < 20).map((s) => s.dataset.chart),
    height: document.documentElement.scrollHeight,
  })));
  await page.screenshot({ path: png, fullPage: true });
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.errors.length || result.requests.length ? 1 : 0);
