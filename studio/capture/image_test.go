package capture

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/media"
)

// 66x48 solid #20c040, made with
// ffmpeg -f lavfi -i color=c=0x20c040:s=66x48 -frames:v 1 -c:v libwebp -lossless 1|0 out.webp
var (
	webpLossless = []byte{0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x17, 0x00, 0x00, 0x00, 0x2f, 0x41, 0xc0, 0x0b, 0x00, 0x07, 0x50, 0xe0, 0x82, 0xf4, 0xa7, 0xff, 0x01, 0x20, 0x21, 0xfc, 0x7f, 0xaf, 0x45, 0xf4, 0x3f, 0x75, 0x01, 0x00}
	webpLossy    = []byte{0x52, 0x49, 0x46, 0x46, 0x50, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20, 0x44, 0x00, 0x00, 0x00, 0xf0, 0x03, 0x00, 0x9d, 0x01, 0x2a, 0x42, 0x00, 0x30, 0x00, 0x3e, 0x31, 0x18, 0x8b, 0x44, 0x22, 0x21, 0xa1, 0x11, 0x14, 0x00, 0x20, 0x03, 0x04, 0xb4, 0x80, 0x3b, 0x00, 0x7e, 0x00, 0x00, 0x16, 0xc5, 0x46, 0xfa, 0x9a, 0x80, 0x2b, 0xa8, 0x00, 0x00, 0x9b, 0xff, 0xff, 0xa9, 0xc7, 0xe4, 0xe3, 0xf2, 0x71, 0xfd, 0x7d, 0xbf, 0xff, 0xf1, 0xcd, 0xbe, 0x39, 0xb7, 0xc7, 0x36, 0xff, 0x8d, 0x5c, 0x00, 0x00, 0x00, 0x00}
)

// twoTone is a picture whose left half is red and right half blue, so the
// test can see that the conversion keeps colours in their places.
func twoTone(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{220, 30, 30, 255}
			if x >= w/2 {
				c = color.NRGBA{30, 30, 220, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImageLoads(t *testing.T) {
	pngEnc := func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) }
	jpgEnc := func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, &jpeg.Options{Quality: 90}) }
	red, blue, green := color.RGBA{220, 30, 30, 255}, color.RGBA{30, 30, 220, 255}, color.RGBA{0x20, 0xc0, 0x40, 255}
	for _, tc := range []struct {
		name        string
		file        string
		data        []byte
		size        media.Size
		left, right color.RGBA
		tol         int // VP8 stores limited-range YUV, which Go hands over unconverted
	}{
		{"PNG, odd size trimmed to even", "card.png", encoded(t, pngEnc, twoTone(641, 361)), media.Size{W: 640, H: 360}, red, blue, 6},
		{"JPEG", "shot.jpg", encoded(t, jpgEnc, twoTone(320, 240)), media.Size{W: 320, H: 240}, red, blue, 6},
		{"WebP lossless", "logo.webp", webpLossless, media.Size{W: 66, H: 48}, green, green, 6},
		{"WebP lossy", "photo.webp", webpLossy, media.Size{W: 66, H: 48}, green, green, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.file)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			src := &Image{ID: "still", Path: path}
			if err := src.Initialize(); err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			f := src.LatestFrame()
			if f == nil || f.Img.SubsampleRatio != image.YCbCrSubsampleRatio420 {
				t.Fatalf("frame %+v, want an I420 frame", f)
			}
			if got := sizeOf(f.Img); got != tc.size || src.Info().Size != tc.size {
				t.Fatalf("size %v (info %v), want %v", got, src.Info().Size, tc.size)
			}
			h := tc.size.H / 2
			assertColour(t, f.Img, image.Pt(tc.size.W/4, h), tc.left, tc.tol)
			assertColour(t, f.Img, image.Pt(tc.size.W*3/4, h), tc.right, tc.tol)
			if src.LatestFrame() != f {
				t.Error("the still changed between calls")
			}
		})
	}
}

func assertColour(t *testing.T, img *image.YCbCr, p image.Point, want color.RGBA, tol int) {
	t.Helper()
	wy, wcb, wcr := media.RGBToYCbCr(want.R, want.G, want.B)
	got := img.YCbCrAt(p.X, p.Y)
	if absDiff(got.Y, wy) > tol || absDiff(got.Cb, wcb) > tol || absDiff(got.Cr, wcr) > tol {
		t.Errorf("pixel %v is %v, want about %v %v %v (%v)", p, got, wy, wcb, wcr, want)
	}
}

func TestImageTransparencyOverBlack(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4)) // fully transparent
	path := filepath.Join(t.TempDir(), "clear.png")
	if err := os.WriteFile(path, encoded(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) }, img), 0o644); err != nil {
		t.Fatal(err)
	}
	src := &Image{ID: "clear", Path: path}
	if err := src.Initialize(); err != nil {
		t.Fatal(err)
	}
	assertColour(t, src.LatestFrame().Img, image.Pt(1, 1), color.RGBA{A: 255}, 2)
}

func TestImageFailsClearly(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(garbage, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		is   error
	}{
		{"missing file", filepath.Join(dir, "gone.png"), fs.ErrNotExist},
		{"not an image", garbage, ErrDecodeImage},
		{"no path", "", ErrInvalidConfig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := (&Image{ID: "bad", Path: tc.path}).Initialize()
			if !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Fatalf("error %q does not name the path %q", err, tc.path)
			}
		})
	}
}
