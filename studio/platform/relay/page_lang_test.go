package relay

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// openPageIn opens the page in a browser whose language is locale
// (viewer.mjs reads VIEWER_LOCALE; the default is en-US).
func openPageIn(t *testing.T, locale, url string) *page {
	t.Helper()
	t.Setenv("VIEWER_LOCALE", locale)
	return openPage(t, url)
}

// eval is the value of a JavaScript expression in the page.
func (p *page) eval(expr string) any {
	p.T.Helper()
	return p.do(map[string]any{"cmd": "eval", "expression": expr})["value"]
}

// The page speaks the viewer's language: ?lang=ru gives the Russian page
// (<html lang>, the player's words, the viewer count with Russian plurals
// as viewers come, prices as Russian writes euros), ?lang=zh the Chinese
// one; a language the page does not have gives English; without ?lang the
// browser's language picks, and ?lang overrides it.
func TestViewerPageSpeaksTheViewersLanguage(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	h.expect(platform.TypeAck, ackFor(h.send(platform.Catalog{Products: []platform.Product{
		{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Stock: platform.Int(3)}}})))
	h.expect(platform.TypeAck, ackFor(h.send(platform.ProductPin{SKU: "APRON"})))

	ru := openPageIn(t, "en-US", base+"/show/?lang=ru")
	ru.wait(`html[lang="ru"]`, "", 20000)
	ru.wait(`.player[data-state="waiting"] #status`, "Эфир ещё не начался", 20000)
	ru.wait("#pinned-eyebrow", "Сейчас в эфире", 5000)
	ru.wait("#pinned-stock", "Осталось всего 3", 5000)
	ru.wait("#buy", "Купить", 5000)
	if p := strings.ReplaceAll(ru.text("#pinned-price"), "\u00a0", " "); p != "39,00 €" {
		t.Errorf("the Russian page shows the price as %q, want 39,00 €", p)
	}
	if ph := ru.eval(`document.querySelector('#chat-input').placeholder`); ph != "Сообщение…" {
		t.Errorf("the Russian chat box says %q", ph)
	}
	// The count, as viewers come: 1 зритель, 2 зрителя, 5 зрителей.
	ru.wait("#viewers", "1 зритель", 20000)
	viewerNamed(t, base, "two")
	ru.wait("#viewers", "2 зрителя", 20000)
	for _, n := range []string{"three", "four", "five"} {
		viewerNamed(t, base, n)
	}
	ru.wait("#viewers", "5 зрителей", 20000)
	// The plural rules for counts no test drives: 21 is singular, 11 is not.
	for expr, want := range map[string]string{
		`i18n.t('watching', { n: 21 })`:   "21 зритель",
		`i18n.t('watching', { n: 11 })`:   "11 зрителей",
		`i18n.t('watching', { n: 1000 })`: "1\u00a0000 зрителей",
		`i18n.t('stock.only', { n: 1 })`:  "Остался всего 1",
	} {
		if got := ru.eval(expr); got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	ru.close()

	zh := openPageIn(t, "en-US", base+"/show/?lang=zh")
	zh.wait(`html[lang="zh-Hans"]`, "", 20000)
	zh.wait("#status", "直播尚未开始", 20000)
	zh.wait("#viewers", "人在看", 20000)
	zh.wait("#buy", "立即购买", 5000)
	zh.close()

	// Latvian has a form for 0 and 10–20, and one for 1, 21, 31…
	lv := openPageIn(t, "en-US", base+"/show/?lang=lv")
	lv.wait(`html[lang="lv"]`, "", 20000)
	for expr, want := range map[string]string{
		`i18n.t('watching', { n: 0 })`:  "0 skatītāju",
		`i18n.t('watching', { n: 1 })`:  "1 skatītājs",
		`i18n.t('watching', { n: 2 })`:  "2 skatītāji",
		`i18n.t('watching', { n: 21 })`: "21 skatītājs",
	} {
		if got := lv.eval(expr); got != want {
			t.Errorf("%s = %q, want %q", expr, got, want)
		}
	}
	lv.close()

	// A language the page does not have: English, both ways.
	for _, c := range []struct{ locale, query string }{{"en-US", "?lang=fr"}, {"fr-FR", ""}} {
		p := openPageIn(t, c.locale, base+"/show/"+c.query)
		p.wait(`html[lang="en"]`, "", 20000)
		p.wait("#status", "The show hasn’t started yet", 20000)
		p.wait("#pinned-eyebrow", "On air now", 5000)
		p.close()
	}

	// The browser's language picks, with no ?lang; ?lang=en overrides it.
	br := openPageIn(t, "ru-RU", base+"/show/")
	br.wait(`html[lang="ru"]`, "", 20000)
	br.wait("#status", "Эфир ещё не начался", 20000)
	br.close()
	en := openPageIn(t, "ru-RU", base+"/show/?lang=en")
	en.wait(`html[lang="en"]`, "", 20000)
	en.wait("#status", "The show hasn’t started yet", 20000)
	en.close()
}

// The page's translation files are served like its other scripts.
func TestViewerPageServesItsTranslations(t *testing.T) {
	_, base := startRelay(t, Config{})
	for path, has := range map[string]string{
		"/show/assets/strings.js": "window.VITRINA_STRINGS",
		"/show/assets/i18n.js":    "window.i18n",
		"/show/":                  `src="assets/i18n.js"`,
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != 200 || !strings.Contains(string(b), has) || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: %d %s %q, want 200, no-cache, containing %q", path, resp.StatusCode, ct, resp.Header.Get("Cache-Control"), has)
		}
		if path != "/show/" && ct != "text/javascript; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
}
