package ui

import (
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
)

// The relay's viewer count, as the engine's viewers event, reaches the
// status bar through the window's event loop.
func TestStatusBarFollowsTheViewerCount(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	if got := w.Status.Viewers.Text; got != "viewers —" {
		t.Errorf("before any count the status bar says %q, want \"viewers —\"", got)
	}
	w.Start()
	t.Cleanup(w.Stop)
	eng.events <- studio.Event{Kind: studio.EventViewers, State: "1234", Viewers: 1234, Time: time.Now()}
	// Once the loop has taken the event, stopping it waits for the event to
	// be applied (fyne's test driver applies it on the loop's goroutine).
	deadline := time.Now().Add(10 * time.Second)
	for len(eng.events) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the window's event loop never took the viewers event")
		}
		time.Sleep(5 * time.Millisecond)
	}
	w.Stop()
	if got := w.Status.Viewers.Text; got != "viewers 1234" {
		t.Errorf("after a count of 1234 the status bar says %q", got)
	}
	// A later count replaces it, zero included.
	w.Apply(studio.Event{Kind: studio.EventViewers, State: "0", Viewers: 0})
	if got := w.Status.Viewers.Text; got != "viewers 0" {
		t.Errorf("after a count of 0 the status bar says %q", got)
	}
}
