package compositor

import (
	"encoding/binary"
	"fmt"
	"image"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Transition kinds.
const (
	Cut  = "cut"
	Fade = "fade"
)

// DefaultFade is the fade length when a fade names none: long enough to read
// as deliberate, short enough that the seller is not left waiting.
const DefaultFade = 300 * time.Millisecond

// Transition is how a layout change goes on air. The zero value is a cut.
type Transition struct {
	Kind     string // "cut" (or "") or "fade"
	Duration time.Duration
}

func (t Transition) normalize() (Transition, error) {
	switch t.Kind {
	case "", Cut:
		return Transition{Kind: Cut}, nil
	case Fade:
		if t.Duration < 0 {
			return t, fmt.Errorf("%w: fade of %v", ErrBadTransition, t.Duration)
		}
		if t.Duration == 0 {
			t.Duration = DefaultFade
		}
		return t, nil
	}
	return t, fmt.Errorf("%w: kind %q (want cut or fade)", ErrBadTransition, t.Kind)
}

// fade is a crossfade in progress. Progress counts composed frames rather
// than wall time, so a fade looks the same in a recording whatever the
// machine's load was, and tests are exact.
type fade struct {
	from  *media.Frame // frozen: the fade holds a reference to it
	total int          // frames the fade lasts; frame total is all new
	done  int
}

// newFade starts a fade from last, or returns no fade for a cut, for a fade
// shorter than two frames, or when nothing has been composed yet.
func newFade(t Transition, last *media.Frame, fps int) fade {
	if t.Kind != Fade || last == nil || last.Img == nil {
		return fade{}
	}
	total := int((t.Duration*time.Duration(fps) + time.Second/2) / time.Second)
	if total < 2 {
		return fade{}
	}
	return fade{from: last.Retain(), total: total}
}

// stop ends the fade early, letting its picture go.
func (f *fade) stop() {
	f.from.Release()
	*f = fade{}
}

// next advances the fade by one frame and returns the frozen picture, with
// a reference for the caller, and the new picture's weight out of 256; from
// is nil when no blend is needed.
func (f *fade) next() (from *media.Frame, alpha int) {
	if f.from == nil {
		return nil, 256
	}
	f.done++
	if f.done >= f.total {
		f.stop()
		return nil, 256
	}
	return f.from.Retain(), f.done * 256 / f.total
}

// crossfade sets dst = dst*alpha + from*(256-alpha), over /256, on all three
// planes. Both are whole canvas pictures of the same size.
func crossfade(dst, from *image.YCbCr, alpha int) {
	dy, dcb, dcr := yuvPlanes(dst, dst.Rect)
	fy, fcb, fcr := yuvPlanes(from, from.Rect)
	mixPlane(dy, fy, alpha)
	mixPlane(dcb, fcb, alpha)
	mixPlane(dcr, fcr, alpha)
}

// mixPlane blends eight bytes at a time: each byte sits in a 16-bit lane,
// where n*a + o*(256-a) + 128 is at most 65408 and cannot carry into the
// next lane.
func mixPlane(dst, from plane, alpha int) {
	a, b := uint64(alpha), uint64(256-alpha)
	const half = 0x0080008000800080
	for y := range dst.h {
		d, o := dst.row(y), from.row(y)
		o = o[:len(d)]
		x := 0
		for ; x+8 <= len(d); x += 8 {
			n := binary.LittleEndian.Uint64(d[x:])
			p := binary.LittleEndian.Uint64(o[x:])
			even := (n&lowBytes*a + p&lowBytes*b + half) >> 8 & lowBytes
			odd := (n>>8&lowBytes*a + p>>8&lowBytes*b + half) &^ lowBytes
			binary.LittleEndian.PutUint64(d[x:], even|odd)
		}
		for ; x < len(d); x++ {
			d[x] = byte((int(d[x])*alpha + int(o[x])*(256-alpha) + 128) >> 8)
		}
	}
}
