package main

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/platform"
)

const relayToken = "relay-host-token-77c1"

// startRelayCmd runs `vitrina relay` on a free loopback port and waits for
// it to print its URLs.
func startRelayCmd(t *testing.T) (*liveShow, string) {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", mediatest.FreePort(t))
	r := startShow(t, []string{"TEST_RELAY_HOST_TOKEN=" + relayToken}, "relay", "--addr", addr, "--token-env", "TEST_RELAY_HOST_TOKEN")
	r.waitFor(t, 0, 20*time.Second, "relay: listening")
	return r, "http://" + addr
}

func TestRelayUsage(t *testing.T) {
	code, stdout, stderr := vitrina(t, "relay", "--token-env", "TEST_RELAY_UNSET_TOKEN")
	if code != 2 || !strings.Contains(stderr, "vitrina: relay: the host token: set TEST_RELAY_UNSET_TOKEN") || stdout != "" {
		t.Errorf("no token: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = vitrina(t, "relay", "--bogus")
	if code != 2 || !strings.Contains(stderr, "vitrina: relay: flag provided but not defined: -bogus") {
		t.Errorf("a bad flag: exit %d, stderr %q", code, stderr)
	}
}

// `vitrina run` publishes a 720p test pattern to `vitrina relay` over WHIP;
// `vitrina probe whep` plays it back from the relay's WHEP and measures the
// latency, and Chromium plays the viewer page while a host client drives
// the show: pin, chat, delete, claim, stock.
func TestRelayEndToEnd(t *testing.T) {
	relay, base := startRelayCmd(t)

	// Refusals first: a wrong token, an invalid SDP.
	req, _ := http.NewRequest(http.MethodPost, base+"/show/whip", strings.NewReader("v=0"))
	req.Header.Set("Content-Type", "application/sdp")
	req.Header.Set("Authorization", "Bearer wrong-token")
	if resp := relayDo(t, req); resp.code != 401 {
		t.Errorf("WHIP with a wrong token: %d %s", resp.code, resp.body)
	}
	req, _ = http.NewRequest(http.MethodPost, base+"/show/whip", strings.NewReader("v=0\r\nnot an offer"))
	req.Header.Set("Content-Type", "application/sdp")
	req.Header.Set("Authorization", "Bearer "+relayToken)
	if resp := relayDo(t, req); resp.code != 400 || !strings.Contains(resp.body, "not SDP") {
		t.Errorf("WHIP with an invalid SDP: %d %q, want 400 with the reason", resp.code, resp.body)
	}
	events := eventsURL(base)
	if _, err := platform.Dial(t.Context(), events, platform.DialOptions{Token: "wrong-token"}); !errors.Is(err, platform.ErrUnauthorized) {
		t.Errorf("the event socket with a wrong token: %v", err)
	}

	// The studio goes live on the relay.
	showFile := goLiveShow(t, singleCam+whipRelay(base+"/show/whip", "TEST_RELAY_PUBLISH_TOKEN"))
	show := startShow(t, []string{"TEST_RELAY_PUBLISH_TOKEN=" + relayToken}, "run", "--headless", "--show", showFile, "--for", "90s")
	waitOnRelay(t, show, relay, 30*time.Second)

	// The probe plays the relay's WHEP, decodes and reads the timecode strip.
	code, stdout, stderr := vitrina(t, "probe", "whep", base+"/show/whep", "--for", "5s")
	if code != 0 {
		t.Fatalf("probe exited %d: %q %q", code, stdout, stderr)
	}
	line := strings.TrimSpace(stdout)
	t.Logf("probe through vitrina relay: %s", line)
	m := probeLineRE.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("probe output %q", stdout)
	}
	frames, _ := strconv.Atoi(m[1])
	p50, _ := strconv.Atoi(m[4])
	if frames < 90 || m[7] != "1280" || m[8] != "720" || p50 <= 0 || p50 > 1000 {
		t.Errorf("probe: %d frames of %sx%s, p50 %d ms; want ≥ 90 of 1280x720 and 0 < p50 ≤ 1000", frames, m[7], m[8], p50)
	}

	// A host client and a phone-sized Chromium on the viewer page.
	hs := dialHost(t, events)
	defer hs.c.Close()
	hs.send(platform.Catalog{Products: []platform.Product{
		{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Stock: platform.Int(8), Number: 1},
		{SKU: "BAG", Title: "Canvas tote", PriceMinor: 2500, Currency: "EUR", Stock: platform.Int(5), Number: 2}}})
	hs.send(platform.ProductPin{SKU: "APRON"})

	b := openViewer(t, base+"/show/?nick=ann")
	play := b.do(map[string]any{"cmd": "play"})
	if play["videoWidth"] != 1280.0 || play["videoHeight"] != 720.0 {
		t.Errorf("the page shows %vx%v, want 1280x720", play["videoWidth"], play["videoHeight"])
	}
	b.do(map[string]any{"cmd": "wait", "selector": `#products li.pinned[data-sku="APRON"]`})

	// The highlight follows the host's pin within a second.
	start := time.Now()
	hs.send(platform.ProductPin{SKU: "BAG"})
	b.do(map[string]any{"cmd": "wait", "selector": `#products li.pinned[data-sku="BAG"]`, "timeout": 1000})
	t.Logf("the page highlighted the new pin %v after the host sent it", time.Since(start).Round(time.Millisecond))

	// Chat typed in the page reaches the host; the host deletes it and it
	// disappears from the page.
	b.do(map[string]any{"cmd": "type", "selector": "#chat-input", "text": "is the tote waterproof?"})
	msg := hs.expect(platform.TypeChatMessage)
	if text := relayPayload[platform.ChatMessage](t, msg).Text; text != "is the tote waterproof?" || msg.From.Nick != "ann" {
		t.Errorf("the host got %q from %+v", text, msg.From)
	}
	sel := fmt.Sprintf(`#messages li[data-seq="%d"]`, msg.ID)
	b.do(map[string]any{"cmd": "wait", "selector": sel, "text": "waterproof"})
	hs.send(platform.ChatDelete{MessageID: msg.ID})
	b.do(map[string]any{"cmd": "wait", "selector": sel, "gone": true})

	// The buy button claims the pinned product; the host lowers the stock
	// and the page shows it.
	b.do(map[string]any{"cmd": "click", "selector": "#buy"})
	claim := relayPayload[platform.Claim](t, hs.expect(platform.TypeClaim))
	if claim.SKU != "BAG" || claim.Quantity != 1 {
		t.Errorf("claim %+v, want one BAG", claim)
	}
	hs.send(platform.StockUpdate{SKU: "BAG", Stock: 4})
	b.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 4 left"})
	b.do(map[string]any{"cmd": "wait", "selector": `#products li[data-sku="BAG"]`, "text": "Only 4 left"})

	// A heart reaches the host as a reaction total.
	b.do(map[string]any{"cmd": "click", "selector": "#react"})
	if r := relayPayload[platform.Reaction](t, hs.expect(platform.TypeReaction)); r.Kind != "heart" || r.Count < 1 {
		t.Errorf("reaction %+v", r)
	}

	st := b.do(map[string]any{"cmd": "frames", "atLeast": 150, "timeout": 15000})
	if n, _ := st["framesDecoded"].(float64); n < 150 || st["paused"] == true || st["currentTime"].(float64) < 3 {
		t.Errorf("getStats shows %v decoded frames (paused %v), want ≥ 150 and playing", st["framesDecoded"], st["paused"])
	}
	t.Logf("Chromium decoded %v frames of %vx%v", st["framesDecoded"], st["videoWidth"], st["videoHeight"])
	b.close()

	show.stop(t, 30*time.Second)
	log := relay.stop(t, 15*time.Second)
	if strings.Contains(log, relayToken) {
		t.Errorf("the relay printed the token")
	}
	if !strings.Contains(log, "/show/whip") || !strings.Contains(log, "/show/events") || !strings.Contains(log, "viewer page:") {
		t.Errorf("the relay did not print the host's URLs:\n%s", log)
	}
}
