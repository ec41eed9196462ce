package media

import (
	"math"
	"testing"
	"time"
)

// Loops that start at different moments at the same rate (or at a
// multiple of it) wake on the same ticks, a frame apart at most from when
// they asked to start.
func TestPaceStartSharesTicks(t *testing.T) {
	now := time.Now()
	a := PaceStart(now, 30)
	b := PaceStart(now.Add(7*time.Millisecond), 30)
	c := PaceStart(now.Add(3*time.Millisecond), 60)
	for _, s := range []time.Time{a, b, c} {
		if s.Before(now) || s.Sub(now) > 45*time.Millisecond {
			t.Fatalf("start %v is %v from the request, want within a frame after it", s, s.Sub(now))
		}
	}
	// b's and c's ticks fall on a's grid: whole numbers of 1/30 s or
	// 1/60 s apart, to the nanosecond rounding of the grid.
	onGrid := func(d time.Duration, fps float64) bool {
		period := float64(time.Second) / fps
		k := math.Round(float64(d) / period)
		return math.Abs(float64(d)-k*period) <= 2
	}
	if d := b.Sub(a); !onGrid(d, 30) {
		t.Errorf("30 fps starts %v apart: not on one grid", d)
	}
	if d := c.Sub(a); !onGrid(d, 60) {
		t.Errorf("60 fps start %v from a 30 fps one: not on its grid", d)
	}
	// A start already on a tick stays there; a non-positive rate leaves
	// the time alone.
	if again := PaceStart(a, 30); !again.Equal(a) {
		t.Errorf("PaceStart of a tick moved it by %v", again.Sub(a))
	}
	if got := PaceStart(now, 0); !got.Equal(now) {
		t.Errorf("PaceStart at 0 fps changed the time by %v", got.Sub(now))
	}
}
