package studio

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/show"
)

const smallShow = `
[video]
width = 320
height = 180
fps = 30
bitrate_kbps = 500

[[source]]
id = "a"
kind = "testpattern"
color = "#c81e1e"

[[source]]
id = "b"
kind = "testpattern"
color = "#1e1ec8"

[[source]]
id = "beep"
kind = "tone"

[layout]
kind = "single"
main = "a"
`

func newStudio(t *testing.T, forDur time.Duration) (*Studio, string) {
	t.Helper()
	rec := filepath.Join(t.TempDir(), "show.mkv")
	return testStudio(t, smallShow, Config{RecordPath: rec, For: forDur}), rec
}

// A layout change sent while the show runs reaches the program and is
// announced to subscribers; the show then stops on time, finishes its
// recording and leaves no goroutine behind.
func TestStudioRunsCommandsAndStopsCleanly(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, rec := newStudio(t, 3*time.Second)
	events, stop := s.Subscribe()
	defer stop()
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()

	waitFor(t, events, EventStarted)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.SetMain(ctx, "b", "cut"); err != nil {
		t.Fatalf("SetMain: %v", err)
	}
	if e := waitFor(t, events, EventLayout); e.State != "[b]" {
		t.Errorf("layout event says %q, want [b]", e.State)
	}
	if err := s.SetLayout(ctx, show.Layout{Kind: "pip", Main: "a", Inset: "nope"}, "cut"); !errors.Is(err, ErrBadInput) {
		t.Errorf("a layout naming an unknown source gave %v, want ErrBadInput", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	st := s.Stats()
	// 3 s at 30 fps is 90 ticks of the program clock; on a machine busy
	// with other work the encoder may fall behind and a few ticks are
	// skipped (counted), which is the clock's business, not a lost show.
	if ticks := st.Frames + st.SkippedFrames; ticks < 85 || ticks > 95 || st.Frames < 60 || st.Dropped != 0 || st.AudioPackets == 0 {
		t.Errorf("stats %+v: want about 90 ticks, most of them frames, audio, nothing dropped", st)
	}
	p := mediatest.FFprobe(t, rec)
	if d := p.Duration(); d < 2.8 || d > 3.2 {
		t.Errorf("recording lasts %.2f s, want 3", d)
	}
}

// Cancelling the context (Ctrl-C) ends the show and still finishes the file.
func TestStudioCancelFinishesRecording(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, rec := newStudio(t, 0)
	events, stop := s.Subscribe()
	defer stop()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	waitFor(t, events, EventStarted)
	waitFor(t, events, EventStats) // at least a second of program
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
	if d := mediatest.FFprobe(t, rec).Duration(); d < 0.9 {
		t.Errorf("recording lasts %.2f s, want the second that ran", d)
	}
}

func waitFor(t *testing.T, events <-chan Event, kind EventKind) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind == kind {
				return e
			}
		case <-deadline:
			t.Fatalf("no %s event within 10 s", kind)
		}
	}
}
