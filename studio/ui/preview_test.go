package ui

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio/media"
)

// i420 is a frame of one colour, given in BT.601 limited-range YCbCr.
func i420(w, h int, y, cb, cr uint8) *media.Frame {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = y
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = cb, cr
	}
	return &media.Frame{Img: img}
}

func TestPreviewShowsEachFrame(t *testing.T) {
	test.NewTempApp(t)
	eng := newFakeEngine()
	p := NewPreviewPane(eng, media.Size{W: 64, H: 36})
	shown := make(chan struct{}, 8)
	p.onShown = func(int64) { shown <- struct{}{} }
	p.Start()
	t.Cleanup(p.Stop)
	// Limited-range white, then the test pattern's blue, as the engine
	// converts them.
	frames := []color.RGBA{{255, 255, 255, 255}, {0x1e, 0x5a, 0xa0, 255}, {0xe0, 0x40, 0x10, 255}}
	for i, want := range frames {
		y, cb, cr := media.RGBToYCbCr(want.R, want.G, want.B)
		eng.preview <- i420(64, 36, y, cb, cr)
		select {
		case <-shown:
		case <-time.After(5 * time.Second):
			t.Fatalf("frame %d never shown", i)
		}
		got := p.Image.Image.(*image.RGBA).RGBAAt(10, 10)
		if !near(got, want, 3) {
			t.Errorf("frame %d shows %v, want about %v", i, got, want)
		}
	}
	if p.Shown() != 3 {
		t.Errorf("%d frames shown, want 3", p.Shown())
	}
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && a.A == b.A
}

func BenchmarkYUVToRGBA640x360(b *testing.B) {
	src := i420(640, 360, 120, 100, 150).Img
	dst := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for b.Loop() {
		yuvToRGBA(dst, src)
	}
}
