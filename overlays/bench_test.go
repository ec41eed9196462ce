package overlays

import (
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCard is a 1080p card with photo, QR, old price and specs, as
// redrawn when the price or stock changes (the photo decode is cached).
func BenchmarkCard1080p(b *testing.B) {
	r, err := New(image.Pt(1920, 1080), DefaultTheme(), "en")
	if err != nil {
		b.Fatal(err)
	}
	p := contents[0].card
	r.Card(p)
	b.ReportAllocs()
	for b.Loop() {
		r.Card(p)
	}
}

// BenchmarkCardFirst1080p is a card's first render: it decodes and scales
// a 1200x1200 JPEG.
func BenchmarkCardFirst1080p(b *testing.B) {
	p := contents[0].card
	p.Photo = largePhoto(b)
	b.ReportAllocs()
	for b.Loop() {
		r, err := New(image.Pt(1920, 1080), DefaultTheme(), "en")
		if err != nil {
			b.Fatal(err)
		}
		r.Card(p)
	}
}

// BenchmarkFlashSale1080p is the countdown's redraw, once a second on the
// compose goroutine.
func BenchmarkFlashSale1080p(b *testing.B) {
	r, err := New(image.Pt(1920, 1080), DefaultTheme(), "en")
	if err != nil {
		b.Fatal(err)
	}
	r.FlashSale(90*time.Second, 7, 50)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.FlashSale(time.Duration(i%3600)*time.Second, 7, 50)
		i++
	}
}

func largePhoto(b *testing.B) string {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1200))
	for y := range 1200 {
		for x := range 1200 {
			img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	path := filepath.Join(b.TempDir(), "big.jpg")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		b.Fatal(err)
	}
	return path
}
