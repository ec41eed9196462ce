package compositor

import (
	"image"
	"image/color"
	"testing"
)

// rgba returns a w x h picture of one premultiplied colour.
func rgba(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

var (
	opaqueRed   = color.RGBA{255, 0, 0, 255}
	opaqueGreen = color.RGBA{0, 255, 0, 255}
	halfRed     = color.RGBA{128, 0, 0, 128} // premultiplied: red at 50%
)

// blueCanvas is a 320x180 canvas showing a blue source.
func blueCanvas(t *testing.T) *Canvas {
	t.Helper()
	c := newCanvas(t, 320, 180)
	c.AddSource("cam", solidSource(320, 180, blue))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"cam"}}, Transition{})
	return c
}

func mix(a, b yuv) yuv {
	return yuv{byte((int(a.Y) + int(b.Y) + 1) / 2), byte((int(a.Cb) + int(b.Cb) + 1) / 2), byte((int(a.Cr) + int(b.Cr) + 1) / 2)}
}

// Opaque RGB converts to the BT.601 limited-range colours the encoder tags.
func TestLayerColours(t *testing.T) {
	for _, tc := range []struct {
		in   color.RGBA
		want yuv
	}{
		{opaqueRed, red}, {opaqueGreen, green}, {color.RGBA{0, 0, 255, 255}, blue},
		{color.RGBA{255, 255, 255, 255}, white}, {color.RGBA{0, 0, 0, 255}, black},
	} {
		c := blueCanvas(t)
		c.AddLayer("card", 0).SetImage(rgba(20, 20, tc.in), image.Pt(0, 0))
		if got := at(c.Compose(0).Img, 10, 10); got != tc.want {
			t.Errorf("%v drawn as %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestLayerBlend(t *testing.T) {
	rect := image.Rect(100, 40, 200, 100)
	tests := []struct {
		name    string
		colour  color.RGBA
		opacity float64
		want    yuv
	}{
		{"half-transparent red", halfRed, 1, mix(red, blue)},
		{"opaque red at half opacity", opaqueRed, 0.5, mix(red, blue)},
		{"opaque red", opaqueRed, 1, red},
		{"clear", color.RGBA{}, 1, blue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := blueCanvas(t)
			l := c.AddLayer("card", 0)
			l.SetImage(rgba(rect.Dx(), rect.Dy(), tt.colour), rect.Min)
			l.SetOpacity(tt.opacity)
			img := c.Compose(0).Img
			regionIs(t, img, rect, tt.want, 2, "inside the layer")
			// Outside the rectangle nothing changes, to the last bit.
			for _, out := range []image.Rectangle{
				image.Rect(0, 0, 320, rect.Min.Y), image.Rect(0, rect.Max.Y, 320, 180),
				image.Rect(0, rect.Min.Y, rect.Min.X, rect.Max.Y), image.Rect(rect.Max.X, rect.Min.Y, 320, rect.Max.Y),
			} {
				regionIs(t, img, out, blue, 0, "outside the layer")
			}
		})
	}
}

func TestLayerZOrder(t *testing.T) {
	c := blueCanvas(t)
	r := c.AddLayer("red", 2)
	g := c.AddLayer("green", 1)
	r.SetImage(rgba(40, 40, opaqueRed), image.Pt(0, 0))
	g.SetImage(rgba(40, 40, opaqueGreen), image.Pt(20, 20)) // overlaps (20..40, 20..40)
	if got := at(c.Compose(0).Img, 30, 30); got != red {
		t.Fatalf("overlap is %v, want red (z 2 over z 1)", got)
	}
	g.SetZ(3)
	if got := at(c.Compose(0).Img, 30, 30); got != green {
		t.Fatalf("after SetZ overlap is %v, want green", got)
	}
	// Equal z: the layer added later is on top.
	g.SetZ(2)
	if got := at(c.Compose(0).Img, 30, 30); got != green {
		t.Fatalf("equal z overlap is %v, want green (added later)", got)
	}
	g.SetVisible(false)
	if got := at(c.Compose(0).Img, 30, 30); got != red {
		t.Fatalf("with green hidden overlap is %v, want red", got)
	}
	c.RemoveLayer(r)
	if got := at(c.Compose(0).Img, 30, 30); got != blue {
		t.Fatalf("with red removed and green hidden the pixel is %v, want blue", got)
	}
}

// The RGBA picture is converted once per SetImage, not per frame; moving
// and fading the layer reuse the conversion; per-frame work is the layer's
// rectangle clipped to the canvas, not the canvas.
func TestLayerConvertsOnceAndWorksInsideItsRect(t *testing.T) {
	c := blueCanvas(t)
	l := c.AddLayer("countdown", 0)
	l.SetImage(rgba(60, 30, halfRed), image.Pt(10, 10))
	for range 5 {
		before := c.blendedPixels.Load()
		c.Compose(0)
		if got := c.blendedPixels.Load() - before; got != 60*30 {
			t.Fatalf("a frame blended %d pixels, want the layer's %d", got, 60*30)
		}
	}
	l.Move(image.Pt(300, 170)) // mostly off the canvas: 20x10 left on it
	l.SetOpacity(0.7)
	before := c.blendedPixels.Load()
	img := c.Compose(0).Img
	if got := c.blendedPixels.Load() - before; got != 20*10 {
		t.Fatalf("a clipped layer blended %d pixels, want 200", got)
	}
	if got := at(img, 305, 175); !between(got, blue, red) {
		t.Fatalf("the on-canvas corner of the moved layer is %v", got)
	}
	c.mu.Lock()
	conversions := l.conversions
	c.mu.Unlock()
	if conversions != 1 {
		t.Fatalf("%d conversions for one SetImage and seven frames, want 1", conversions)
	}
	l.SetImage(rgba(60, 30, opaqueGreen), image.Pt(0, 0))
	c.Compose(0)
	c.mu.Lock()
	conversions = l.conversions
	c.mu.Unlock()
	if conversions != 2 {
		t.Fatalf("%d conversions after a second SetImage, want 2", conversions)
	}
}

// Odd sizes, odd positions and sub-images are drawn where they belong
// (positions round down to even), and nil clears the layer.
func TestLayerOddGeometry(t *testing.T) {
	c := blueCanvas(t)
	l := c.AddLayer("tag", 0)
	big := rgba(50, 50, opaqueRed)
	l.SetImage(big.SubImage(image.Rect(5, 5, 16, 12)).(*image.RGBA), image.Pt(31, 21)) // 11x7 at (30,20)
	if b := l.Bounds(); b != image.Rect(30, 20, 42, 28) {
		t.Errorf("Bounds = %v", b)
	}
	img := c.Compose(0).Img
	regionIs(t, img, image.Rect(30, 20, 40, 26), red, 0, "inside the odd-sized layer")
	if got := at(img, 29, 19); got != blue {
		t.Errorf("pixel before the layer is %v", got)
	}
	l.SetImage(nil, image.Point{})
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 320, 180), blue, 0, "after clearing the layer")
	l.SetImage(rgba(10, 10, opaqueRed), image.Pt(-100, -100)) // entirely off the canvas
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 320, 180), blue, 0, "with the layer off the canvas")
}
