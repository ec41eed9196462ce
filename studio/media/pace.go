package media

import (
	"math"
	"time"
)

// Pacing grid. Every loop that wakes once a frame against the wall clock
// (each file source, each canvas, the sound mixer) starts on one shared
// grid: at rate fps its wake-ups fall at paceEpoch + k s/fps. Loops at the
// same rate (or one a multiple of the other) then wake together, so the
// process does its per-frame work in one burst instead of several, which
// saves the scheduler and kernel work of each separate wake-up (thread
// hand-offs, and the Go runtime's monitor polling every 20 µs after each
// burst of cgo calls). It also keeps a source's frames falling just before
// the canvas's tick rather than at a phase that drifts against it.
var paceEpoch = time.Now()

// PaceStart returns the first tick of the fps grid at or after t; t itself
// when fps is not positive.
func PaceStart(t time.Time, fps float64) time.Time {
	if fps <= 0 || math.IsInf(fps, 0) || math.IsNaN(fps) {
		return t
	}
	period := float64(time.Second) / fps
	k := math.Ceil(float64(t.Sub(paceEpoch)) / period)
	return paceEpoch.Add(time.Duration(k * period))
}
