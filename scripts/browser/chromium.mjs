// What the player scripts (whep-play.mjs, viewer.mjs) share: Debian's
// headless Chromium, never a downloaded browser, and a page that keeps its
// peer connections so that their WebRTC stats can be read.
import { chromium } from 'playwright-core';

// launchChromium starts Debian's Chromium headless, video allowed to play
// without a click.
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'],
  });
}

// keepPeerConnections makes page keep every peer connection it makes in
// window.__pcs, to read its stats.
export function keepPeerConnections(page) {
  return page.addInitScript(() => {
    const Orig = window.RTCPeerConnection;
    window.__pcs = [];
    window.RTCPeerConnection = function (...args) {
      const pc = new Orig(...args);
      window.__pcs.push(pc);
      return pc;
    };
    window.RTCPeerConnection.prototype = Orig.prototype;
  });
}
