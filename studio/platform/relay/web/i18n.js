// The viewer page's language: ?lang=xx when the page has it, else the
// first of the browser's languages (navigator.languages) that it has, by
// primary subtag (zh-TW too reads Simplified Chinese), else English. The
// words are in strings.js; numbers, money and times are formatted by Intl
// in the same language. It translates the page's static text (data-i18n
// for the text, data-i18n-placeholder, -aria-label and -title for those
// attributes) and sets <html lang>; player.js and app.js ask it for the
// rest through window.i18n.
'use strict';
window.i18n = (() => {
  const tables = window.VITRINA_STRINGS || {};
  const tags = { zh: 'zh-Hans' }; // the BCP 47 tag, where it is not the key
  const has = (wanted) => {
    const p = String(wanted || '').toLowerCase().split(/[-_]/)[0];
    return Object.hasOwn(tables, p) ? p : '';
  };
  const asked = new URLSearchParams(location.search).get('lang');
  const lang = [asked, ...(navigator.languages || [navigator.language])].map(has).find(Boolean) || 'en';
  const tag = tags[lang] || lang;
  const en = tables.en || {}, table = tables[lang] || en;
  const plural = new Intl.PluralRules(tag);
  const number = new Intl.NumberFormat(tag);

  // t is the text of key with vars filled in: numbers in the language's
  // digits, and a plural key's form chosen by vars.n.
  function t(key, vars = {}) {
    let s = Object.hasOwn(table, key) ? table[key] : en[key];
    if (s === undefined) return key;
    if (typeof s === 'object') s = s[plural.select(vars.n ?? 0)] ?? s.other;
    return s.replace(/\{(\w+)\}/g, (m, k) => {
      if (!Object.hasOwn(vars, k)) return m;
      return typeof vars[k] === 'number' ? number.format(vars[k]) : String(vars[k]);
    });
  }

  // money is an amount in minor units (cents) in currency, as the language
  // writes it; it throws on a currency Intl does not know.
  function money(minor, currency) {
    const f = new Intl.NumberFormat(tag, { style: 'currency', currency: currency || 'USD' });
    return f.format(minor / 10 ** f.resolvedOptions().maximumFractionDigits);
  }

  // percent is "15" (or "7,5") as the language writes 15 %.
  function percent(s) {
    const x = Number(String(s).replace(',', '.'));
    if (!Number.isFinite(x)) return `${s}%`;
    return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(x / 100);
  }

  // time is the hour and minute of a Unix millisecond time, in the
  // viewer's time zone.
  const time = (ms) => new Date(ms).toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });

  document.documentElement.lang = tag;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    for (const el of document.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }

  return { lang, tag, t, money, percent, time };
})();
