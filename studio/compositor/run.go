package compositor

import (
	"context"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Run composes a frame every 1/FPS seconds and hands it to out, until ctx is
// done; it then returns nil (the program never fails on its own).
//
// Frame n is due at start + n/FPS, start being the next tick of the shared
// pacing grid (media.PaceStart), and carries PTS n/FPS computed from n, so
// PTS never drifts and a 10 s run at 30 fps yields 300 frames. Deadlines are
// absolute, so a late wake-up is made up on the next frame rather than
// pushing every later frame back. When out is slow and a frame's slot has
// passed entirely, that slot is skipped, not burst through afterwards, and
// counted in Stats().Skipped; the next PTS then jumps ahead with the wall
// clock, which keeps the picture in step with the sound.
//
// out runs on Run's goroutine and owns the frame's reference: it may keep
// the frame, and calls Release once done with it so the canvas can reuse
// the buffer (see Compose).
func (c *Canvas) Run(ctx context.Context, out func(*media.Frame)) error {
	// Frame 0 falls on the next tick of the shared pacing grid (at most a
	// frame away), where file sources at this rate have just put out their
	// pictures: one burst of work a frame.
	return c.RunFrom(ctx, media.PaceStart(time.Now(), float64(c.FPS)), out)
}

// RunFrom is Run with frame 0 (PTS 0) due at start, for a program whose
// sound is timed from the same instant. start should be a tick of the
// pacing grid at the canvas's rate (see media.PaceStart).
func (c *Canvas) RunFrom(ctx context.Context, start time.Time, out func(*media.Frame)) error {
	if !c.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer c.running.Store(false)

	fps := time.Duration(c.FPS)
	due := func(n int64) time.Duration { return time.Duration(n) * time.Second / fps }
	timer := time.NewTimer(time.Until(start))
	defer timer.Stop()

	var n int64
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		}
		if ctx.Err() != nil { // both ready: stopping wins
			return nil
		}
		out(c.Compose(due(n)))
		c.frames.Add(1)
		n++
		elapsed := time.Since(start)
		if elapsed >= due(n+1) {
			// Slot n is over before it could start: jump to the slot the
			// clock is in now, or to the next one when most of this one
			// has gone, so a late frame does not come out just before its
			// successor as a burst.
			now := int64(elapsed * fps / time.Second)
			if elapsed-due(now) > due(1)/2 {
				now++
			}
			c.skipped.Add(now - n)
			n = now
		}
		timer.Reset(due(n) - elapsed)
	}
}

// Stats counts the frames Run delivered and the ticks it skipped because the
// callback was still busy when they came due.
type Stats struct {
	Frames  int64
	Skipped int64
}

// Stats returns Run's counters so far.
func (c *Canvas) Stats() Stats {
	return Stats{Frames: c.frames.Load(), Skipped: c.skipped.Load()}
}
