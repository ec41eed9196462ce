// Opens a WHEP player page in Debian's headless Chromium and prints, as one
// JSON line, what a viewer would see: the video's size, whether its time
// advances, and the decoded frames WebRTC's getStats reports.
//   node whep-play.mjs URL [SECONDS]
import { launchChromium, keepPeerConnections } from './chromium.mjs';

const [url, seconds = '6'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node whep-play.mjs URL [SECONDS]');
  process.exit(2);
}

const browser = await launchChromium();
const result = { url, errors: [] };
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));
  await keepPeerConnections(page);
  await page.goto(url);
  await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return v && v.videoWidth > 0 && v.currentTime > 0;
  }, null, { timeout: 20000 });
  const first = await page.evaluate(() => document.querySelector('video').currentTime);
  await page.waitForTimeout(Number(seconds) * 1000);
  Object.assign(result, await page.evaluate(async (first) => {
    const v = document.querySelector('video');
    let framesDecoded = 0;
    for (const pc of window.__pcs) {
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded || 0;
      });
    }
    return {
      videoWidth: v.videoWidth, videoHeight: v.videoHeight,
      firstTime: first, lastTime: v.currentTime, paused: v.paused, framesDecoded,
    };
  }, first));
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.errors.length ? 1 : 0);
