package overlays

import (
	"image"
	"image/color"
	"testing"
	"time"
)

// states are single overlays in the states the frames do not show, drawn
// at 1080p: each is a golden of its own.
var states = []struct {
	name, locale string
	draw         func(r *Renderer) Placed
}{
	{"card-no-photo-long-title", "en", func(r *Renderer) Placed {
		p, _ := r.Card(Product{Title: "Limited Edition Hand-Stitched Italian Leather Weekender Travel Bag with Brass Hardware and Lifetime Warranty",
			PriceMinor: 24900, CompareAtMinor: 32000, Currency: "EUR", Keyword: "3"})
		return p
	}},
	{"card-qr-only", "en", func(r *Renderer) Placed {
		p, _ := r.Card(Product{Title: "Aurora Headphones", PriceMinor: 12999, Currency: "USD",
			Specs: []string{"Bluetooth 5.3", "40 h battery"}, Keyword: "12", Link: link})
		return p
	}},
	{"card-hebrew-in-english", "en", func(r *Renderer) Placed {
		p, _ := r.Card(Product{Title: "אוזניות Aurora אלחוטיות — 40 שעות סוללה", PriceMinor: 49900, CompareAtMinor: 59900,
			Currency: "ILS", Specs: []string{"Bluetooth 5.3 (שני מכשירים)"}, Keyword: "5", Photo: photo("headphones.jpg")})
		return p
	}},
	{"card-minimal", "ar", func(r *Renderer) Placed {
		p, _ := r.Card(Product{Title: "قميص قطني", PriceMinor: 5000, Currency: "AED"})
		return p
	}},
	{"sale-ended", "en", func(r *Renderer) Placed { return r.FlashSale(0, 5, 50) }},
	{"sale-last-second", "ar", func(r *Renderer) Placed { return r.FlashSale(time.Second, 1, 50) }},
	{"sale-hour", "ru", func(r *Renderer) Placed { return r.FlashSale(time.Hour+5*time.Minute, 250, 1000) }},
	{"promo-no-validity", "lv", func(r *Renderer) Placed { return r.Promo("ĶIRSIS", "−5 €", 0) }},
	{"disclosure-default", "ru", func(r *Renderer) Placed { return r.Disclosure("") }},
	{"pinned-no-answer", "zh", func(r *Renderer) Placed { return r.PinnedComment("@小王", "什么时候发货？", "") }},
	{"viewers-zero", "lv", func(r *Renderer) Placed { return r.Viewers(0) }},
}

func TestGoldenStates(t *testing.T) {
	for _, s := range states {
		t.Run(s.name, func(t *testing.T) {
			r := newRenderer(t, image.Pt(1920, 1080), s.locale)
			p := s.draw(r)
			if r.notdef > 0 {
				t.Errorf("%d .notdef glyphs", r.notdef)
			}
			golden(t, "state-"+s.locale+"-"+s.name, p.Img)
		})
	}
}

// lightTheme is a theme far from the default: light panels, dark text, a
// blue accent, the card top-right.
func lightTheme() Theme {
	return Theme{
		Accent: color.RGBA{0x14, 0x63, 0xFF, 0xFF}, Text: color.RGBA{0x12, 0x14, 0x1A, 0xFF},
		Panel: premul(0xFF, 0xFF, 0xFF, 0xEB), Muted: color.RGBA{0x5C, 0x64, 0x70, 0xFF},
		Sale: color.RGBA{0xD9, 0x1E, 0x36, 0xFF}, Corner: "top-right", Scale: 0.9,
	}
}

func TestGoldenTheme(t *testing.T) {
	size := image.Pt(1280, 720)
	r, err := New(size, lightTheme(), "en")
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := frame(r, contents[0])
	checkPlacement(t, r, ps)
	golden(t, "theme-light-top-right-1280x720", compose(size, ps))
}

// The tolerance is tight enough to see one accent: "Bērziņa" and
// "Berziņa" differ in the goldens' comparison.
func TestGoldenSeesOneAccent(t *testing.T) {
	r := newRenderer(t, image.Pt(1280, 720), "lv")
	a, b := r.LowerThird("Anna Bērziņa", "Host"), r.LowerThird("Anna Berziņa", "Host")
	if a.Img.Rect != b.Img.Rect {
		return // a different width is a difference too
	}
	if bad, _ := diffPixels(toNRGBA(a.Img), toNRGBA(b.Img)); bad < 5 {
		t.Errorf("only %d pixels differ", bad)
	}
}
