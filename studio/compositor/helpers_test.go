package compositor

import (
	"context"
	"fmt"
	"image"
	"math"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// yuv is one colour in the program's BT.601 limited-range space.
type yuv struct{ Y, Cb, Cr uint8 }

func (c yuv) String() string { return fmt.Sprintf("yuv(%d,%d,%d)", c.Y, c.Cb, c.Cr) }

var (
	black = yuv{16, 128, 128}
	white = yuv{235, 128, 128}
	red   = yuv{81, 90, 240}
	green = yuv{145, 54, 34}
	blue  = yuv{41, 240, 110}
)

// fakeVideo is a video source whose latest frame the test sets.
type fakeVideo struct {
	id    string
	frame atomic.Pointer[media.Frame]
}

func (f *fakeVideo) Info() media.Info {
	return media.Info{ID: f.id, Kind: media.KindTestPattern, HasVideo: true}
}
func (f *fakeVideo) Initialize() error             { return nil }
func (f *fakeVideo) Run(ctx context.Context) error { <-ctx.Done(); return nil }
func (f *fakeVideo) Close() error                  { return nil }
func (f *fakeVideo) LatestFrame() *media.Frame     { return f.frame.Load() }
func (f *fakeVideo) show(img *image.YCbCr) *fakeVideo {
	f.frame.Store(&media.Frame{Img: img})
	return f
}

// solid returns a w x h I420 picture of one colour.
func solid(w, h int, c yuv) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	media.Fill(img, c.Y, c.Cb, c.Cr)
	return img
}

// quadrants returns a picture whose four quarters are tl, tr, bl, br.
func quadrants(w, h int, tl, tr, bl, br yuv) *image.YCbCr {
	img := solid(w, h, tl)
	fillRect(img, image.Rect(w/2, 0, w, h/2), tr.Y, tr.Cb, tr.Cr)
	fillRect(img, image.Rect(0, h/2, w/2, h), bl.Y, bl.Cb, bl.Cr)
	fillRect(img, image.Rect(w/2, h/2, w, h), br.Y, br.Cb, br.Cr)
	return img
}

func solidSource(w, h int, c yuv) *fakeVideo { return new(fakeVideo).show(solid(w, h, c)) }

func at(img *image.YCbCr, x, y int) yuv {
	yo, co := img.YOffset(x, y), img.COffset(x, y)
	return yuv{img.Y[yo], img.Cb[co], img.Cr[co]}
}

func near(a, b yuv, tol int) bool {
	d := func(p, q uint8) bool { return math.Abs(float64(p)-float64(q)) <= float64(tol) }
	return d(a.Y, b.Y) && d(a.Cb, b.Cb) && d(a.Cr, b.Cr)
}

// between reports whether every component of c lies strictly between a and b.
func between(c, a, b yuv) bool {
	in := func(v, p, q uint8) bool { return min(p, q) < v && v < max(p, q) || p == q && v == p }
	return in(c.Y, a.Y, b.Y) && in(c.Cb, a.Cb, b.Cb) && in(c.Cr, a.Cr, b.Cr)
}

// regionIs checks that every pixel of r is c (within tol), reporting the
// first that is not.
func regionIs(t *testing.T, img *image.YCbCr, r image.Rectangle, c yuv, tol int, what string) {
	t.Helper()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if got := at(img, x, y); !near(got, c, tol) {
				t.Fatalf("%s: pixel (%d,%d) is %v, want %v", what, x, y, got, c)
			}
		}
	}
}

func newCanvas(t testing.TB, w, h int) *Canvas {
	t.Helper()
	c, err := NewCanvas(media.Size{W: w, H: h}, 30)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustLayout(t testing.TB, c *Canvas, l Layout, tr Transition) {
	t.Helper()
	if err := c.SetLayout(l, tr); err != nil {
		t.Fatal(err)
	}
}
