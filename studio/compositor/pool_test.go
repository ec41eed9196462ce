package compositor

import (
	"context"
	"image"
	"runtime"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// pooledVideo is a source that recycles its frames, as the file and test
// pattern sources do.
type pooledVideo struct {
	pool   *media.FramePool
	latest media.Latest
}

func newPooledVideo(w, h int) *pooledVideo {
	return &pooledVideo{pool: media.NewFramePool(media.Size{W: w, H: h}, 2)}
}

func (p *pooledVideo) Info() media.Info              { return media.Info{ID: "pooled", HasVideo: true} }
func (p *pooledVideo) Initialize() error             { return nil }
func (p *pooledVideo) Run(ctx context.Context) error { <-ctx.Done(); return nil }
func (p *pooledVideo) Close() error                  { return nil }
func (p *pooledVideo) LatestFrame() *media.Frame     { return p.latest.Load() }

func (p *pooledVideo) publish(c yuv) *media.Frame {
	f := p.pool.Get()
	media.Fill(f.Img, c.Y, c.Cb, c.Cr)
	p.latest.Store(f)
	return f
}

// A program frame the encoder still holds keeps its picture however many
// frames the canvas composes after it.
func TestHeldProgramFrameDoesNotChange(t *testing.T) {
	c := newCanvas(t, 64, 36)
	src := solidSource(64, 36, red)
	c.AddSource("cam", src)
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	held := c.Compose(0)
	src.show(solid(64, 36, blue))
	for i := range 20 {
		f := c.Compose(time.Duration(i+1) * time.Second / 30)
		regionIs(t, f.Img, f.Img.Rect, blue, 0, "a later frame")
		f.Release()
	}
	regionIs(t, held.Img, held.Img.Rect, red, 0, "the held frame")
	held.Release()
}

// Composing and releasing frames, as the engine does, reuses their memory
// instead of allocating a new picture every frame.
func TestComposeReusesReleasedFrames(t *testing.T) {
	c := newCanvas(t, 1280, 720)
	c.AddSource("cam", solidSource(1280, 720, green))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	for range 3 {
		c.Compose(0).Release()
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range 60 {
		c.Compose(time.Duration(i) * time.Second / 30).Release()
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1280*720 {
		t.Fatalf("60 frames allocated %d bytes: pictures are not being reused", n)
	}
}

// Compose hands a pooled source's frame back once it has drawn it, so the
// source can recycle it as soon as a newer one replaces it.
func TestComposeReleasesSourceFrames(t *testing.T) {
	c := newCanvas(t, 64, 36)
	src := newPooledVideo(64, 36)
	c.AddSource("cam", src)
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	first := src.publish(red)
	f := c.Compose(0)
	regionIs(t, f.Img, f.Img.Rect, red, 0, "program")
	f.Release()
	src.publish(blue)
	if got := src.pool.Get(); got != first {
		t.Fatal("the replaced source frame did not go back to its pool: Compose kept a reference")
	}
}

// A fade keeps its frozen picture while the frames around it are recycled.
func TestFadeSurvivesRecycling(t *testing.T) {
	c := newCanvas(t, 128, 72)
	c.AddSource("red", solidSource(128, 72, red))
	c.AddSource("blue", solidSource(128, 72, blue))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"red"}}, Transition{})
	for range 3 {
		c.Compose(0).Release()
	}
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"blue"}}, Transition{Kind: Fade, Duration: 300 * time.Millisecond})
	prev := red
	for i := range 8 { // nine frames at 30 fps; the ninth is all blue
		f := c.Compose(0)
		got := at(f.Img, 64, 36)
		if !between(got, red, blue) || got.Cb < prev.Cb {
			t.Fatalf("fade frame %d is %v after %v: not moving from red to blue", i+1, got, prev)
		}
		regionIs(t, f.Img, image.Rect(0, 0, 128, 72), got, 0, "a fade frame")
		prev = got
		f.Release()
	}
	f := c.Compose(0)
	regionIs(t, f.Img, f.Img.Rect, blue, 0, "after the fade")
	f.Release()
}
