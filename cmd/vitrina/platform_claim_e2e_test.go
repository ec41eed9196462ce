package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// claimCues pin the linen shirt and drop a promo code one claim may use.
const claimCues = `
[[cue]]
at = "0s"
do = "pin"
product = "LIN-SHIRT"
` + firstPromoCue

// firstPromoCue drops the promo code FIRST1 at 1 s, for one claim.
const firstPromoCue = `
[[cue]]
at = "1s"
do = "promo"
code = "FIRST1"
discount = "-10%"
valid = "10m"
limit = 1
`

// Two viewers in Chromium buy on the relay's page, and each page says what
// the studio made of its claim (claim.result), not "Claimed!" whatever
// happened: the first use of a limited promo code is claimed with the
// stock left; the second is refused as used up, and buying without the
// code works; the last unit of a flash sale is claimed and the other page
// turns to "Sold out"; a product the relay cannot judge (its stock is not
// on the page) is refused by the studio as sold out; and with the studio
// gone, the page says the claim was sent and the shop will confirm.
func TestPlatformClaimResultsOnThePage(t *testing.T) {
	_, base := startRelayCmd(t)
	// The scarf is out of stock in the shop: the catalog sends its stock
	// as unknown, so the relay lets a claim of it through to the studio.
	dir := showFolder(t, fmt.Sprintf(platformShow, base+"/show/whip", eventsURL(base))+claimCues,
		platformCatalog+"silk-scarf,Silk scarf,SCARF,30.00,,0\n")
	s, api := runControlled(t, dir, t.TempDir(), []string{"TEST_PLATFORM_TOKEN=" + relayToken}, "--for", "120s")
	s.waitFor(t, 0, 30*time.Second, "platform events", "state=live")

	ann := openViewer(t, base+"/show/?nick=ann")
	bob := openViewer(t, base+"/show/?nick=bob")
	for _, b := range []*browserPage{ann, bob} {
		b.do(map[string]any{"cmd": "wait", "selector": "#promo-code", "text": "FIRST1", "timeout": 15000})
		// The cue's limit and validity reach the page: "first 1", counted down.
		b.do(map[string]any{"cmd": "wait", "selector": "#promo-limit", "text": "first 1"})
		b.do(map[string]any{"cmd": "wait", "selector": "#promo-expiry", "text": "ends in 9:"})
		b.do(map[string]any{"cmd": "wait", "selector": `#pinned[data-sku="LIN-SHIRT"]`})
	}
	claim := func(b *browserPage, state, text string) {
		t.Helper()
		b.do(map[string]any{"cmd": "wait", "selector": fmt.Sprintf(`#claim-status[data-state=%q]`, state), "text": text, "timeout": 15000})
	}

	// (a) ann buys with the code: claimed, and how many are left.
	ann.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim(ann, "ok", "Claimed! 49 left")

	// (b) bob's buy with the same code is refused as used up; without it,
	// it is claimed.
	bob.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim(bob, "refused", "Code FIRST1 has been used up — buy without it?")
	bob.do(map[string]any{"cmd": "click", "selector": "#claim-retry"})
	claim(bob, "ok", "Claimed! 48 left")

	// (c) The last unit of a flash sale: ann gets it, bob's page sells out.
	api.post("pin", `{"product":"TOTE"}`)
	api.post("flash-sale", `{"product":"TOTE","price":19.0,"stock":1,"duration":"60s"}`)
	for _, b := range []*browserPage{ann, bob} {
		b.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 1 left", "timeout": 10000})
	}
	ann.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim(ann, "ok", "Claimed! You got the last one.")
	bob.do(map[string]any{"cmd": "wait", "selector": "#buy:disabled", "text": "Sold out", "timeout": 10000})

	// (d) A claim only the studio can judge: the studio's claim.result
	// says sold out.
	api.post("pin", `{"product":"SCARF"}`)
	bob.do(map[string]any{"cmd": "wait", "selector": `#pinned[data-sku="SCARF"]`, "timeout": 10000})
	bob.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim(bob, "refused", "Sold out")
	s.waitFor(t, 0, 10*time.Second, "platform: claim refused", "product=SCARF", `reason="sold out"`)

	// (e) The studio is gone: the claim is sent, and the page does not
	// pretend it was taken.
	api.post("pin", `{"product":"LIN-SHIRT"}`)
	bob.do(map[string]any{"cmd": "wait", "selector": `#pinned[data-sku="LIN-SHIRT"]`, "timeout": 10000})
	log := s.stop(t, 30*time.Second)
	bob.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim(bob, "sending", "Sending…")
	claim(bob, "unconfirmed", "Your claim was sent; the shop will confirm.")
	ann.close()
	bob.close()
	if strings.Contains(log, "did not reach the viewer") || strings.Contains(log, "relay refused an event") {
		t.Errorf("a claim's result did not go out:\n%s", log)
	}
}
