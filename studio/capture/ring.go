package capture

import "sync"

// ring is the microphone's buffer between the device's callback pace and
// the mixer's pull pace. It holds whole stereo frames and, when the mixer
// falls behind (or the device clock runs fast), drops the oldest audio and
// counts it: a short skip is better than latency that grows all show long.
type ring struct {
	mu      sync.Mutex
	buf     []float32 // capacity * Channels samples
	start   int       // index of the oldest frame
	n       int       // frames held
	dropped int64     // frames thrown away because the ring was full
}

const ringChannels = 2

func newRing(frames int) *ring {
	return &ring{buf: make([]float32, frames*ringChannels)}
}

func (r *ring) capacity() int { return len(r.buf) / ringChannels }

// write appends interleaved stereo samples, overwriting the oldest frames
// when there is no room.
func (r *ring) write(samples []float32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	frames := len(samples) / ringChannels
	capFrames := r.capacity()
	if frames > capFrames { // only the newest capacity frames can survive
		r.dropped += int64(frames - capFrames)
		samples = samples[(frames-capFrames)*ringChannels:]
		frames = capFrames
	}
	if over := r.n + frames - capFrames; over > 0 {
		r.start = (r.start + over) % capFrames
		r.n -= over
		r.dropped += int64(over)
	}
	end := (r.start + r.n) % capFrames
	k := copy(r.buf[end*ringChannels:], samples)
	copy(r.buf, samples[k:])
	r.n += frames
}

// read moves up to len(dst)/2 frames into dst and returns how many.
func (r *ring) read(dst []float32) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	frames := min(len(dst)/ringChannels, r.n)
	capFrames := r.capacity()
	first := min(frames, capFrames-r.start)
	copy(dst, r.buf[r.start*ringChannels:(r.start+first)*ringChannels])
	copy(dst[first*ringChannels:], r.buf[:(frames-first)*ringChannels])
	r.start = (r.start + frames) % capFrames
	r.n -= frames
	return frames
}

// reset empties the ring, so audio from before a device loss is not played
// after it.
func (r *ring) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.start, r.n = 0, 0
}

// droppedFrames reports how many frames were thrown away so far.
func (r *ring) droppedFrames() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped
}
