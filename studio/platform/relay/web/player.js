// The viewer page's video: the room's stream over WHEP (POST an offer, get
// the answer). The page says what the video is doing in #status and in
// the player's data-state: connecting, waiting (the show has not started),
// live, stopped (it played, or was cut, and the studio may be back),
// ended (the host ended the show), reconnecting, full, offline (the relay
// cannot be reached) or error.
//
// It never holds the page: a <video> with a stream and no picture delays
// the page's load event, so the stream is attached only once the page has
// loaded. While the show is off air it asks the relay's status (a JSON
// answer, always 200) with a backoff (1 s, 2 s, 4 s, then every 5 s) and
// posts its WHEP offer only once the room is live, so a page waiting for
// the show logs no failed requests. It notices a stream that stops and
// starts again from the decoded frames, without a reload.
'use strict';
(() => {
  const room = decodeURIComponent(location.pathname.split('/').filter(Boolean)[0] || 'show');
  const whepURL = '/' + encodeURIComponent(room) + '/whep';
  const statusURL = '/' + encodeURIComponent(room) + '/status';
  const $ = (id) => document.getElementById(id);
  const video = $('video');
  const player = video.closest('.player');
  const FIRST = 1000, MOST = 5000; // the backoff while waiting
  const STALL = 3000; // no new frame for this long: the stream has stopped
  const LOST = 5000; // disconnected for this long: connect again
  const CONNECT = 20000; // a connection that never comes up is given up
  const RECHECK = 3000; // how often a stalled stream asks whether the show ended
  const { t } = window.i18n; // the words: player.<state> in strings.js
  let misses = 0, played = false, resource = '';
  let air = { live: false, state: 'before' }; // the relay's last status
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', resolve, { once: true });
  });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // show sets the state (app.js follows data-state for the product card)
  // and its text; the same again changes nothing.
  function show(state, detail) {
    const s = $('status');
    const text = state === 'live' ? '' : t('player.' + state) + (detail ? (state === 'ended' ? ` ${detail}` : ` (${detail})`) : '');
    if (player.dataset.state === state && (!detail || s.textContent === text)) return;
    player.dataset.state = state;
    s.hidden = state === 'live';
    s.textContent = text;
    $('live').hidden = state !== 'live';
  }

  // backoff is the next wait: the relay's Retry-After when it gave one,
  // else doubling from 1 s to 5 s, less up to a fifth at random so that
  // the viewers of a show do not all come back in the same instant.
  function backoff(retryAfter) {
    const ms = retryAfter > 0 ? retryAfter * 1000 : Math.min(MOST, FIRST * 2 ** misses);
    misses++;
    return ms * (1 - 0.2 * Math.random());
  }

  // status asks the relay whether the room is on air: { live, state:
  // before|live|ended|interrupted, started_at, ended_at }.
  async function status() {
    const res = await fetch(statusURL, { cache: 'no-store' });
    if (!res.ok) throw new Error(`status ${res.status}`);
    air = await res.json();
    return air;
  }

  // offAir says why there is no picture: not started, ended (and when, in
  // the viewer's time), or stopped (cut, or played before).
  function offAir() {
    if (air.state === 'ended') {
      show('ended', air.ended_at ? t('player.endedAt', { time: window.i18n.time(air.ended_at) }) : '');
    } else show(played || air.state === 'interrupted' ? 'stopped' : 'waiting');
  }

  // untilLive waits for the room to be on air.
  async function untilLive() {
    for (;;) {
      try {
        if ((await status()).live) return;
        offAir();
      } catch {
        show('offline');
      }
      await sleep(backoff());
    }
  }

  // session is one peer connection: once the room is live its offer is
  // posted until the relay takes it, then the connection is watched until
  // it is gone.
  async function session() {
    await untilLive();
    const pc = new RTCPeerConnection();
    const stream = new MediaStream();
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      stream.addTrack(e.track);
      loaded.then(() => { if (video.srcObject !== stream && pc.connectionState !== 'closed') video.srcObject = stream; });
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc, 2000);
      for (;;) {
        const res = await fetch(whepURL, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
        const body = await res.text();
        if (res.status === 201) {
          resource = res.headers.get('Location') || '';
          await pc.setRemoteDescription({ type: 'answer', sdp: body });
          break;
        }
        if (res.status === 404) { // it went off air meanwhile: wait on the status again
          pc.close();
          show(played ? 'stopped' : 'waiting');
          await sleep(backoff());
          return;
        }
        if (res.status === 503) show('full');
        else show('error', body.trim().slice(0, 200));
        await sleep(backoff(Number(res.headers.get('Retry-After'))));
      }
    } catch (err) {
      pc.close();
      show('offline');
      await sleep(backoff());
      return;
    }
    await watch(pc);
    pc.close();
    resource = '';
    if (video.srcObject === stream) video.srcObject = null;
    show('reconnecting');
    await sleep(backoff());
  }

  // watch follows a connection's decoded frames: live while they rise,
  // stopped (or still waiting) when they stall. It returns when the
  // connection fails, stays disconnected, or never comes up.
  async function watch(pc) {
    const start = Date.now();
    let frames = 0, moved = Date.now(), down = 0, up = false, checked = 0;
    for (;;) {
      await sleep(500);
      const st = pc.connectionState;
      if (st === 'failed' || st === 'closed') return;
      if (st === 'disconnected') {
        down = down || Date.now();
        if (Date.now() - down > LOST) return;
      } else down = 0;
      if (st === 'connected') up = true;
      if (!up && Date.now() - start > CONNECT) return;
      const n = await decoded(pc);
      if (n > frames) {
        frames = n; moved = Date.now(); played = true; misses = 0;
        show('live');
      } else if (up && Date.now() - moved > STALL) {
        // Stalled: the connection stays (the next studio's frames come on
        // it), and the status says whether the show ended meanwhile.
        if (Date.now() - checked > RECHECK) {
          checked = Date.now();
          try { await status(); } catch { /* the connection tells */ }
        }
        if (air.live) show(played ? 'stopped' : 'waiting');
        else offAir();
      }
    }
  }

  async function decoded(pc) {
    let n = 0;
    try {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') n += s.framesDecoded || 0;
      });
    } catch { /* closed meanwhile */ }
    return n;
  }

  function gathered(pc, ms) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
      });
    });
  }

  $('unmute').addEventListener('click', () => {
    video.muted = !video.muted;
    $('unmute').textContent = t(video.muted ? 'sound.on' : 'sound.off');
    video.play().catch(() => {});
  });
  window.addEventListener('pagehide', () => {
    if (resource) fetch(resource, { method: 'DELETE', keepalive: true }).catch(() => {});
  });

  show('connecting');
  (async () => { for (;;) await session(); })();
})();
