package compositor

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
	"time"
)

// noise is a camera-sized picture with content, so nothing is faster for
// being flat.
func noise(w, h int) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(7, 8))
	for _, p := range [][]byte{img.Y, img.Cb, img.Cr} {
		for i := range p {
			p[i] = byte(rng.IntN(256))
		}
	}
	return img
}

func benchCanvas(b *testing.B, srcW, srcH int, l Layout) *Canvas {
	b.Helper()
	c := newCanvas(b, 1280, 720)
	for i, id := range []string{"a", "b", "c", "d"} {
		img := noise(srcW, srcH)
		img.Y[i] = 0 // distinct pictures
		c.AddSource(id, new(fakeVideo).show(img))
	}
	mustLayout(b, c, l, Transition{})
	return c
}

func benchCompose(b *testing.B, c *Canvas) {
	b.ReportAllocs()
	b.SetBytes(int64(c.Size.W * c.Size.H * 3 / 2))
	var pts time.Duration
	for b.Loop() {
		c.Compose(pts).Release() // as the engine does once the encoder has copied it
		pts += time.Second / 30
	}
}

// A full-size main picture plus a quarter-size inset, both from 720p
// cameras: the show's common case.
func BenchmarkComposePiP720p(b *testing.B) {
	benchCompose(b, benchCanvas(b, 1280, 720, Layout{Kind: PiP, Sources: []string{"a", "b"}}))
}

// The PiP of `make bench`: an inset 0.3 of the width (384x216 from 720p),
// which takes the general filter after one halving.
func BenchmarkComposePiP030(b *testing.B) {
	benchCompose(b, benchCanvas(b, 1280, 720, Layout{Kind: PiP, Sources: []string{"a", "b"}, PiP: PiPConfig{Scale: 0.3}}))
}

// Four 720p cameras, each halved into a quarter.
func BenchmarkComposeGrid720p(b *testing.B) {
	benchCompose(b, benchCanvas(b, 1280, 720, Layout{Kind: Grid, Sources: []string{"a", "b", "c", "d"}}))
}

// 1080p cameras take the general box filter (1.5:1 and 6:1) rather than the
// exact-ratio fast paths.
func BenchmarkComposePiP1080pSources(b *testing.B) {
	benchCompose(b, benchCanvas(b, 1920, 1080, Layout{Kind: PiP, Sources: []string{"a", "b"}}))
}

// A 4:3 webcam letterboxed and upscaled to 720p (bilinear path).
func BenchmarkComposeSingle480pUpscale(b *testing.B) {
	benchCompose(b, benchCanvas(b, 640, 480, Layout{Kind: Single, Sources: []string{"a"}}))
}

// PiP with a product card and a lower third on top, mid-crossfade: the
// busiest frame a show makes.
func BenchmarkComposePiPLayersFade720p(b *testing.B) {
	c := benchCanvas(b, 1280, 720, Layout{Kind: PiP, Sources: []string{"a", "b"}})
	card := rgba(360, 480, color.RGBA{200, 30, 30, 200})
	c.AddLayer("card", 1).SetImage(card, image.Pt(40, 120))
	c.AddLayer("lower third", 2).SetImage(rgba(1280, 120, color.RGBA{0, 0, 0, 160}), image.Pt(0, 600))
	c.Compose(0)
	b.ReportAllocs()
	b.SetBytes(int64(c.Size.W * c.Size.H * 3 / 2))
	for b.Loop() {
		// Keep a fade running every frame.
		if err := c.SetLayout(Layout{Kind: PiP, Sources: []string{"b", "a"}}, Transition{Kind: Fade, Duration: time.Second}); err != nil {
			b.Fatal(err)
		}
		c.Compose(0)
	}
}

func BenchmarkMix1024Frames(b *testing.B) {
	m := NewMixer()
	m.Add("mic", &tone{freq: 440, amp: 0.5})
	m.Add("music", &tone{freq: 1000, amp: 0.5})
	b.ReportAllocs()
	for b.Loop() {
		m.Mix(1024, 0)
	}
}
