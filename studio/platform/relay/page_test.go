package relay

import (
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// The viewer page in Chromium tells "not started" from "ended": opened
// before any session it says the show hasn't started, and waits on the
// relay's status (not on WHEP, whose 404s Chromium logs as errors); it
// plays when the host goes live; when the host ends the show it says so,
// and so does a page opened afterwards, with the time it ended; when the
// host comes back both play again without a reload. Neither page logs a
// console error on the way.
func TestViewerPageBeforeAndAfterTheShow(t *testing.T) {
	pattern := testPattern(t)
	_, base := startRelay(t, Config{})
	url := base + "/show/"

	early := openPage(t, url)
	early.wait(`.player[data-state="waiting"]`, "", 20000)
	early.wait("#status", "The show hasn’t started yet", 5000)
	// A few polls of the status, and not one WHEP offer while off air.
	early.requests("GET", "/show/status", 3, 30000)
	if n := early.requests("POST", "/show/whep", 0, 0); n != 0 {
		t.Errorf("the page posted %d WHEP offers before the show", n)
	}

	// The host pins a product: the card says it is on air, and after the
	// show that it was.
	h := host(t, base)
	h.expect(platform.TypeAck, ackFor(h.send(platform.Catalog{Products: []platform.Product{
		{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Stock: platform.Int(3)}}})))
	h.expect(platform.TypeAck, ackFor(h.send(platform.ProductPin{SKU: "APRON"})))

	pub := publishH264(t, base, pattern)
	early.frames(15, 30000)
	early.wait("#pinned-eyebrow", "On air now", 5000)
	early.wait(`.player[data-state="live"]`, "", 10000)
	early.do(map[string]any{"cmd": "play", "timeout": 20000})

	pub.end(t)
	// The page that watched notices the stall and asks: the show ended.
	early.wait(`.player[data-state="ended"]`, "", 30000)
	early.wait("#status", "The show has ended — thanks for watching", 5000)
	early.wait("#pinned-eyebrow", "Last shown in the show", 5000)

	late := openPage(t, url)
	late.wait(`.player[data-state="ended"]`, "", 20000)
	late.wait("#pinned-eyebrow", "Last shown in the show", 5000)
	st := late.text("#status")
	if !strings.Contains(st, "The show has ended — thanks for watching") || !strings.Contains(st, "It ended at ") {
		t.Errorf("a page opened after the show says %q, want that it ended and when", st)
	}
	polls := late.requests("GET", "/show/status", 0, 0)
	late.requests("GET", "/show/status", polls+2, 30000)
	if n := late.requests("POST", "/show/whep", 0, 0); n != 0 {
		t.Errorf("the page opened after the show posted %d WHEP offers while off air", n)
	}

	// The host comes back: both play, without a reload.
	before := early.frames(0, 0)
	publishH264(t, base, pattern)
	late.frames(15, 30000)
	late.wait(`.player[data-state="live"]`, "", 10000)
	late.do(map[string]any{"cmd": "play", "timeout": 20000})
	early.frames(before+15, 30000)
	early.wait(`.player[data-state="live"]`, "", 10000)
	early.wait("#pinned-eyebrow", "On air now", 5000)
	if n := late.requests("POST", "/show/whep", 0, 0); n != 1 {
		t.Errorf("the late page posted %d WHEP offers, want the one once live", n)
	}

	early.close()
	late.close()
}

// A promo code with a limit and an expiry reaches the page, from the state
// of a page that joins late and live to one that is open: "LIVE15 · 15%
// off · first 50 · ends in 4:59", the countdown running, and the card
// gone when the code expires.
func TestViewerPageShowsPromoLimitAndCountdown(t *testing.T) {
	_, base := startRelay(t, Config{})
	h := host(t, base)
	h.expect(platform.TypeAck, ackFor(h.send(platform.PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50,
		ExpiresAt: time.Now().Add(5 * time.Minute).UnixMilli()})))

	p := openPage(t, base+"/show/")
	p.wait("#promo:not([hidden]) #promo-code", "LIVE15", 20000)
	p.wait("#promo-discount", "15% off", 5000)
	p.wait("#promo-limit", "first 50", 5000)
	p.wait("#promo-expiry", "ends in 4:", 5000)
	first := p.text("#promo-expiry")
	p.do(map[string]any{"cmd": "wait", "selector": "#promo-expiry", "text": "ends in 4:", "timeout": 5000})
	// The countdown runs.
	waitText(t, p, "#promo-expiry", func(s string) bool { return strings.HasPrefix(s, "ends in 4:") && s != first })

	// A short code dropped live: shown with its limit, counted down, gone at expiry.
	h.expect(platform.TypeAck, ackFor(h.send(platform.PromoDrop{Code: "QUICK5", Discount: "€5 off", Limit: 3,
		ExpiresAt: time.Now().Add(6 * time.Second).UnixMilli()})))
	p.wait("#promo-code", "QUICK5", 10000)
	p.wait("#promo-discount", "€5 off", 5000)
	if d := p.text("#promo-discount"); d != "€5 off" {
		t.Errorf("the discount reads %q, want it as the host wrote it", d)
	}
	p.wait("#promo-limit", "first 3", 5000)
	p.wait("#promo-expiry", "ends in 0:0", 5000)
	p.wait("#promo-expiry", "ends in 0:01", 10000)
	p.wait("#promo[hidden]", "", 10000)

	// A code without a limit or expiry shows neither.
	h.expect(platform.TypeAck, ackFor(h.send(platform.PromoDrop{Code: "ALWAYS", Discount: "-10%"})))
	p.wait("#promo:not([hidden]) #promo-code", "ALWAYS", 10000)
	p.wait("#promo-discount", "10% off", 5000)
	if l, e := p.text("#promo-limit"), p.text("#promo-expiry"); l != "" || e != "" {
		t.Errorf("a code without a limit or expiry shows %q and %q", l, e)
	}
	p.close()
}

// waitText waits for selector's text to satisfy ok.
func waitText(t *testing.T, p *page, selector string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := p.text(selector)
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still reads %q", selector, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
