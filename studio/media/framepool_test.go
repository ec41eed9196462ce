package media

import (
	"runtime"
	"sync"
	"testing"
)

func TestFramePoolReusesReleasedFrames(t *testing.T) {
	p := NewFramePool(Size{W: 64, H: 36}, 2)
	a := p.Get()
	if got := a.Img.Rect.Size(); got.X != 64 || got.Y != 36 {
		t.Fatalf("frame is %v, want 64x36", got)
	}
	b := p.Get()
	if &a.Img.Y[0] == &b.Img.Y[0] {
		t.Fatal("two frames held at once share pixels")
	}
	a.Release()
	if c := p.Get(); c != a {
		t.Fatal("a released frame was not reused")
	}
}

func TestFrameRetainedIsNotReused(t *testing.T) {
	p := NewFramePool(Size{W: 16, H: 16}, 4)
	f := p.Get()
	f.Retain() // a second holder, such as the canvas keeping its last picture
	f.Release()
	if g := p.Get(); g == f {
		t.Fatal("a frame still held by someone was handed out again")
	}
	f.Release()
	if g := p.Get(); g != f {
		t.Fatal("the frame did not come back after its last holder let go")
	}
}

func TestFramePoolKeepsABoundedNumber(t *testing.T) {
	p := NewFramePool(Size{W: 16, H: 16}, 2)
	var held []*Frame
	for range 5 {
		held = append(held, p.Get())
	}
	for _, f := range held {
		f.Release()
	}
	if n := len(p.idle); n != 2 {
		t.Fatalf("pool keeps %d idle frames, want its bound of 2", n)
	}
}

func TestFrameReleasedTwicePanics(t *testing.T) {
	f := NewFramePool(Size{W: 16, H: 16}, 1).Get()
	f.Release()
	defer func() {
		if recover() == nil {
			t.Fatal("a second Release of the same reference went unnoticed")
		}
	}()
	f.Release()
}

func TestUnpooledFrameIgnoresReferences(t *testing.T) {
	f := NewFrame(16, 16)
	f.Release()
	f.Release() // a frame nobody pools is the collector's: nothing to count
	f.Retain()
	var nilFrame *Frame
	nilFrame.Release()
	if nilFrame.Retain() != nil {
		t.Fatal("Retain of nil returned a frame")
	}
}

// A reader holding the latest frame sees one unchanging picture while the
// producer keeps recycling buffers as fast as it can: the rule every pooled
// source relies on. Run with -race.
func TestLatestNeverChangesAHeldPicture(t *testing.T) {
	p := NewFramePool(Size{W: 32, H: 16}, 3)
	var l Latest
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			f := p.Get()
			Fill(f.Img, uint8(n), uint8(n), uint8(n))
			f.Seq = int64(n)
			l.Store(f)
		}
	}()
	for i := 0; i < 2000; i++ {
		f := l.Load()
		if f == nil {
			runtime.Gosched()
			continue
		}
		want := f.Img.Y[0]
		runtime.Gosched() // let the producer run while we hold it
		for _, plane := range [][]byte{f.Img.Y, f.Img.Cb, f.Img.Cr} {
			for _, v := range plane {
				if v != want {
					t.Fatalf("frame %d changed while held: %d, want %d", f.Seq, v, want)
				}
			}
		}
		f.Release()
	}
	close(stop)
	wg.Wait()
	l.Store(nil)
}
