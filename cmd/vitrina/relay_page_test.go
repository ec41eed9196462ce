package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// A viewer opens the page before the show (a shop shares the link in
// advance): the page loads at once, says the show has not started, lists
// the products and chats, and asks the relay's status with a backoff (no
// WHEP offer while off air). When the studio goes live it plays by itself;
// when the studio stops it says the show has ended; when the studio is
// back it plays again, all without a reload.
func TestRelayPageBeforeTheShow(t *testing.T) {
	relay, base := startRelayCmd(t)
	b := openViewer(t, base+"/show/?nick=early")
	ld := b.do(map[string]any{"cmd": "load"})
	t.Logf("with nothing published the page loaded in %v ms (DOM ready in %v ms)", ld["loadMs"], ld["domMs"])
	if ms, _ := ld["loadMs"].(float64); ms <= 0 || ms > 5000 {
		t.Errorf("the page's load event came %v ms after navigating, want within 5 s", ld["loadMs"])
	}
	b.do(map[string]any{"cmd": "wait", "selector": `.player[data-state="waiting"] #status`, "text": "hasn’t started yet", "timeout": 10000})
	b.do(map[string]any{"cmd": "wait", "selector": `#live[hidden]`})

	// The rest of the page works meanwhile: the catalog, the chat.
	events := eventsURL(base)
	hs := dialHost(t, events)
	defer hs.c.Close()
	hs.send(platform.Catalog{Products: []platform.Product{{SKU: "APRON", Title: "Linen apron", PriceMinor: 3900, Currency: "EUR", Number: 1}}})
	b.do(map[string]any{"cmd": "wait", "selector": `#products li[data-sku="APRON"]`, "text": "Linen apron"})
	b.do(map[string]any{"cmd": "type", "selector": "#chat-input", "text": "when does it start?"})
	if msg := relayPayload[platform.ChatMessage](t, hs.expect(platform.TypeChatMessage)); msg.Text != "when does it start?" {
		t.Errorf("the host got %q", msg.Text)
	}

	// The page asks the status again after 1 s, 2 s, 4 s, then every 5 s
	// (less up to a fifth at random): six asks take about 16 s. It offers
	// WHEP only once the show is live.
	at := times(b.do(map[string]any{"cmd": "requests", "method": "GET", "match": "/show/status", "atLeast": 6, "timeout": 40000}))
	var gaps []time.Duration
	for i := 1; i < 6; i++ {
		gaps = append(gaps, at[i].Sub(at[i-1]).Round(10*time.Millisecond))
	}
	t.Logf("status asks while waiting, apart: %v", gaps)
	for i, g := range gaps {
		least := time.Duration(float64(min(5*time.Second, time.Second<<i)) * 0.75)
		if g < least || g > 12*time.Second {
			t.Errorf("status ask %d came %v after the one before, want %v to 12 s (a backoff from 1 s to 5 s)", i+2, g, least)
		}
	}
	if n := len(times(b.do(map[string]any{"cmd": "requests", "method": "POST", "match": "/show/whep"}))); n != 0 {
		t.Errorf("the page made %d WHEP offers before the show", n)
	}

	// The studio goes live: the page plays by itself.
	showFile := filepath.Join(showFolder(t, `
[video]
width = 640
height = 360
fps = 30
bitrate_kbps = 800

[[source]]
id = "cam"
kind = "testpattern"
`+singleCam+whipRelay(base+"/show/whip", "TEST_RELAY_PUBLISH_TOKEN"), ""), "show.toml")
	from := 0 // the relay's log lines already read
	goLive := func(round int) {
		t.Helper()
		before := frameCount(b.do(map[string]any{"cmd": "stats"}))
		show := startShow(t, []string{"TEST_RELAY_PUBLISH_TOKEN=" + relayToken}, "run", "--headless", "--show", showFile, "--for", "120s")
		show.waitFor(t, 0, 60*time.Second, "destination=relay", "state=live")
		i, live := relay.waitFor(t, from, 10*time.Second, "relay: publishing", "kind=video")
		from = i + 1
		b.do(map[string]any{"cmd": "mark", "name": fmt.Sprint("live", round), "selector": `.player[data-state="live"] #status[hidden]`})
		seen := b.do(map[string]any{"cmd": "marked", "name": fmt.Sprint("live", round), "timeout": 20000})["at"].(float64)
		// It asks at least every 5 s: the stream shows within that and the
		// connection's setup (generous: the machine may be busy).
		late := time.UnixMilli(int64(seen)).Sub(live)
		t.Logf("round %d: the page showed the stream %v after the relay got it", round, late.Round(time.Millisecond))
		if late > 15*time.Second {
			t.Errorf("round %d: the page showed the stream %v after the relay got it, want within 15 s", round, late)
		}
		b.do(map[string]any{"cmd": "wait", "selector": `#live:not([hidden])`})
		st := b.do(map[string]any{"cmd": "frames", "atLeast": before + 60, "timeout": 20000})
		if st["videoWidth"] != 640.0 || st["videoHeight"] != 360.0 {
			t.Errorf("round %d: the page shows %vx%v, want 640x360", round, st["videoWidth"], st["videoHeight"])
		}
		t.Logf("round %d: %v frames decoded in all", round, st["framesDecoded"])

		// The studio stops (its WHIP session ends): the page says the show
		// has ended, the picture stops.
		show.stop(t, 30*time.Second)
		b.do(map[string]any{"cmd": "wait", "selector": `.player[data-state="ended"] #status`, "text": "The show has ended", "timeout": 20000})
		b.do(map[string]any{"cmd": "wait", "selector": `#live[hidden]`})
	}
	goLive(1)
	goLive(2)

	// No reload, and no offers while the page stayed connected.
	if n := len(times(b.do(map[string]any{"cmd": "requests", "method": "GET", "match": "/show/?nick"}))); n != 1 {
		t.Errorf("the page was loaded %d times, want once", n)
	}
	after := times(b.do(map[string]any{"cmd": "requests", "method": "POST", "match": "/show/whep"}))
	t.Logf("WHEP offers in all: %d", len(after))
	if len(after) > 12 {
		t.Errorf("the page made %d WHEP offers, want a handful", len(after))
	}
	b.close()
}

func times(r map[string]any) []time.Time {
	var at []time.Time
	for _, v := range r["at"].([]any) {
		at = append(at, time.UnixMilli(int64(v.(float64))))
	}
	return at
}

func frameCount(r map[string]any) int {
	n, _ := r["framesDecoded"].(float64)
	return int(n)
}
