package studio

import "time"

// The program clock: each canvas knows the PTS of the frame it is
// composing, whether or not it draws overlays, so what follows the
// program's time (the recordings' chapters) works on every canvas.

// frame runs at the start of every compose with the frame's PTS, before
// the layers are read: the clock moves, then the overlays animate on the
// same time.
func (p *program) frame(pts time.Duration) {
	p.clock.Store(int64(pts))
	if p.overlays != nil {
		p.overlays.frame(pts)
	}
}

// lastPTS is the PTS of the last frame composed (0 before the first): a
// change made now shows from the next frame, at lastPTS + 1/FPS.
func (p *program) lastPTS() time.Duration {
	return time.Duration(p.clock.Load())
}
