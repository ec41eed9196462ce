package main

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/show"
)

// The relay's viewers.count reaches the engine, which tells the window and
// the control API (EventViewers), and the report's sampler.
func TestPlatformLinkViewersReachTheEngine(t *testing.T) {
	f, err := show.Parse([]byte(`
[video]
width = 320
height = 180
fps = 30
bitrate_kbps = 300

[[source]]
id = "a"
kind = "testpattern"

[[source]]
id = "beep"
kind = "tone"

[layout]
kind = "single"
main = "a"

[overlays]
viewers_badge = true
`), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// 320x180 is too small for overlays: the badge is left out with a
	// warning, and the count still reaches the window and the API.
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := studio.New(studio.Config{Show: f, Logger: discard})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, unsubscribe := st.Subscribe()
	defer unsubscribe()
	air := (&runStores{}).OnAir()
	l := &platformLink{st: st, air: air, currency: "EUR", log: discard}

	l.incoming(platform.Envelope{ID: 7}, platform.ViewersCount{Count: 1234})
	select {
	case e := <-events:
		if e.Kind != studio.EventViewers || e.Viewers != 1234 || e.State != "1234" {
			t.Errorf("the engine published %+v, want a viewers event of 1234", e)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a viewers.count from the relay never reached the engine")
	}
	air.mu.Lock()
	got := air.viewers
	air.mu.Unlock()
	if got != 1234 {
		t.Errorf("the report's sampler has %d viewers, want 1234", got)
	}
}
