package record

import (
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
)

// AddChapter marks [start, end) of the recording as a chapter titled title,
// the product on air, say. start and end are on the program clock, the PTS
// the packets carry, so the engine passes the time of the pin as it knows
// it and never needs to know when the file began; the muxer rebases them
// on the recording's first keyframe. end <= start leaves the chapter open:
// it ends where the next one starts, or with the recording, so a caller can
// add a chapter on each pin without waiting for the unpin. A chapter with
// the start of an earlier one replaces it: on the unpin, add the pin's
// chapter again with its end.
//
// Chapters reach the file when Close writes its trailer, and only in
// Matroska: an .mp4 recording is fragmented, and FFmpeg 5.1 writes its moov
// with the header, so AddChapter returns encoder.ErrNoChapters there (log it
// once and go on). A recording killed with -9 has no trailer and no
// chapters; the show's events in the store remain the timeline.
//
// AddChapter may run beside Run, from any goroutine; it must not race with
// Initialize or Close, which set and clear the muxer: call it after the one
// and before the other (the engine pins only while the show runs).
func (o *Output) AddChapter(start, end time.Duration, title string) error {
	if o.mux == nil {
		return fmt.Errorf("recording %s: chapter %q: not open: %w", o.Path, title, encoder.ErrClosed)
	}
	if err := o.mux.AddChapter(start, end, title); err != nil {
		return fmt.Errorf("recording %s: chapter %q: %w", o.Path, title, err)
	}
	return nil
}
