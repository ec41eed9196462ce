package media

import (
	"image"
	"sync"
	"sync/atomic"
)

// FramePool recycles the pictures of one producer (a decoder, a test
// pattern, a canvas), so a 720p30 source does not allocate, zero and
// garbage-collect 1.4 MB thirty times a second.
//
// The ownership rule is reference counting on the Frame: Get hands out a
// frame holding one reference, Retain adds one for each extra holder, and
// Release drops one; the last Release puts the buffer back. A frame is
// written only between Get and its publication, never after, so every
// holder sees the same immutable picture. A holder that never calls
// Release is still correct: its frame goes to the garbage collector
// instead of back to the pool, and the pool allocates a new one.
type FramePool struct {
	size Size
	keep int // idle frames kept; more are left to the garbage collector

	mu   sync.Mutex
	idle []*Frame
}

// NewFramePool makes a pool of w x h I420 frames that keeps up to keep idle
// ones. keep bounds the memory a burst of holders can strand in the pool.
func NewFramePool(size Size, keep int) *FramePool {
	return &FramePool{size: size, keep: max(keep, 1)}
}

// Size is the size of the pool's frames.
func (p *FramePool) Size() Size { return p.size }

// Get returns a frame with one reference, the caller's. Its pixels, PTS and
// Seq are left over from an earlier use: the caller overwrites all of them
// before it publishes the frame.
func (p *FramePool) Get() *Frame {
	p.mu.Lock()
	var f *Frame
	if n := len(p.idle); n > 0 {
		f = p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
	}
	p.mu.Unlock()
	if f == nil {
		img := image.NewYCbCr(image.Rect(0, 0, p.size.W, p.size.H), image.YCbCrSubsampleRatio420)
		f = &Frame{Img: img, recycle: p.put, refs: new(atomic.Int32)}
	}
	f.refs.Store(1)
	return f
}

func (p *FramePool) put(f *Frame) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) < p.keep {
		p.idle = append(p.idle, f)
	}
}

// Retain adds a reference for a new holder and returns f, for chaining. It
// is a no-op on a frame that is not counted (not from a pool or
// NewSharedFrame), and on nil.
func (f *Frame) Retain() *Frame {
	if f != nil && f.recycle != nil {
		if f.refs.Add(1) <= 1 {
			panic("media: Retain of a frame already released")
		}
	}
	return f
}

// Release drops the caller's reference; after it the caller must not read
// the frame. The last one returns the buffer to its owner. It is a no-op on
// a frame that is not counted, and on nil.
func (f *Frame) Release() {
	if f == nil || f.recycle == nil {
		return
	}
	switch n := f.refs.Add(-1); {
	case n == 0:
		f.recycle(f)
	case n < 0:
		// Two owners thought they held the same reference: one of them
		// would read a picture being overwritten. Fail loudly.
		panic("media: frame released more times than it was retained")
	}
}

// Latest holds a producer's newest frame for readers on other goroutines:
// the publish-and-read point of a pooled video source.
type Latest struct {
	mu sync.Mutex
	f  *Frame
}

// Store publishes f, handing the holder the caller's reference, and
// releases the frame it replaces.
func (l *Latest) Store(f *Frame) {
	l.mu.Lock()
	old := l.f
	l.f = f
	l.mu.Unlock()
	old.Release()
}

// Load returns the newest frame with a reference for the caller (nil before
// the first). The lock makes taking the reference and the frame's
// replacement one or the other, never interleaved, so a frame is never
// recycled between the read of the pointer and the Retain.
func (l *Latest) Load() *Frame {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Retain()
}
