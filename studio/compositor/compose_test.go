package compositor

import (
	"image"
	"testing"
	"time"
)

// Each source's colour appears exactly where Rects says, for every layout.
func TestComposeColoursFollowRects(t *testing.T) {
	colours := map[string]yuv{"a": blue, "b": red, "c": green, "d": white}
	tests := []struct {
		name   string
		w, h   int
		layout Layout
	}{
		{"single", 1280, 720, Layout{Kind: Single, Sources: []string{"a"}}},
		{"pip", 1280, 720, Layout{Kind: PiP, Sources: []string{"a", "b"}}},
		{"pip top-left portrait", 720, 1280, Layout{Kind: PiP, Sources: []string{"a", "b"}, PiP: PiPConfig{Corner: "top-left"}}},
		{"side-by-side", 1280, 720, Layout{Kind: SideBySide, Sources: []string{"a", "b"}}},
		{"side-by-side portrait", 720, 1280, Layout{Kind: SideBySide, Sources: []string{"a", "b"}}},
		{"grid", 1280, 720, Layout{Kind: Grid, Sources: []string{"a", "b", "c", "d"}}},
		{"stack portrait", 720, 1280, Layout{Kind: Stack, Sources: []string{"b", "a"}}},
		{"rail portrait: the band is black", 720, 1280, Layout{Kind: Rail, Sources: []string{"c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanvas(t, tt.w, tt.h)
			for id, col := range colours {
				// Sources share the canvas aspect, so no bars.
				c.AddSource(id, solidSource(tt.w, tt.h, col))
				c.SetView(id, SourceView{Fit: Fill})
			}
			mustLayout(t, c, tt.layout, Transition{})
			img := c.Compose(0).Img
			rects := tt.layout.Rects(c.Size)
			for i, r := range rects {
				want, what := black, "a cell with no source"
				if i < len(tt.layout.Sources) {
					want, what = colours[tt.layout.Sources[i]], tt.layout.Sources[i]
				}
				if tt.layout.Kind == PiP && i == 0 {
					// The main picture is under the inset; check a band
					// the inset never covers.
					r.Max.Y = rects[1].Min.Y
					if r.Empty() {
						r = rects[0]
						r.Min.Y = rects[1].Max.Y
					}
				}
				regionIs(t, img, r, want, 0, what)
			}
		})
	}
}

// A grid of three keeps its quarters and the fourth is black; a source with
// no frame yet is black in its cell, not garbage and not a crash.
func TestComposeEmptyCellsAreBlack(t *testing.T) {
	c := newCanvas(t, 1280, 720)
	c.AddSource("a", solidSource(1280, 720, blue))
	c.AddSource("late", new(fakeVideo)) // no frame yet
	c.AddSource("b", solidSource(1280, 720, red))
	mustLayout(t, c, Layout{Kind: Grid, Sources: []string{"a", "late", "b"}}, Transition{})
	img := c.Compose(0).Img
	regionIs(t, img, image.Rect(0, 0, 640, 360), blue, 0, "cell 1")
	regionIs(t, img, image.Rect(640, 0, 1280, 360), black, 0, "cell 2, no frame yet")
	regionIs(t, img, image.Rect(0, 360, 640, 720), red, 0, "cell 3")
	regionIs(t, img, image.Rect(640, 360, 1280, 720), black, 0, "cell 4, empty")

	// Before any layout, and after a source is removed, the canvas is black.
	fresh := newCanvas(t, 64, 36)
	regionIs(t, fresh.Compose(0).Img, image.Rect(0, 0, 64, 36), black, 0, "no layout")
	c.RemoveSource("a")
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 640, 360), black, 0, "removed source")
}

func TestComposeFit(t *testing.T) {
	tests := []struct {
		name    string
		canvas  image.Point
		src     image.Point
		fit     Fit
		picture image.Rectangle // where the source colour must be
		bars    []image.Rectangle
	}{
		{"4:3 letterboxed in 16:9 has side bars", image.Pt(1280, 720), image.Pt(640, 480), Letterbox,
			image.Rect(160, 0, 1120, 720), []image.Rectangle{image.Rect(0, 0, 160, 720), image.Rect(1120, 0, 1280, 720)}},
		{"default fit is letterbox", image.Pt(1280, 720), image.Pt(640, 480), "",
			image.Rect(160, 0, 1120, 720), []image.Rectangle{image.Rect(0, 0, 160, 720), image.Rect(1120, 0, 1280, 720)}},
		{"16:9 letterboxed in 9:16 has top and bottom bars", image.Pt(720, 1280), image.Pt(1280, 720), Letterbox,
			image.Rect(0, 436, 720, 842), []image.Rectangle{image.Rect(0, 0, 720, 436), image.Rect(0, 842, 720, 1280)}},
		{"4:3 filled in 16:9 has no bars", image.Pt(1280, 720), image.Pt(640, 480), Fill,
			image.Rect(0, 0, 1280, 720), nil},
		{"16:9 filled in 9:16 has no bars", image.Pt(720, 1280), image.Pt(1280, 720), Fill,
			image.Rect(0, 0, 720, 1280), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanvas(t, tt.canvas.X, tt.canvas.Y)
			c.AddSource("cam", solidSource(tt.src.X, tt.src.Y, green))
			c.SetView("cam", SourceView{Fit: tt.fit})
			mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
			img := c.Compose(0).Img
			regionIs(t, img, tt.picture, green, 0, "picture")
			for _, b := range tt.bars {
				regionIs(t, img, b, black, 0, "bar")
			}
		})
	}
}

// Fill keeps the centre: the outer quarters of a wide source's width are
// cut, so a picture striped left|centre|right shows only the centre colour
// at the edges of a square canvas.
func TestComposeFillCropsCentre(t *testing.T) {
	src := solid(1280, 720, red)
	fillRect(src, image.Rect(280, 0, 1000, 720), white.Y, white.Cb, white.Cr) // the middle 720 columns
	c := newCanvas(t, 360, 360)
	c.AddSource("cam", new(fakeVideo).show(src))
	c.SetView("cam", SourceView{Fit: Fill})
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 360, 360), white, 0, "centre crop")
}

func TestComposeCrop(t *testing.T) {
	src := quadrants(1280, 720, red, green, blue, white)
	tests := []struct {
		name string
		crop image.Rectangle
		fit  Fit
		want yuv
	}{
		{"top-right quadrant", image.Rect(640, 0, 1280, 360), Letterbox, green},
		{"bottom-left quadrant", image.Rect(0, 360, 640, 720), Letterbox, blue},
		{"inside bottom-right, filled", image.Rect(700, 400, 1000, 600), Fill, white},
		{"crop past the frame is clipped", image.Rect(640, 360, 5000, 5000), Fill, white},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanvas(t, 640, 360)
			c.AddSource("cam", new(fakeVideo).show(src))
			c.SetView("cam", SourceView{Crop: tt.crop, Fit: tt.fit})
			mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
			regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 640, 360), tt.want, 0, "cropped picture")
		})
	}
}

// Published frames are never reused: the encoder may still hold the first
// when the second is made.
func TestComposeFramesAreFresh(t *testing.T) {
	c := newCanvas(t, 64, 36)
	src := solidSource(64, 36, blue)
	c.AddSource("cam", src)
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	first := c.Compose(0)
	src.show(solid(64, 36, red))
	second := c.Compose(time.Second / 30)
	if &first.Img.Y[0] == &second.Img.Y[0] {
		t.Fatal("two frames share pixels")
	}
	regionIs(t, first.Img, first.Img.Rect, blue, 0, "first frame after the second was made")
	regionIs(t, second.Img, second.Img.Rect, red, 0, "second frame")
	if first.Seq != 0 || second.Seq != 1 || second.PTS != time.Second/30 {
		t.Errorf("seq %d, %d, pts %v", first.Seq, second.Seq, second.PTS)
	}
}

// A still image decoded from a 4:2:2 JPEG still shows in the right colours.
func TestComposeNon420Source(t *testing.T) {
	img := image.NewYCbCr(image.Rect(0, 0, 64, 36), image.YCbCrSubsampleRatio422)
	for i := range img.Y {
		img.Y[i] = red.Y
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = red.Cb, red.Cr
	}
	c := newCanvas(t, 32, 18)
	c.AddSource("still", new(fakeVideo).show(img))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"still"}}, Transition{})
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 32, 18), red, 0, "4:2:2 still")
}

// Layout, view and layer changes from another goroutine while frames are
// composed: run with -race.
func TestComposeConcurrentChanges(t *testing.T) {
	c := newCanvas(t, 320, 180)
	c.AddSource("a", solidSource(320, 180, blue))
	c.AddSource("b", solidSource(640, 480, red))
	l := c.AddLayer("card", 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			c.Compose(time.Duration(i))
		}
	}()
	card := image.NewRGBA(image.Rect(0, 0, 40, 20))
	layouts := []Layout{
		{Kind: PiP, Sources: []string{"a", "b"}},
		{Kind: Grid, Sources: []string{"b", "a"}},
		{Kind: SideBySide, Sources: []string{"a", "b"}},
	}
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
		}
		tr := Transition{}
		if i%2 == 0 {
			tr = Transition{Kind: Fade, Duration: 100 * time.Millisecond}
		}
		if err := c.SetLayout(layouts[i%len(layouts)], tr); err != nil {
			t.Error(err)
		}
		c.SetView("b", SourceView{Fit: Fill, Crop: image.Rect(0, 0, 320+i%100, 240)})
		l.SetImage(card, image.Pt(i%300, 10))
		l.SetOpacity(float64(i%10) / 10)
		l.SetZ(i % 3)
		_ = c.Layout()
	}
}
