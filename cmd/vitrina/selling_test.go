package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/overlays"
)

const sellingShow = `
[show]
title = "Selling cues"
catalog = "products.csv"
currency = "EUR"
locale = "en"

[video]
width = 1280
height = 720
fps = 30

[[source]]
id = "bg"
kind = "image"
path = "bg.png"

[layout]
kind = "single"
main = "bg"

[[cue]]
at = "2s"
do = "pin"
product = "LIN-SHIRT"

[[cue]]
at = "4s"
do = "flash_sale"
product = "LIN-SHIRT"
price = 39.0
stock = 20
duration = "10s"

[[cue]]
at = "8s"
do = "stock"
product = "LIN-SHIRT"
stock = 7

[[cue]]
at = "6s"
do = "promo"
code = "SAVE20"
discount = "-20%"
valid = "10m"
window = ["3s", "6s"]
show_for = "3s"
`

const sellingCatalog = "Handle,Title,Variant SKU,Variant Price,Variant Compare At Price,Variant Inventory Qty\n" +
	"linen-shirt,Linen shirt,LIN-SHIRT,49.00,59.00,50\n"

const frame30 = time.Second / 30

// A 20 s show driven by cues in its file: the recording's decoded frames
// show the card from the pin's frame, the flash sale's countdown right to a
// frame, its stock bar following the stock cue, and the promo code inside
// its random window for exactly its time. The background is a still image,
// so any change inside an overlay's place is the overlay.
func TestSellingCuesInTheRecording(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "show.toml"), sellingShow)
	writeFile(t, filepath.Join(dir, "products.csv"), sellingCatalog)
	writeGray(t, filepath.Join(dir, "bg.png"), 1280, 720)
	rec := filepath.Join(dir, "show.mkv")
	s := startShow(t, nil, "run", "--headless", "--show", filepath.Join(dir, "show.toml"), "--for", "20s", "--record", rec)
	s.wait(t, 2*time.Minute)
	frames := decodeLuma(t, rec)
	if len(frames) < 590 {
		t.Fatalf("the recording has %d frames, want 600", len(frames))
	}
	bg := frames[10].img // before any cue

	r, err := overlays.New(image.Pt(1280, 720), overlays.DefaultTheme(), "en")
	if err != nil {
		t.Fatal(err)
	}

	// The card: its place is where the frame differs from the background
	// once it is fully in.
	card := changedBox(bg, frameAt(frames, 3*time.Second).img)
	if card.Dx() < 200 || card.Dy() < 80 {
		t.Fatalf("no card on the program 1 s after the pin (changed box %v)", card)
	}
	first := firstFrom(frames, 0, func(f lumaFrame) bool { return mae(f.img, bg, card) > 6 })
	t.Logf("card box %v, first card frame at %v", card, first)
	if first < 2*time.Second || first > 2*time.Second+2*frame30 {
		t.Errorf("the card first shows at %v, want within a frame of the pin at 2s", first)
	}

	// The flash sale: its first frame, then every frame's countdown and
	// stock bar against renders of the candidates.
	sale := r.FlashSale(10*time.Second, 20, 20)
	saleBox := image.Rectangle{Min: sale.At, Max: sale.At.Add(sale.Img.Bounds().Size())}
	start := firstFrom(frames, 0, func(f lumaFrame) bool { return mae(f.img, bg, saleBox) > 6 })
	if start < 4*time.Second || start > 4*time.Second+2*frame30 {
		t.Errorf("the flash sale first shows at %v, want at the cue, 4s", start)
	}
	type look struct{ secs, stock int }
	renders := map[look]*image.RGBA{}
	render := func(l look) *image.RGBA {
		if renders[l] == nil {
			renders[l] = r.FlashSale(time.Duration(l.secs)*time.Second, l.stock, 20).Img
		}
		return renders[l]
	}
	var checked, wrong int
	for _, f := range frames {
		since := f.pts - start
		if since < 400*time.Millisecond || since > 9500*time.Millisecond {
			continue // entrance animation, and the end
		}
		secs := int((10*time.Second - since + time.Second - 1) / time.Second)
		stock := 20
		if f.pts >= 8*time.Second+2*frame30 {
			stock = 7
		} else if f.pts >= 8*time.Second-frame30 {
			continue // the stock cue's own frame
		}
		want := look{secs, stock}
		best, bestErr := want, mae(f.img, compose(bg, render(want), sale.At), saleBox)
		for _, c := range []look{{secs - 1, stock}, {secs + 1, stock}, {secs, 27 - stock}} {
			if e := mae(f.img, compose(bg, render(c), sale.At), saleBox); e < bestErr {
				best, bestErr = c, e
			}
		}
		checked++
		if best != want {
			wrong++
			if wrong <= 5 {
				t.Errorf("frame at %v (%v into the sale): shows %d s and %d left, want %d s and %d left", f.pts, since, best.secs, best.stock, secs, stock)
			}
		}
	}
	if checked < 200 {
		t.Errorf("checked the countdown on %d frames, want about 270", checked)
	}
	t.Logf("countdown and stock right on %d of %d frames", checked-wrong, checked)

	// The promo code: inside its window (6s + 3..6s) and gone 3 s later,
	// after its exit.
	promo := r.Promo("SAVE20", "-20%", 10*time.Minute)
	promoBox := image.Rectangle{Min: promo.At, Max: promo.At.Add(promo.Img.Bounds().Size())}
	shown := firstFrom(frames, 0, func(f lumaFrame) bool { return mae(f.img, bg, promoBox) > 6 })
	if shown < 9*time.Second || shown > 12*time.Second+2*frame30 {
		t.Errorf("the promo code shows at %v, want inside its window 9s–12s", shown)
	}
	gone := firstFrom(frames, shown, func(f lumaFrame) bool { return mae(f.img, bg, promoBox) < 3 })
	if d := gone - shown; d < 3*time.Second || d > 3*time.Second+300*time.Millisecond+2*frame30 {
		t.Errorf("the promo code stayed %v (from %v to %v), want 3 s and its 300 ms exit", d, shown, gone)
	}
	t.Logf("sale from %v; promo from %v to %v", start, shown, gone)
}

type lumaFrame struct {
	pts time.Duration
	img *image.Gray
}

func decodeLuma(t *testing.T, path string) []lumaFrame {
	t.Helper()
	var out []lumaFrame
	eachLuma(t, path, func(pts time.Duration, g *image.Gray) { out = append(out, lumaFrame{pts, g}) })
	return out
}

// eachLuma decodes the recording at path and calls see with every
// picture's luma, in order, until the end or the first error.
func eachLuma(t *testing.T, path string, see func(pts time.Duration, g *image.Gray)) {
	t.Helper()
	mf, err := encoder.OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	for {
		v, _, err := mf.Next()
		if err != nil {
			return
		}
		if v == nil {
			continue
		}
		b := v.Img.Rect
		g := image.NewGray(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			copy(g.Pix[y*g.Stride:], v.Img.Y[y*v.Img.YStride:y*v.Img.YStride+b.Dx()])
		}
		pts := v.PTS
		v.Release()
		see(pts, g)
	}
}

func frameAt(frames []lumaFrame, pts time.Duration) lumaFrame {
	for _, f := range frames {
		if f.pts >= pts {
			return f
		}
	}
	return frames[len(frames)-1]
}

// firstFrom is the PTS of the first frame at or after from that matches.
func firstFrom(frames []lumaFrame, from time.Duration, ok func(lumaFrame) bool) time.Duration {
	for _, f := range frames {
		if f.pts >= from && ok(f) {
			return f.pts
		}
	}
	return -1
}

// mae is the mean absolute luma difference of a and b inside r.
func mae(a, b *image.Gray, r image.Rectangle) float64 {
	r = r.Intersect(a.Rect)
	var sum, n int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			d := int(a.Pix[a.PixOffset(x, y)]) - int(b.Pix[b.PixOffset(x, y)])
			sum += max(d, -d)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// changedBox bounds the pixels where b differs clearly from a.
func changedBox(a, b *image.Gray) image.Rectangle {
	var box image.Rectangle
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		for x := a.Rect.Min.X; x < a.Rect.Max.X; x++ {
			d := int(a.Pix[a.PixOffset(x, y)]) - int(b.Pix[b.PixOffset(x, y)])
			if d > 24 || d < -24 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// compose is the luma a premultiplied RGBA overlay gives at at over bg, by
// the BT.601 limited-range matrix the program uses.
func compose(bg *image.Gray, ov *image.RGBA, at image.Point) *image.Gray {
	out := image.NewGray(bg.Rect)
	copy(out.Pix, bg.Pix)
	b := ov.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := ov.RGBAAt(x, y)
			a := float64(p.A) / 255
			if a == 0 {
				continue
			}
			dx, dy := at.X+x-b.Min.X, at.Y+y-b.Min.Y
			if !(image.Point{dx, dy}.In(out.Rect)) {
				continue
			}
			under := float64(out.Pix[out.PixOffset(dx, dy)])
			v := 16*a + 0.2568*float64(p.R) + 0.5041*float64(p.G) + 0.0979*float64(p.B) + (1-a)*under
			out.Pix[out.PixOffset(dx, dy)] = uint8(min(255, v+0.5))
		}
	}
	return out
}

func writeGray(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Set(i%w, i/w, color.RGBA{110, 118, 128, 255})
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
