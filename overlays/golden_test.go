package overlays

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images and docs/overlays.png")

// canvases are the sizes the goldens cover: the two horizontal ones the
// issue asks for, and the vertical one phones use.
var canvases = []image.Point{{1280, 720}, {1920, 1080}, {720, 1280}}

// compose draws placed overlays on a transparent canvas.
func compose(size image.Point, ps map[Region]Placed) *image.RGBA {
	img := image.NewRGBA(image.Rectangle{Max: size})
	for g := Region(0); g < numRegions; g++ {
		if p, ok := ps[g]; ok && p.Img != nil {
			draw.Draw(img, p.Rect(), p.Img, image.Point{}, draw.Over)
		}
	}
	return img
}

func TestGoldenFrames(t *testing.T) {
	for _, c := range contents {
		for _, size := range canvases {
			name := fmt.Sprintf("%s-%dx%d", c.locale, size.X, size.Y)
			t.Run(name, func(t *testing.T) {
				r, err := New(size, DefaultTheme(), c.locale)
				if err != nil {
					t.Fatal(err)
				}
				ps, warn := frame(r, c)
				if len(warn) > 0 {
					t.Errorf("warnings: %q", warn)
				}
				checkPlacement(t, r, ps)
				if r.notdef > 0 {
					t.Errorf("%d .notdef glyphs (tofu) drawn", r.notdef)
				}
				golden(t, name, compose(size, ps))
			})
		}
	}
}

// checkPlacement checks that every overlay lies inside its own region,
// that regions lie inside the safe area, and that no two overlap.
func checkPlacement(t *testing.T, r *Renderer, ps map[Region]Placed) {
	t.Helper()
	safe := r.SafeArea()
	for g := Region(0); g < numRegions; g++ {
		for h := g + 1; h < numRegions; h++ {
			if r.Region(g).Overlaps(r.Region(h)) {
				t.Errorf("regions %v %v and %v %v overlap", g, r.Region(g), h, r.Region(h))
			}
		}
	}
	for g, p := range ps {
		if !p.Rect().In(r.Region(g)) {
			t.Errorf("%v at %v is outside its region %v", g, p.Rect(), r.Region(g))
		}
		if !r.Region(g).In(safe) {
			t.Errorf("%v region %v is outside the safe area %v", g, r.Region(g), safe)
		}
		for h, q := range ps {
			if g < h && p.Rect().Overlaps(q.Rect()) {
				t.Errorf("%v %v overlaps %v %v", g, p.Rect(), h, q.Rect())
			}
		}
	}
}

// golden compares img with testdata/golden/name.png, or writes it with
// -update. Pixels are compared premultiplied after the same PNG round trip
// on both sides; a channel may differ by up to 3 levels. That absorbs the
// last-bit float differences of anti-aliased edges between CPUs (arm64
// fuses multiply-adds, amd64 does not), while a moved, missing or
// different glyph — even one accent — changes pixels by far more.
func golden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *update {
		writePNG(t, path, img)
		return
	}
	want, err := readNRGBA(path)
	if err != nil {
		t.Fatalf("%v (run go test ./overlays -update to make it)", err)
	}
	// Put the image through the same PNG round trip as the golden went
	// through (premultiplied to straight alpha, 8 bits).
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	gotImg, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := toNRGBA(gotImg)
	if want.Rect != got.Rect {
		t.Fatalf("%s: size %v, golden %v", name, got.Rect, want.Rect)
	}
	bad, first := diffPixels(got, want)
	if bad > 0 {
		out := filepath.Join(os.TempDir(), "overlays-"+name+".png")
		writePNG(t, out, img)
		w := got.Rect.Dx()
		t.Errorf("%s: %d pixels differ from the golden (first at %d,%d); got %s", name, bad, first%w, first/w, out)
	}
}

// diffPixels counts the pixels whose premultiplied channels differ by
// more than the tolerance, and returns the index of the first.
func diffPixels(got, want *image.NRGBA) (bad, first int) {
	first = -1
	for i := 0; i < len(got.Pix); i += 4 {
		a, b := got.Pix[i:i+4:i+4], want.Pix[i:i+4:i+4]
		for c := range 3 {
			// Compare colour premultiplied: at low alpha a straight colour
			// swings widely with the last bit of coverage.
			if far(uint8(int(a[c])*int(a[3])/255), uint8(int(b[c])*int(b[3])/255)) || far(a[3], b[3]) {
				if first < 0 {
					first = i / 4
				}
				bad++
				break
			}
		}
	}
	return bad, first
}

func readNRGBA(path string) (*image.NRGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	return toNRGBA(img), nil
}

// toNRGBA returns img as straight-alpha NRGBA (what PNG decodes to for
// images with transparency; opaque ones decode as RGBA).
func toNRGBA(img image.Image) *image.NRGBA {
	if n, ok := img.(*image.NRGBA); ok {
		return n
	}
	n := image.NewNRGBA(img.Bounds())
	draw.Draw(n, n.Rect, img, img.Bounds().Min, draw.Src)
	return n
}

func far(a, b uint8) bool { return int(a)-int(b) > 3 || int(b)-int(a) > 3 }

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
