package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

func TestDestinationStateEventUpdatesItsChip(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	row := w.Destinations.Row("relay")
	if row == nil || row.Chip.Text.Text != "OFF AIR" || row.Toggle.Text != "Go live" {
		t.Fatalf("relay row before any event: %+v", row)
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "relay", State: "live"})
	if row.Chip.Text.Text != "LIVE" || row.Chip.State() != "live" {
		t.Errorf("chip after live: %q (%s)", row.Chip.Text.Text, row.Chip.State())
	}
	if row.Chip.rect.FillColor != chipColors["live"] {
		t.Error("a live chip is not red")
	}
	if row.Toggle.Text != "Stop" {
		t.Errorf("toggle on a live destination says %q, want Stop", row.Toggle.Text)
	}
	if other := w.Destinations.Row("youtube"); other.Chip.Text.Text != "OFF AIR" {
		t.Errorf("youtube's chip changed with relay's event: %q", other.Chip.Text.Text)
	}

	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "relay", State: "reconnecting",
		Err: errors.New("dial tcp 127.0.0.1:1935: connection refused")})
	if row.Chip.Text.Text != "RECONNECTING" || !strings.Contains(row.Error.Text, "connection refused") {
		t.Errorf("after a failure: chip %q, error %q", row.Chip.Text.Text, row.Error.Text)
	}

	test.Tap(row.Toggle)
	if got := eng.next(t); got != "Stop relay" {
		t.Errorf("tapping Stop on a reconnecting destination: engine got %q", got)
	}
}

func TestGoLiveEverywhereStartsTheOnesOffAir(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "youtube", State: "live"})
	test.Tap(w.Destinations.GoLive)
	if got := eng.next(t); got != "Start relay" {
		t.Errorf("engine got %q, want Start relay", got)
	}
	eng.none(t) // youtube is already live
	// With every destination on air there is nothing left to go live on;
	// with none, nothing to stop.
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "relay", State: "connecting"})
	if !w.Destinations.GoLive.Disabled() || w.Destinations.StopAll.Disabled() {
		t.Errorf("all on air: Go live everywhere disabled %v, Stop all disabled %v", w.Destinations.GoLive.Disabled(), w.Destinations.StopAll.Disabled())
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "relay", State: "stopped"})
	if w.Destinations.GoLive.Disabled() {
		t.Error("Go live everywhere stayed disabled with a destination off air")
	}
	test.Tap(w.Destinations.StopAll)
	if got := eng.next(t); got != "Stop youtube" {
		t.Errorf("engine got %q, want Stop youtube", got)
	}
}

func TestStatsShowBitrateDropsAndTheRecording(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{RecordPath: "/tmp/show.mkv"})
	w.Apply(studio.Event{Kind: studio.EventStarted, Time: time.Now()})
	if w.Destinations.Rec.State() != "rec" {
		t.Errorf("recording chip after start: %s %q", w.Destinations.Rec.State(), w.Destinations.Rec.Text.Text)
	}
	st := output.Status{Name: "youtube", State: output.Live, Dropped: 7}
	st.BitrateKbps = 3480
	w.Apply(studio.Event{Kind: studio.EventStats, Stats: studio.Stats{SkippedFrames: 2, Dropped: 7, Destinations: []output.Status{st}}})
	row := w.Destinations.Row("youtube")
	if row.Bitrate.Text != "3480 kbps" || row.Dropped.Text != "dropped 7" || row.Chip.Text.Text != "LIVE" {
		t.Errorf("youtube after stats: %q %q %q", row.Bitrate.Text, row.Dropped.Text, row.Chip.Text.Text)
	}
	if w.Status.Frames.Text != "dropped 7 · skipped 2" {
		t.Errorf("status bar frames: %q", w.Status.Frames.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", State: "failed", Err: errors.New("disk full")})
	if w.Destinations.Rec.Text.Text != "REC FAILED" || w.Destinations.RecLabel.Text != "disk full" {
		t.Errorf("recording failure shows %q / %q", w.Destinations.Rec.Text.Text, w.Destinations.RecLabel.Text)
	}
}
