// The viewer page's video: the room's stream over WHEP (POST an offer,
// get the answer), retried while nothing is published or the connection
// drops.
'use strict';
(() => {
  const room = decodeURIComponent(location.pathname.split('/').filter(Boolean)[0] || 'show');
  const whepURL = '/' + encodeURIComponent(room) + '/whep';
  const $ = (id) => document.getElementById(id);
  const video = $('video');
  let resource = '';
  function status(text) { $('status').textContent = text; $('status').hidden = !text; }

  async function play() {
    const pc = new RTCPeerConnection();
    const stream = new MediaStream();
    video.srcObject = stream;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => stream.addTrack(e.track);
    let again = false;
    const retry = (ms) => {
      if (again) return;
      again = true;
      pc.close();
      $('live').hidden = true;
      setTimeout(play, ms);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') { status('Reconnecting the video…'); retry(2000); }
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc, 2000);
      const res = await fetch(whepURL, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
      const body = await res.text();
      if (res.status === 404) { status('Waiting for the show to start…'); retry(2000); return; }
      if (res.status !== 201) { status(`The video could not start: ${body.trim()}`); retry(5000); return; }
      resource = res.headers.get('Location') || '';
      await pc.setRemoteDescription({ type: 'answer', sdp: body });
    } catch (err) {
      status('The video could not start; retrying…');
      retry(3000);
    }
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

  video.addEventListener('playing', () => { status(''); $('live').hidden = false; });
  video.addEventListener('waiting', () => { if (video.readyState < 3) $('live').hidden = true; });
  $('unmute').addEventListener('click', () => {
    video.muted = !video.muted;
    $('unmute').textContent = video.muted ? 'Tap for sound' : 'Mute';
    video.play().catch(() => {});
  });
  window.addEventListener('pagehide', () => {
    if (resource) fetch(resource, { method: 'DELETE', keepalive: true }).catch(() => {});
  });


  status('Connecting…');
  play();
})();
