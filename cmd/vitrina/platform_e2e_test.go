package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const platformCatalog = "Handle,Title,Variant SKU,Variant Price,Variant Compare At Price,Variant Inventory Qty\n" +
	"linen-shirt,Linen shirt,LIN-SHIRT,49.00,59.00,50\n" +
	"canvas-tote,Canvas tote,TOTE,25.00,,12\n"

// platformShow streams a still picture to the relay over WHIP and drives the
// same room's event socket.
const platformShow = `
[show]
title = "Platform"
catalog = "products.csv"
currency = "EUR"
locale = "en"
` + video720p + `
[[source]]
id = "cam"
kind = "image"
path = "bg.png"

[[source]]
id = "beep"
kind = "tone"
` + platformRoom

// platformRoom goes live on the relay with the one camera, cam, over WHIP
// and drives the room's event socket: its two %q are the relay's WHIP and
// event socket URLs.
const platformRoom = singleCam + `
[[destination]]
id = "relay"
kind = "whip"
url = %q
token_env = "TEST_PLATFORM_TOKEN"

[platform]
events = %q
token_env = "TEST_PLATFORM_TOKEN"
`

// `vitrina run` goes live on `vitrina relay` with [platform] on the same
// room: Chromium on the viewer page plays the stream, follows the studio's
// pins within a second, and its buy button lowers a flash sale's stock in
// the engine (the stream's overlay) and in the page.
func TestPlatformEndToEnd(t *testing.T) {
	relay, base := startRelayCmd(t)
	dir := showFolder(t, fmt.Sprintf(platformShow, base+"/show/whip", eventsURL(base)), platformCatalog)
	rec := filepath.Join(dir, "show.mkv")
	s, api := runControlled(t, dir, t.TempDir(), []string{"TEST_PLATFORM_TOKEN=" + relayToken}, "--for", "120s", "--record", rec)
	s.waitFor(t, 0, 30*time.Second, "platform events", "state=live")
	waitOnRelay(t, s, relay, 30*time.Second)
	api.post("pin", `{"product":"LIN-SHIRT"}`)

	// (a) The page plays the studio's stream and lists the show's catalog.
	b := openViewer(t, base+"/show/?nick=bob")
	play := b.do(map[string]any{"cmd": "play"})
	if play["videoWidth"] != 1280.0 || play["videoHeight"] != 720.0 {
		t.Errorf("the page shows %vx%v, want 1280x720", play["videoWidth"], play["videoHeight"])
	}
	b.do(map[string]any{"cmd": "wait", "selector": `#products li[data-sku="TOTE"]`, "text": "Canvas tote"})
	b.do(map[string]any{"cmd": "wait", "selector": `#products li.pinned[data-sku="LIN-SHIRT"]`})

	// (b) The studio pins another product: the page's clock notes when the
	// highlight moves, against the moment the control API was asked.
	b.do(map[string]any{"cmd": "mark", "name": "pin", "selector": `#products li.pinned[data-sku="TOTE"]`})
	asked := time.Now()
	api.post("pin", `{"product":"TOTE"}`)
	at := b.do(map[string]any{"cmd": "marked", "name": "pin", "timeout": 5000})["at"].(float64)
	latency := time.UnixMilli(int64(at)).Sub(asked)
	t.Logf("pin → page highlight: %v", latency)
	if latency > time.Second {
		t.Errorf("the page highlighted the pin %v after the studio pinned it, want ≤ 1 s", latency)
	}

	// (c) A flash sale; the page's buy button claims one, the engine's stock
	// goes down, and both the page and the stock bar in the video it
	// decodes show it.
	ov := newSaleOverlay(t, b, 60*time.Second, 5) // notes the picture before the sale
	saleAt := time.Now()
	api.post("flash-sale", `{"product":"TOTE","price":19.0,"stock":5,"duration":"60s"}`)
	b.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 5 left"})
	// Each stock stays on the stream for a second of frames the page
	// decodes, so the recording shows every one past the sale's entrance.
	onAir := func() {
		n := b.do(map[string]any{"cmd": "stats"})["framesDecoded"].(float64)
		b.do(map[string]any{"cmd": "frames", "atLeast": n + 30, "timeout": 10000})
	}
	onAir()
	ov.waitStock(saleAt, 5, time.Now())
	onAir()
	s.mu.Lock()
	from := len(s.lines)
	s.mu.Unlock()
	b.do(map[string]any{"cmd": "mark", "name": "claim", "selector": "#pinned-stock", "text": "Only 4 left"})
	clicked := time.Now()
	b.do(map[string]any{"cmd": "click", "selector": "#buy"})
	s.waitFor(t, from, 10*time.Second, "msg=stock", "product=TOTE", "stock=4")
	at = b.do(map[string]any{"cmd": "marked", "name": "claim", "timeout": 5000})["at"].(float64)
	t.Logf("claim click → the studio's stock back in the page: %v", time.UnixMilli(int64(at)).Sub(clicked))
	t.Logf("claim click → the stock bar in the page's video: %v", ov.waitStock(saleAt, 4, clicked))
	b.do(map[string]any{"cmd": "wait", "selector": `#products li[data-sku="TOTE"]`, "text": "Only 4 left"})
	onAir()
	b.do(map[string]any{"cmd": "click", "selector": "#buy"})
	s.waitFor(t, from, 10*time.Second, "msg=stock", "product=TOTE", "stock=3")
	b.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 3 left"})
	ov.waitStock(saleAt, 3, time.Now())
	onAir()

	st := b.do(map[string]any{"cmd": "frames", "atLeast": 90, "timeout": 15000})
	if n, _ := st["framesDecoded"].(float64); n < 90 || st["paused"] == true {
		t.Errorf("getStats shows %v decoded frames (paused %v), want ≥ 90 and playing", st["framesDecoded"], st["paused"])
	}
	t.Logf("Chromium decoded %v frames of %vx%v", st["framesDecoded"], st["videoWidth"], st["videoHeight"])
	b.do(map[string]any{"cmd": "wait", "selector": "#sale:not([hidden])"})

	// The show ends: so does its sale, on the page too.
	log := s.stop(t, 30*time.Second)
	b.do(map[string]any{"cmd": "wait", "selector": "#sale[hidden]"})
	b.close()
	if strings.Contains(log, relayToken) {
		t.Errorf("the studio printed the relay token")
	}
	if strings.Contains(log, "relay refused an event") || strings.Contains(log, "an event was not sent") {
		t.Errorf("the platform refused the studio's events:\n%s", log)
	}
	// The recording is the same encode the relay got: its decoded frames
	// show the sale's stock bar going 5, 4, 3 with the claims.
	checkSaleStock(t, rec, 60*time.Second, 5, []int{5, 4, 3})
}

// A token the show cannot find stops it before it starts (exit 2, naming
// the field); a token the relay refuses leaves the socket failed and the
// show running, and is never printed.
func TestPlatformTokenProblems(t *testing.T) {
	dir := t.TempDir()
	body := smallPattern + singleCam + `
[platform]
events = %q
token_env = %q
`
	writeFile(t, filepath.Join(dir, "unset.toml"), fmt.Sprintf(body, "ws://127.0.0.1:9/show/events", "TEST_PLATFORM_UNSET_TOKEN"))
	code, _, stderr := vitrina(t, "run", "--headless", "--show", filepath.Join(dir, "unset.toml"), "--for", "1s")
	if code != 2 || !strings.Contains(stderr, "platform: token_env TEST_PLATFORM_UNSET_TOKEN is not set") {
		t.Errorf("an unset token: exit %d, stderr %q", code, stderr)
	}

	relay, base := startRelayCmd(t)
	writeFile(t, filepath.Join(dir, "wrong.toml"), fmt.Sprintf(body, eventsURL(base), "TEST_PLATFORM_TOKEN"))
	const wrong = "not-the-host-token-31f9"
	s := startShow(t, []string{"TEST_PLATFORM_TOKEN=" + wrong}, "run", "--headless", "--show", filepath.Join(dir, "wrong.toml"), "--for", "3s")
	s.waitFor(t, 0, 30*time.Second, "platform events", "state=failed")
	log := s.wait(t, 30*time.Second) // the show plays its 3 s and exits 0
	if strings.Contains(log, wrong) {
		t.Errorf("the studio printed the token")
	}
	relay.stop(t, 15*time.Second)
}
