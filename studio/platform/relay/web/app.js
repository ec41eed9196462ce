// The viewer page of `vitrina relay`: the show's video over WHEP, and its
// events over the relay's WebSocket (docs/platform-protocol.md, version 2).
'use strict';
(() => {
  const room = decodeURIComponent(location.pathname.split('/').filter(Boolean)[0] || 'show');
  const base = '/' + encodeURIComponent(room);
  const wsURL = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base + '/events';
  const $ = (id) => document.getElementById(id);
  const player = document.querySelector('.player'); // player.js's: its data-state is the video's
  const { t } = window.i18n; // the words, in the viewer's language (i18n.js)
  const store = { get: (k) => { try { return sessionStorage.getItem(k) || ''; } catch { return ''; } },
    set: (k, v) => { try { sessionStorage.setItem(k, v); } catch { /* private mode */ } } };

  // ---- show state, as the relay's events build it ----
  const state = { catalog: [], pinned: '', sale: null, promo: null, coupon: null, giveaway: null, slow: 0 };
  const me = { viewer: '', nick: new URLSearchParams(location.search).get('nick') || localStorageGet('vitrina.nick') };
  let ws = null, epoch = '', lastSeq = 0, nextId = 0, retries = 0, slowUntil = 0;
  let session = store.get('vitrina.session.' + room);
  // The coupon's watch condition: seconds of video that actually played
  // since the coupon arrived (kept across a reload of the page).
  const watch = { key: '', seconds: 0, lastTime: -1 };
  const pending = new Map(); // our id → what it was, for the ack or error

  function localStorageGet(k) { try { return localStorage.getItem(k) || ''; } catch { return ''; } }

  function connect() {
    ws = new WebSocket(wsURL);
    ws.onopen = () => {
      const hello = { versions: ['2', '1'], role: 'viewer', session, epoch, resume_after: lastSeq };
      if (me.nick) hello.nick = me.nick;
      ws.send(JSON.stringify({ type: 'hello', data: hello }));
    };
    ws.onmessage = (m) => {
      let env;
      try { env = JSON.parse(m.data); } catch { return; }
      handle(env);
    };
    ws.onclose = (e) => {
      ws = null;
      if (e.code === 4409) { notice(t('notice.elsewhere')); return; }
      const wait = Math.min(10000, 500 * 2 ** retries++);
      notice(t('notice.reconnecting'));
      setTimeout(connect, wait);
    };
  }

  function send(type, data) {
    if (!ws || ws.readyState !== WebSocket.OPEN) { notice(t('notice.notConnected')); return 0; }
    const id = ++nextId;
    pending.set(id, type);
    ws.send(JSON.stringify({ type, id, ts: Date.now(), data }));
    return id;
  }

  function handle(env) {
    const d = env.data || {};
    switch (env.type) {
      case 'welcome': return welcome(d);
      case 'ack': return ack(d);
      case 'error': return refused(d);
      case 'claim.result': return claimResult(d);
    }
    if (env.id) {
      if (env.id <= lastSeq) return; // seen before a reconnect: the relay's ids only grow
      lastSeq = env.id;
    }
    apply(env, d);
  }

  function welcome(w) {
    retries = 0;
    me.viewer = w.viewer; me.nick = w.nick; session = w.session;
    store.set('vitrina.session.' + room, session);
    $('nick-input').value = me.nick;
    nextId = Math.max(nextId, w.last_id || 0);
    if (!w.resumed) {
      epoch = w.epoch; lastSeq = w.head;
      load(w.state);
    }
    if (w.limits) state.slow = w.limits.slow_mode_s || 0;
    renderSlow();
    notice('');
  }

  function ack(a) {
    const what = pending.get(a.id);
    pending.delete(a.id);
    if (what === 'claim') claimAcked(a);
  }

  function refused(e) {
    if (e.ref && pending.get(e.ref) === 'claim') { pending.delete(e.ref); claimRefused(e); return; }
    if (e.ref) pending.delete(e.ref);
    if (e.code === 'slow_mode' && e.retry_after_ms) slowUntil = Date.now() + e.retry_after_ms;
    notice(e.message || e.code);
  }

  function load(s) {
    state.catalog = s.catalog || [];
    state.pinned = s.pinned || '';
    state.sale = s.sale || null;
    state.promo = s.promo || null;
    state.coupon = s.coupon || null;
    startWatch();
    state.giveaway = s.giveaway || null;
    state.slow = s.slow_mode_s || 0;
    setViewers(s.viewers || 0);
    $('messages').replaceChildren();
    for (const m of s.chat || []) addMessage(m);
    render();
  }

  function apply(env, d) {
    switch (env.type) {
      case 'catalog': state.catalog = d.products || []; break;
      case 'product.pin': state.pinned = d.sku; if (d.product) upsert(d.product); break;
      case 'product.unpin': if (!d.sku || d.sku === state.pinned) state.pinned = ''; break;
      case 'sale.start': state.sale = d; setStock(d.sku, d.stock); break;
      case 'sale.end': if (state.sale && state.sale.sale_id === d.sale_id) state.sale = null; break;
      case 'stock.update': setStock(d.sku, d.stock); break;
      case 'promo.drop': state.promo = d; break;
      case 'coupon': state.coupon = d; startWatch(); break;
      case 'giveaway.result': state.giveaway = d; break;
      case 'chat.message': addMessage(env); return;
      case 'chat.delete': removeMessages((li) => li.dataset.seq === String(d.message_id)); return;
      case 'chat.ban':
        if (d.delete_messages) removeMessages((li) => li.dataset.viewer === d.viewer);
        if (d.viewer === me.viewer) notice(t('notice.banned'));
        return;
      case 'chat.timeout':
        if (d.viewer === me.viewer) notice(t('notice.timeout', { n: d.duration_s }));
        return;
      case 'chat.mode': state.slow = d.slow_mode_s; renderSlow(); return;
      case 'reaction': float(d.count || 1); return;
      case 'viewers.count': setViewers(d.count); return;
      default: return;
    }
    render();
  }

  function upsert(p) {
    const i = state.catalog.findIndex((q) => q.sku === p.sku);
    if (i >= 0) state.catalog[i] = p; else state.catalog.push(p);
  }

  function setStock(sku, n) {
    for (const p of state.catalog) if (p.sku === sku) p.stock = n;
    if (state.sale && state.sale.sku === sku) state.sale.stock = n;
  }

  function stockOf(sku) {
    if (state.sale && state.sale.sku === sku) return state.sale.stock;
    const p = state.catalog.find((q) => q.sku === sku);
    return p && typeof p.stock === 'number' ? p.stock : null;
  }

  function money(minor, currency) {
    if (!minor) return '';
    try { return window.i18n.money(minor, currency); } catch { return (minor / 100).toFixed(2); }
  }

  function stockText(n) {
    if (n === null) return '';
    if (n === 0) return t('soldOut');
    return t(n <= 5 ? 'stock.only' : 'stock.in', { n });
  }

  // ---- rendering ----
  function render() {
    renderProducts(); renderPinned(); renderPromo(); renderCoupon();
    const g = $('giveaway'); g.hidden = !state.giveaway;
    if (state.giveaway) g.textContent = t('giveaway', { winner: state.giveaway.winner }) + (state.giveaway.prize ? ` · ${state.giveaway.prize}` : '');
  }

  function renderProducts() {
    const ul = $('products');
    const items = state.catalog.map((p) => {
      const li = document.createElement('li');
      li.dataset.sku = p.sku;
      const pinned = p.sku === state.pinned;
      li.classList.toggle('pinned', pinned);
      if (pinned) li.setAttribute('aria-current', 'true');
      const name = document.createElement('span');
      if (p.number) { const n = document.createElement('span'); n.className = 'num'; n.textContent = '#' + p.number; name.append(n); }
      name.append(p.title);
      const meta = document.createElement('span');
      meta.className = 'meta';
      const stock = stockOf(p.sku);
      const sale = state.sale && state.sale.sku === p.sku ? state.sale : null;
      const price = sale ? money(sale.price_minor, sale.currency || p.currency) : money(p.price_minor, p.currency);
      meta.textContent = [price, stockText(stock)].filter(Boolean).join(' · ');
      if (stock === 0) name.classList.add('soldout');
      li.append(name, meta);
      return li;
    });
    ul.replaceChildren(...items);
    $('no-products').hidden = items.length > 0;
  }

  function current() {
    const sku = state.pinned || (state.sale && state.sale.sku) || '';
    if (!sku) return null;
    const p = state.catalog.find((q) => q.sku === sku) || { sku, title: sku };
    return p;
  }

  // After the show the card keeps the last product, still for sale, but
  // no longer as "on air now": it follows the player's data-state.
  const airLabel = () => {
    $('pinned-eyebrow').textContent = t(player.dataset.state === 'ended' ? 'air.last' : 'air.now');
  };
  new MutationObserver(airLabel).observe(player, { attributes: true, attributeFilter: ['data-state'] });
  airLabel();

  function renderPinned() {
    const p = current();
    $('pinned').hidden = !p;
    if (!p) return;
    const sale = state.sale && state.sale.sku === p.sku ? state.sale : null;
    $('pinned').dataset.sku = p.sku;
    $('pinned-title').textContent = p.title;
    $('pinned-price').textContent = sale ? money(sale.price_minor, sale.currency || p.currency) : money(p.price_minor, p.currency);
    $('pinned-compare').textContent = sale ? money(p.price_minor, p.currency) : money(p.compare_at_minor, p.currency);
    $('sale').hidden = !sale;
    const n = stockOf(p.sku);
    const st = $('pinned-stock');
    st.textContent = stockText(n);
    st.classList.toggle('low', n !== null && n <= 5);
    $('buy').disabled = n === 0;
    $('buy').textContent = t(n === 0 ? 'soldOut' : 'buy');
    tick();
  }

  // renderPromo shows the code on air as "LIVE15 · 15% off · first 50 ·
  // ends in 4:59"; the countdown runs in tick, and the card goes at expiry.
  function renderPromo() {
    const pr = state.promo;
    const live = pr && (!pr.expires_at || pr.expires_at > Date.now());
    $('promo').hidden = !live;
    if (!live) return;
    $('promo-code').textContent = pr.code;
    const d = (pr.discount || '').trim(), pct = /^-?\s*(\d[\d.,]*)\s*%$/.exec(d); // "15%", "-20%"
    $('promo-discount').textContent = pct ? t('promo.off', { pct: window.i18n.percent(pct[1]) }) : d;
    $('promo-limit').textContent = pr.limit ? t('promo.first', { n: pr.limit }) : '';
    promoCountdown();
  }

  function promoCountdown() {
    const pr = state.promo;
    $('promo-expiry').textContent = pr && pr.expires_at ? t('promo.endsIn', { time: clock(pr.expires_at - Date.now()) }) : '';
  }

  // clock is a time left as m:ss (h:mm:ss from an hour).
  function clock(ms) {
    const t = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, sec = String(t % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
  }

  // couponView is what the coupon card shows: the code once the condition
  // is met (or at once without one), else how long is left to watch.
  function couponView(c, watched) {
    const need = c.watch_seconds || 0;
    if (!c.code) return { text: c.text, code: '', lock: '' };
    if (watched >= need) return { text: c.text, code: c.code, lock: '' };
    const after = need >= 60 ? t('unit.min', { n: +(need / 60).toFixed(1) }) : t('unit.s', { n: need });
    const left = Math.ceil(need - watched);
    const m = Math.floor(left / 60), s = left % 60;
    return { text: c.text, code: '', lock: t('coupon.lock', { after, left: `${m}:${String(s).padStart(2, '0')}` }) };
  }

  function renderCoupon() {
    const c = state.coupon, box = $('coupon');
    box.hidden = !c;
    if (!c) return;
    const v = couponView(c, watch.seconds);
    $('coupon-text').textContent = v.text;
    $('coupon-code').hidden = !v.code;
    $('coupon-code').textContent = v.code;
    $('coupon-lock').hidden = !v.lock;
    $('coupon-lock').textContent = v.lock;
    box.dataset.locked = v.lock ? 'true' : 'false';
  }

  function startWatch() {
    const c = state.coupon;
    const key = c && c.code && c.watch_seconds ? `vitrina.watch.${room}.${c.code}` : '';
    if (key === watch.key) return;
    watch.key = key;
    watch.seconds = key ? Number(store.get(key)) || 0 : 0;
    watch.lastTime = -1;
  }

  // countWatch adds the video time that played since the last tick: a
  // paused, stalled or ended video adds nothing, and a jump (a new
  // stream) adds at most one tick.
  function countWatch() {
    const v = $('video');
    if (!watch.key || !v) return;
    const t = v.currentTime;
    // A stopped stream keeps currentTime running: the player's state says
    // whether frames are coming (player.js).
    const playing = !v.paused && !v.ended && v.readyState >= 3 && player.dataset.state === 'live';
    if (playing && watch.lastTime >= 0 && t > watch.lastTime) {
      const was = Math.floor(watch.seconds);
      watch.seconds += Math.min(t - watch.lastTime, 1);
      store.set(watch.key, String(watch.seconds));
      if (Math.floor(watch.seconds) !== was) renderCoupon();
    }
    watch.lastTime = playing ? t : -1;
  }

  function renderSlow() {
    $('slow').hidden = !state.slow;
    $('slow').textContent = state.slow ? t('chat.slow', { n: state.slow }) : '';
  }

  function tick() {
    const s = state.sale;
    if (s) {
      const left = Math.max(0, s.ends_at - Date.now());
      const m = Math.floor(left / 60000), sec = Math.floor(left / 1000) % 60;
      $('countdown').textContent = left > 0 ? `${m}:${String(sec).padStart(2, '0')}` : t('sale.ending');
    }
    if (state.promo && state.promo.expires_at) {
      if (state.promo.expires_at <= Date.now()) renderPromo(); else promoCountdown();
    }
    countWatch();
    const wait = slowUntil - Date.now();
    $('send').disabled = wait > 0;
    $('send').textContent = wait > 0 ? t('chat.wait', { n: Math.ceil(wait / 1000) }) : t('chat.send');
  }

  function addMessage(env) {
    const d = env.data || {}, from = env.from || {};
    const li = document.createElement('li');
    li.dataset.seq = String(env.id);
    if (from.viewer) li.dataset.viewer = from.viewer;
    if (from.role === 'host') li.className = 'host';
    const nick = document.createElement('span');
    nick.className = 'nick';
    nick.textContent = from.role === 'host' ? t('chat.host') : (from.nick || t('chat.guest'));
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = d.text;
    li.append(nick, text);
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.append(li);
    while (box.children.length > 200) box.firstChild.remove();
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  function removeMessages(match) {
    for (const li of [...$('messages').children]) if (match(li)) li.remove();
  }

  function setViewers(n) { $('viewers').textContent = t('watching', { n }); }

  function float(count) {
    const box = $('floaters');
    for (let i = 0; i < Math.min(count, 8); i++) {
      const h = document.createElement('span');
      h.className = 'floater';
      h.textContent = '\u2764';
      h.style.left = `${Math.random() * 40}px`;
      h.style.animationDelay = `${i * 120}ms`;
      h.addEventListener('animationend', () => h.remove());
      box.append(h);
    }
  }

  let noticeTimer = 0;
  function notice(text) {
    $('notice').textContent = text;
    clearTimeout(noticeTimer);
    if (text) noticeTimer = setTimeout(() => { $('notice').textContent = ''; }, 6000);
  }

  // ---- claims: "Sending…", then what the studio says (claim.result) ----
  // Our claim id → { sku, code, seq, timer }; a claim is known by the seq
  // of its ack, which the studio's claim.result names.
  const claims = new Map();
  let lastClaim = null; // the one the card shows
  // Codes this viewer has used, or that the studio refused: not sent again.
  const spentCodes = new Set();
  const claimWait = 5000; // no answer by then: the studio is away

  function buy(sku) {
    const data = { sku, quantity: 1 };
    if (state.sale && state.sale.sku === sku) data.sale_id = state.sale.sale_id;
    // The promo code on screen goes with the buy: the studio counts it
    // against the code's limit. An expired or spent one is not sent.
    const pr = state.promo;
    if (pr && pr.code && !(pr.expires_at && pr.expires_at <= Date.now()) && !spentCodes.has(pr.code)) data.code = pr.code;
    const id = send('claim', data);
    if (!id) return;
    for (const c of claims.values()) clearTimeout(c.timer);
    const c = { sku, code: data.code || '', seq: 0, timer: 0 };
    c.timer = setTimeout(() => { if (claims.get(id) === c) claimShow('unconfirmed', t('claim.sent')); }, claimWait);
    claims.set(id, c);
    lastClaim = c;
    claimShow('sending', t('claim.sending'));
  }

  function claimShow(kind, text, retry) {
    const box = $('claim-status');
    box.hidden = !text;
    box.dataset.state = kind;
    $('claim-text').textContent = text;
    $('claim-retry').hidden = !retry;
  }

  function claimAcked(a) {
    const c = claims.get(a.id);
    if (c) c.seq = a.seq || 0;
  }

  // claimRefused: the relay itself turned the claim down (sold out by the
  // stock it knows, or a product it does not list).
  function claimRefused(e) {
    const c = claims.get(e.ref);
    if (!c) return;
    claims.delete(e.ref);
    clearTimeout(c.timer);
    if (lastClaim === c) claimShow('refused', e.code === 'sold_out' ? t('soldOut') : (e.message || e.code));
  }

  function claimResult(r) {
    let id = 0, c = null;
    for (const [k, v] of claims) if (v.seq && v.seq === r.claim) { id = k; c = v; }
    if (!c) return; // not ours, or from before a reload
    claims.delete(id);
    clearTimeout(c.timer);
    if (c.code && (r.accepted || r.reason.startsWith('code_'))) spentCodes.add(c.code);
    if (lastClaim !== c) return;
    if (r.accepted) {
      const left = typeof r.left === 'number' ? r.left : null;
      return claimShow('ok', left === null ? t('claim.ok') : left === 0 ? t('claim.okLast') : t('claim.okLeft', { n: left }));
    }
    const code = c.code;
    const why = {
      sold_out: t('soldOut'),
      not_enough: t('stock.only', { n: r.left || 0 }),
      unknown_product: t('claim.unknownProduct'),
      code_unknown: t('claim.codeUnknown', { code }),
      code_expired: t('claim.codeExpired', { code }),
      code_used_up: t('claim.codeUsedUp', { code }),
    }[r.reason] || t('claim.failed');
    claimShow('refused', why, r.reason.startsWith('code_'));
  }

  // ---- what the viewer does ----
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('chat-input');
    const text = input.value.trim();
    if (!text || Date.now() < slowUntil) return;
    if (send('chat.message', { text })) {
      input.value = '';
      if (state.slow) slowUntil = Date.now() + state.slow * 1000;
    }
  });
  $('react').addEventListener('click', () => send('reaction', { kind: 'heart' }));
  $('buy').addEventListener('click', () => { const p = current(); if (p) buy(p.sku); });
  $('claim-retry').addEventListener('click', () => {
    const last = lastClaim;
    if (last && last.code) spentCodes.add(last.code);
    if (last) buy(last.sku);
  });
  $('promo-copy').addEventListener('click', () => {
    if (state.promo && navigator.clipboard) navigator.clipboard.writeText(state.promo.code).then(() => notice(t('promo.copied')), () => {});
  });
  $('nick-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const nick = $('nick-input').value.trim();
    if (!nick || nick === me.nick) return;
    me.nick = nick;
    try { localStorage.setItem('vitrina.nick', nick); } catch { /* private mode */ }
    if (ws) ws.close(1000, 'renaming'); // the hello on reconnect carries the new name
  });

  window.addEventListener('pagehide', () => { if (ws) ws.close(1000, 'leaving'); });

  setViewers(0);
  setInterval(tick, 250);
  connect();
})();
