package compositor

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

func runFor(t *testing.T, c *Canvas, d time.Duration, out func(*media.Frame)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, out) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil on cancel", err)
		}
	case <-time.After(d + 2*time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// About one second at 30 fps is about 30 frames, stamped n/30 exactly.
func TestRunPacesFramesAndStampsPTS(t *testing.T) {
	c := newCanvas(t, 64, 36)
	c.AddSource("cam", solidSource(64, 36, blue))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	var frames []*media.Frame
	runFor(t, c, time.Second, func(f *media.Frame) { frames = append(frames, f) })

	s := c.Stats()
	if n := len(frames); n < 27 || n > 32 {
		t.Fatalf("%d frames in 1 s at 30 fps, want about 30 (stats %+v)", n, s)
	}
	if s.Frames != int64(len(frames)) {
		t.Errorf("Stats.Frames = %d for %d frames delivered", s.Frames, len(frames))
	}
	// Frame n is stamped n/30 exactly; a slot the scheduler missed (only on
	// a badly overloaded machine) leaves a counted gap rather than drift.
	slot := int64(0)
	for i, f := range frames {
		if i > 0 {
			slot++
			for slot < s.Frames+s.Skipped && time.Duration(slot)*time.Second/30 < f.PTS {
				slot++
			}
		}
		if want := time.Duration(slot) * time.Second / 30; f.PTS != want {
			t.Fatalf("frame %d has PTS %v, want %v", i, f.PTS, want)
		}
		if f.Seq != int64(i) {
			t.Fatalf("frame %d has Seq %d", i, f.Seq)
		}
	}
	if gaps := slot + 1 - int64(len(frames)); gaps != s.Skipped {
		t.Errorf("%d PTS gaps but %d skipped ticks counted", gaps, s.Skipped)
	}
}

// A callback slower than the frame period makes Run skip the missed ticks,
// not burst through them afterwards, and count them; PTS keeps to the
// wall clock (n/30 for the slot each frame was made in).
func TestRunSkipsWhenCallbackIsSlow(t *testing.T) {
	c := newCanvas(t, 64, 36)
	var (
		pts   []time.Duration
		times []time.Time
	)
	runFor(t, c, 700*time.Millisecond, func(f *media.Frame) {
		pts = append(pts, f.PTS)
		times = append(times, time.Now())
		if len(pts) <= 3 {
			time.Sleep(100 * time.Millisecond) // three slow frames: ~3 ticks missed each
		}
	})
	s := c.Stats()
	if s.Skipped < 6 {
		t.Fatalf("Skipped = %d after three 100 ms callbacks at 30 fps, want at least 6", s.Skipped)
	}
	if s.Frames != int64(len(pts)) {
		t.Fatalf("Stats.Frames = %d, delivered %d", s.Frames, len(pts))
	}
	// Frames plus skipped slots account for the time that passed.
	if total := s.Frames + s.Skipped; total < 18 || total > 23 {
		t.Errorf("frames %d + skipped %d = %d slots in 0.7 s, want about 21", s.Frames, s.Skipped, total)
	}
	for i, p := range pts {
		n := (p*30 + time.Second/2) / time.Second
		if n*time.Second/30 != p {
			t.Fatalf("PTS %v is not n/30 s", p)
		}
		if i > 0 && p <= pts[i-1] {
			t.Fatalf("PTS went from %v to %v", pts[i-1], p)
		}
	}
	// No burst: after the slow frames, frames still come about 33 ms apart.
	for i := 4; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 15*time.Millisecond {
			t.Fatalf("frames %d and %d came %v apart: a burst", i-1, i, gap)
		}
	}
}

func TestRunTwiceIsAnError(t *testing.T) {
	c := newCanvas(t, 64, 36)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, func(*media.Frame) { once.Do(func() { close(started) }) }) }()
	<-started
	if err := c.Run(ctx, func(*media.Frame) {}); !errors.Is(err, ErrRunning) {
		t.Errorf("second Run = %v, want ErrRunning", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
}

// A cancelled context stops Run promptly even between frames at 1 fps.
func TestRunReturnsOnCancel(t *testing.T) {
	c, err := NewCanvas(media.Size{W: 64, H: 36}, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() {
		done <- c.Run(ctx, func(*media.Frame) {
			select {
			case first <- struct{}{}:
			default:
			}
		})
	}()
	<-first
	start := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("Run took %v to return after cancel", d)
	}
}
