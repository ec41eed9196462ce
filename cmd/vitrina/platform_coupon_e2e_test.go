package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// couponShow is platformShow with a [[rundown]] and a coupon that unlocks
// after 4 seconds of watching.
const couponShow = platformShow + `
[[rundown]]
product = "TOTE"
minutes = 5
notes = "Holds a laptop."
faq = ["Washable? Yes, at 30 °C."]

[[rundown]]
product = "NOPE-1"

[[cue]]
at = "1s"
do = "coupon"
text = "Watch to unlock a discount"
code = "STAY10"
watch_minutes = 0.0667
show_for = "60s"
`

// `vitrina run` with a coupon cue whose code unlocks after watching: the
// viewer page in Chromium says how long to watch and shows no code, then
// reveals it once its video has played that long. The control API lists
// the [[rundown]] first, with its notes; the store keeps it with the show;
// a product the catalog lacks is one line in the log.
func TestPlatformCouponUnlocksAfterWatching(t *testing.T) {
	relay, base := startRelayCmd(t)
	dir, data := showFolder(t, fmt.Sprintf(couponShow, base+"/show/whip", eventsURL(base)), platformCatalog), t.TempDir()
	s, api := runControlled(t, dir, data, []string{"TEST_PLATFORM_TOKEN=" + relayToken}, "--for", "90s",
		"--record", filepath.Join(dir, "show.mkv"))
	s.waitFor(t, 0, 30*time.Second, "rundown: 1 of 2 entries left out", `not in the catalog: \"NOPE-1\"`)
	waitOnRelay(t, s, relay, 30*time.Second)

	// The moderators' view of the rundown: TOTE first, with the host's notes.
	req, _ := http.NewRequest(http.MethodGet, api.url+"rundown", nil)
	req.Header.Set("Authorization", "Bearer "+api.token)
	r := relayDo(t, req)
	var rd struct {
		Products []struct {
			SKU            string   `json:"sku"`
			PlannedMinutes float64  `json:"planned_minutes"`
			Notes          string   `json:"notes"`
			FAQ            []string `json:"faq"`
		} `json:"products"`
	}
	if err := json.Unmarshal([]byte(r.body), &rd); err != nil || r.code != http.StatusOK {
		t.Fatalf("GET /api/rundown: %d %s (%v)", r.code, r.body, err)
	}
	if len(rd.Products) != 2 || rd.Products[0].SKU != "TOTE" || rd.Products[0].PlannedMinutes != 5 ||
		rd.Products[0].Notes != "Holds a laptop." || len(rd.Products[0].FAQ) != 1 || rd.Products[1].SKU != "LIN-SHIRT" {
		t.Errorf("GET /api/rundown: %s", r.body)
	}

	b := openViewer(t, base+"/show/?nick=ann")
	b.do(map[string]any{"cmd": "wait", "selector": "#coupon:not([hidden])", "text": "Watch to unlock a discount", "timeout": 15000})
	b.do(map[string]any{"cmd": "wait", "selector": "#coupon-lock:not([hidden])", "text": "Unlocks after 4 s of watching"})
	if code := b.do(map[string]any{"cmd": "text", "selector": "#coupon"})["text"].(string); strings.Contains(code, "STAY10") {
		t.Errorf("the code shows before the viewer has watched: %q", code)
	}
	b.do(map[string]any{"cmd": "play"})
	started := time.Now()
	b.do(map[string]any{"cmd": "wait", "selector": "#coupon-code:not([hidden])", "text": "STAY10", "timeout": 20000})
	if waited := time.Since(started); waited < 3*time.Second {
		t.Errorf("the code showed %v after the video played, want about 4 s of watching", waited)
	}
	b.do(map[string]any{"cmd": "wait", "selector": "#coupon-lock[hidden]"})

	log := s.stop(t, 30*time.Second)
	b.close()
	db := openStore(t, data)
	show, err := db.FindShow(t.Context(), "latest")
	if err != nil {
		t.Fatal(err)
	}
	kept, err := db.Rundown(t.Context(), show.ID)
	if err != nil || len(kept) != 1 || kept[0].Product != "TOTE" || kept[0].Planned != 5*time.Minute || kept[0].Notes != "Holds a laptop." {
		t.Errorf("the store keeps the rundown %+v (%v), want TOTE, 5 min, with its notes", kept, err)
	}
	if strings.Contains(log, "an event was not sent") || strings.Contains(log, "relay refused an event") {
		t.Errorf("the platform refused the studio's events:\n%s", log)
	}
}
