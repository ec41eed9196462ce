// Drives a page in Debian's headless Chromium for a test, one command at a
// time: the test writes a JSON command per line on stdin and reads one JSON
// answer per line on stdout. Made for the relay's viewer page, usable on any.
//   node viewer.mjs URL
// The browser's language is VIEWER_LOCALE (a BCP 47 tag such as ru-RU),
// else en-US: headless Chromium takes it from the system's locale, which
// differs between machines, and the page speaks the browser's language.
// Commands (every answer has "ok", and "error" when ok is false):
//   {"cmd":"play","timeout":20000}         wait for the <video> to play: videoWidth, videoHeight
//   {"cmd":"wait","selector":S,"text":T,"gone":false,"timeout":5000}
//                                          wait for S (containing T) to appear, or to be gone: ms
//   {"cmd":"click","selector":S}
//   {"cmd":"type","selector":S,"text":T,"enter":true}
//   {"cmd":"text","selector":S}            its textContent: text
//   {"cmd":"screenshot","path":P}          a PNG of the whole page
//   {"cmd":"stats"}                        framesDecoded (getStats), videoWidth, videoHeight, currentTime, paused
//   {"cmd":"frames","atLeast":N,"timeout":10000}  wait until getStats counts N decoded frames: stats
//   {"cmd":"mark","name":N,"selector":S,"text":T}  start watching for S (containing T) in the page
//   {"cmd":"marked","name":N,"timeout":5000}  wait for that watch: at, the page's clock (Unix ms) when S appeared
//   {"cmd":"luma","x":X,"y":Y,"w":W,"h":H}  the video's current frame there as BT.601 luma bytes: luma (base64), at (Unix ms)
//   {"cmd":"load"}                         when the page's load event came, ms after navigating: loadMs, domMs
//   {"cmd":"requests","match":S,"method":M,"atLeast":N,"timeout":10000}
//                                          wait for N requests (M, URL containing S) since the start: at (Unix ms each)
//   {"cmd":"eval","expression":E}          the value of a JavaScript expression in the page: value
//   {"cmd":"close"}                        pageErrors, consoleErrors, then exit
import { launchChromium, keepPeerConnections } from './chromium.mjs';
import readline from 'node:readline';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node viewer.mjs URL');
  process.exit(2);
}

const browser = await launchChromium();
const pageErrors = [];   // exceptions thrown in the page
const consoleErrors = []; // what it logged as errors (a failed fetch, say)
const locale = process.env.VIEWER_LOCALE || 'en-US';
const page = await browser.newPage({ viewport: { width: 412, height: 915 }, locale }); // a phone
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
const requests = []; // every request the page made, as it made it
page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), at: Date.now() }));
await keepPeerConnections(page);
await page.goto(url);

const commands = {
  async play({ timeout = 20000 }) {
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return v && v.videoWidth > 0 && v.currentTime > 0;
    }, null, { timeout });
    return page.evaluate(() => {
      const v = document.querySelector('video');
      return { videoWidth: v.videoWidth, videoHeight: v.videoHeight };
    });
  },
  async wait({ selector, text, gone = false, timeout = 5000 }) {
    const start = Date.now();
    await page.waitForFunction(({ selector, text, gone }) => {
      const els = [...document.querySelectorAll(selector)].filter((e) => !text || e.textContent.includes(text));
      return gone ? els.length === 0 : els.length > 0;
    }, { selector, text, gone }, { timeout, polling: 16 });
    return { ms: Date.now() - start };
  },
  // A MutationObserver notes the moment the page's DOM shows the selector,
  // so a test can time a change against its own clock to the millisecond.
  async mark({ name, selector, text }) {
    await page.evaluate(({ name, selector, text }) => {
      window.__marks = window.__marks || {};
      const seen = () => [...document.querySelectorAll(selector)].some((e) => !text || e.textContent.includes(text));
      if (seen()) { window.__marks[name] = Date.now(); return; }
      const obs = new MutationObserver(() => {
        if (seen()) { window.__marks[name] = Date.now(); obs.disconnect(); }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }, { name, selector, text });
    return {};
  },
  async marked({ name, timeout = 5000 }) {
    await page.waitForFunction((name) => window.__marks && window.__marks[name], name, { timeout, polling: 16 });
    return { at: await page.evaluate((name) => window.__marks[name], name) };
  },
  // The decoded picture itself, to check what the stream shows (overlays)
  // rather than what the page draws around it.
  async luma({ x, y, w, h }) {
    return page.evaluate(({ x, y, w, h }) => {
      const v = document.querySelector('video');
      const c = window.__lumaCanvas || (window.__lumaCanvas = document.createElement('canvas'));
      c.width = v.videoWidth; c.height = v.videoHeight;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(v, 0, 0);
      const at = Date.now();
      const d = ctx.getImageData(x, y, w, h).data;
      let s = '';
      for (let i = 0; i < w * h; i++) {
        const l = 16 + (65.738 * d[4 * i] + 129.057 * d[4 * i + 1] + 25.064 * d[4 * i + 2]) / 256;
        s += String.fromCharCode(Math.min(255, Math.round(l)));
      }
      return { luma: btoa(s), at };
    }, { x, y, w, h });
  },
  async load() {
    return page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { loadMs: Math.round(n.loadEventStart), domMs: Math.round(n.domContentLoadedEventStart) };
    });
  },
  async requests({ match = '', method = '', atLeast = 0, timeout = 10000 }) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const at = requests.filter((r) => r.url.includes(match) && (!method || r.method === method)).map((r) => r.at);
      if (at.length >= atLeast) return { at };
      if (Date.now() > deadline) throw new Error(`only ${at.length} ${method} requests to ${match} in ${timeout} ms, want ${atLeast}`);
      await page.waitForTimeout(100);
    }
  },
  async click({ selector }) {
    await page.click(selector, { timeout: 5000 });
    return {};
  },
  async type({ selector, text, enter = true }) {
    await page.fill(selector, text, { timeout: 5000 });
    if (enter) await page.press(selector, 'Enter');
    return {};
  },
  async screenshot({ path, fullPage = true }) {
    await page.screenshot({ path, fullPage });
    return { path };
  },
  async eval({ expression }) {
    return { value: await page.evaluate(expression) };
  },
  async text({ selector }) {
    return { text: await page.textContent(selector, { timeout: 5000 }) };
  },
  async frames({ atLeast = 1, timeout = 10000 }) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const st = await commands.stats();
      if (st.framesDecoded >= atLeast) return st;
      if (Date.now() > deadline) throw new Error(`only ${st.framesDecoded} frames decoded in ${timeout} ms, want ${atLeast}`);
      await page.waitForTimeout(100);
    }
  },
  async stats() {
    return page.evaluate(async () => {
      const v = document.querySelector('video');
      let framesDecoded = 0;
      for (const pc of window.__pcs) {
        if (pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded || 0;
        });
      }
      return { framesDecoded, videoWidth: v.videoWidth, videoHeight: v.videoHeight, currentTime: v.currentTime, paused: v.paused };
    });
  },
};

const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let cmd;
  try { cmd = JSON.parse(line); } catch (e) {
    console.log(JSON.stringify({ ok: false, error: 'not JSON: ' + line }));
    continue;
  }
  if (cmd.cmd === 'close') break;
  const f = commands[cmd.cmd];
  try {
    if (!f) throw new Error('unknown command ' + cmd.cmd);
    console.log(JSON.stringify({ ok: true, ...(await f(cmd)) }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e).split('\n')[0], pageErrors }));
  }
}
console.log(JSON.stringify({ ok: true, pageErrors, consoleErrors }));
await browser.close();
process.exit(0);
