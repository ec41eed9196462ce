package probe

import (
	"fmt"
	"image"
	"math"
	"slices"
	"time"

	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/media"
)

// Result is what one probe measured.
type Result struct {
	// Frames is how many pictures were decoded in the measuring window.
	Frames int
	// Unreadable is how many of them had no readable timecode strip.
	Unreadable int
	// Skipped is how many access units were dropped undecoded after
	// packet loss, while waiting for the next keyframe.
	Skipped int
	// Size is the decoded picture size.
	Size media.Size
	// Latency percentiles over the pictures with a readable strip:
	// the clock when the picture was decoded minus the capture time in its
	// strip. Both clocks are this machine's, so the publisher must run here
	// (or on a machine whose clock is synchronised with it).
	P50, P95, P99, Min, Max time.Duration
}

// String is the one line `vitrina probe` prints.
func (r Result) String() string {
	return fmt.Sprintf("frames=%d unreadable=%d skipped=%d p50=%s p95=%s p99=%s (glass-to-glass, %dx%d)",
		r.Frames, r.Unreadable, r.Skipped, ms(r.P50), ms(r.P95), ms(r.P99), r.Size.W, r.Size.H)
}

func ms(d time.Duration) string { return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds()) }

// summarize fills in the percentiles from the latency samples.
func (r *Result) summarize(samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	r.P50, r.P95, r.P99 = percentile(s, 50), percentile(s, 95), percentile(s, 99)
	r.Min, r.Max = s[0], s[len(s)-1]
}

// percentile is the nearest-rank percentile of sorted samples: the smallest
// sample that p percent of them are at or below.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// stripReader finds the test pattern's timecode strip in decoded pictures.
// The strip spans the top of the source, so in a program whose layout
// shows one test pattern full frame it spans the top of the picture. Its
// height depends on the source's size, which the probe does not know when
// the program was scaled from another size: it tries the heights a source
// of the picture's own size and the usual camera sizes would give, and
// keeps the one that read last.
type stripReader struct {
	last image.Rectangle
}

// commonSources are the source sizes tried besides the picture's own.
var commonSources = []media.Size{{W: 1280, H: 720}, {W: 1920, H: 1080}, {W: 640, H: 360}, {W: 3840, H: 2160}}

func (s *stripReader) read(img *image.YCbCr) (ms int64, err error) {
	size := media.Size{W: img.Rect.Dx(), H: img.Rect.Dy()}
	if !s.last.Empty() && s.last.Max.X == size.W {
		if ms, _, err = capture.ReadTimecode(img, s.last); err == nil {
			return ms, nil
		}
	}
	for _, r := range stripRects(size) {
		if r == s.last {
			continue
		}
		if v, _, e := capture.ReadTimecode(img, r); e == nil {
			s.last = r
			return v, nil
		} else if err == nil {
			err = e
		}
	}
	return 0, err
}

// stripRects lists where the strip may be in a picture of size: its own
// strip first, then those of common sources scaled to it.
func stripRects(size media.Size) []image.Rectangle {
	out := []image.Rectangle{capture.TimecodeRect(size)}
	for _, src := range commonSources {
		h := capture.TimecodeRect(src).Dy() * size.H / src.H
		r := image.Rect(0, 0, size.W, h)
		if h >= 2 && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
