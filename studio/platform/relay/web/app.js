// The viewer page of `vitrina relay`: the show's video over WHEP, and its
// events over the relay's WebSocket (docs/platform-protocol.md, version 1).
'use strict';
(() => {
  const room = decodeURIComponent(location.pathname.split('/').filter(Boolean)[0] || 'show');
  const base = '/' + encodeURIComponent(room);
  const wsURL = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base + '/events';
  const $ = (id) => document.getElementById(id);
  const store = { get: (k) => { try { return sessionStorage.getItem(k) || ''; } catch { return ''; } },
    set: (k, v) => { try { sessionStorage.setItem(k, v); } catch { /* private mode */ } } };

  // ---- show state, as the relay's events build it ----
  const state = { catalog: [], pinned: '', sale: null, promo: null, coupon: null, giveaway: null, slow: 0 };
  const me = { viewer: '', nick: new URLSearchParams(location.search).get('nick') || localStorageGet('vitrina.nick') };
  let ws = null, epoch = '', lastSeq = 0, nextId = 0, retries = 0, slowUntil = 0;
  let session = store.get('vitrina.session.' + room);
  const pending = new Map(); // our id → what it was, for the ack or error

  function localStorageGet(k) { try { return localStorage.getItem(k) || ''; } catch { return ''; } }

  function connect() {
    ws = new WebSocket(wsURL);
    ws.onopen = () => {
      const hello = { versions: ['1'], role: 'viewer', session, epoch, resume_after: lastSeq };
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
      if (e.code === 4409) { notice('This chat was opened elsewhere.'); return; }
      const wait = Math.min(10000, 500 * 2 ** retries++);
      notice('Chat disconnected; reconnecting…');
      setTimeout(connect, wait);
    };
  }

  function send(type, data) {
    if (!ws || ws.readyState !== WebSocket.OPEN) { notice('Not connected yet.'); return 0; }
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
    if (what === 'claim') notice('Claimed! The shop confirms your order.', 'ok');
  }

  function refused(e) {
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
      case 'coupon': state.coupon = d; break;
      case 'giveaway.result': state.giveaway = d; break;
      case 'chat.message': addMessage(env); return;
      case 'chat.delete': removeMessages((li) => li.dataset.seq === String(d.message_id)); return;
      case 'chat.ban':
        if (d.delete_messages) removeMessages((li) => li.dataset.viewer === d.viewer);
        if (d.viewer === me.viewer) notice('The host has banned you from the chat.');
        return;
      case 'chat.timeout':
        if (d.viewer === me.viewer) notice(`The host has timed you out for ${d.duration_s} s.`);
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
    try {
      const f = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' });
      return f.format(minor / 10 ** f.resolvedOptions().maximumFractionDigits);
    } catch { return (minor / 100).toFixed(2); }
  }

  function stockText(n) {
    if (n === null) return '';
    if (n === 0) return 'Sold out';
    return n <= 5 ? `Only ${n} left` : `${n} in stock`;
  }

  // ---- rendering ----
  function render() {
    renderProducts(); renderPinned(); renderPromo();
    const c = $('coupon'); c.hidden = !state.coupon;
    if (state.coupon) c.textContent = state.coupon.text + (state.coupon.code ? ` · code ${state.coupon.code}` : '');
    const g = $('giveaway'); g.hidden = !state.giveaway;
    if (state.giveaway) g.textContent = `Giveaway winner: ${state.giveaway.winner}` + (state.giveaway.prize ? ` · ${state.giveaway.prize}` : '');
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
    $('buy').textContent = n === 0 ? 'Sold out' : 'Buy';
    tick();
  }

  function renderPromo() {
    const pr = state.promo;
    const live = pr && (!pr.expires_at || pr.expires_at > Date.now());
    $('promo').hidden = !live;
    if (!live) return;
    $('promo-code').textContent = pr.code;
    $('promo-discount').textContent = pr.discount || '';
    $('promo-expiry').textContent = pr.expires_at ? 'until ' + new Date(pr.expires_at).toLocaleTimeString() : '';
  }

  function renderSlow() {
    $('slow').hidden = !state.slow;
    $('slow').textContent = state.slow ? `Slow mode: ${state.slow} s` : '';
  }

  function tick() {
    const s = state.sale;
    if (s) {
      const left = Math.max(0, s.ends_at - Date.now());
      const m = Math.floor(left / 60000), sec = Math.floor(left / 1000) % 60;
      $('countdown').textContent = left > 0 ? `${m}:${String(sec).padStart(2, '0')}` : 'ending…';
    }
    if (state.promo && state.promo.expires_at && state.promo.expires_at <= Date.now()) renderPromo();
    const wait = slowUntil - Date.now();
    $('send').disabled = wait > 0;
    $('send').textContent = wait > 0 ? `Wait ${Math.ceil(wait / 1000)} s` : 'Send';
  }

  function addMessage(env) {
    const d = env.data || {}, from = env.from || {};
    const li = document.createElement('li');
    li.dataset.seq = String(env.id);
    if (from.viewer) li.dataset.viewer = from.viewer;
    if (from.role === 'host') li.className = 'host';
    const nick = document.createElement('span');
    nick.className = 'nick';
    nick.textContent = from.role === 'host' ? 'Host' : (from.nick || 'guest');
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

  function setViewers(n) { $('viewers').textContent = `${n} watching`; }

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
  $('buy').addEventListener('click', () => {
    const p = current();
    if (!p) return;
    const data = { sku: p.sku, quantity: 1 };
    if (state.sale && state.sale.sku === p.sku) data.sale_id = state.sale.sale_id;
    send('claim', data);
  });
  $('promo-copy').addEventListener('click', () => {
    if (state.promo && navigator.clipboard) navigator.clipboard.writeText(state.promo.code).then(() => notice('Code copied.'), () => {});
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

  setInterval(tick, 250);
  connect();
})();
