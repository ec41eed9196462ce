package overlays

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newRenderer(t testing.TB, size image.Point, locale string) *Renderer {
	t.Helper()
	r, err := New(size, DefaultTheme(), locale)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func samePixels(a, b *image.RGBA) bool {
	return a.Rect == b.Rect && bytes.Equal(a.Pix, b.Pix)
}

// hugePNG is a valid PNG header that claims 20000 x 20000 pixels: a
// decompression bomb's first bytes.
func hugePNG() []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 20000)
	binary.BigEndian.PutUint32(ihdr[4:], 20000)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// A photo that cannot be used leaves a card exactly like one without a
// photo, and a warning that says why; never a panic.
func TestCardBadPhoto(t *testing.T) {
	dir := t.TempDir()
	jpg, err := os.ReadFile(photo("headphones.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ name, path, want string }{
		{"missing", filepath.Join(dir, "nope.jpg"), "no such file"},
		{"truncated JPEG", write("cut.jpg", jpg[:len(jpg)/3]), "JPEG"},
		{"not an image", write("notes.png", []byte("these are not pixels")), "unknown format"},
		{"empty file", write("empty.webp", nil), "unknown format"},
		{"decompression bomb", write("bomb.png", hugePNG()), "20000x20000"},
		{"a directory", dir, "photo"},
	}
	r := newRenderer(t, image.Pt(1920, 1080), "en")
	p := contents[0].card
	p.Photo, p.Link = "", ""
	want, warn := r.Card(p)
	if len(warn) != 0 {
		t.Fatalf("card without photo warns %q", warn)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p.Photo = c.path
			got, warn := r.Card(p)
			if len(warn) != 1 || !strings.HasPrefix(warn[0], "photo: ") || !strings.Contains(warn[0], c.want) {
				t.Errorf("warnings %q, want one photo warning mentioning %q", warn, c.want)
			}
			if !samePixels(got.Img, want.Img) || got.At != want.At {
				t.Error("the card differs from the card without a photo")
			}
		})
	}
}

// Every supported photo format decodes: JPEG, PNG with transparency, WebP.
func TestCardPhotoFormats(t *testing.T) {
	r := newRenderer(t, image.Pt(1280, 720), "en")
	p := contents[0].card
	p.Link = ""
	p.Photo = ""
	bare, _ := r.Card(p)
	for _, name := range []string{"headphones.jpg", "mug.png", "sneaker.webp"} {
		p.Photo = photo(name)
		got, warn := r.Card(p)
		if len(warn) != 0 {
			t.Errorf("%s: %q", name, warn)
		}
		if samePixels(got.Img, bare.Img) {
			t.Errorf("%s: no photo drawn", name)
		}
	}
}

// The ellipsis is measured: a line of wide letters is cut after fewer
// characters than one of narrow letters, both end in "…", and neither is
// wider than allowed. Right-to-left text gets it at its left end.
func TestEllipsisMeasured(t *testing.T) {
	r := newRenderer(t, image.Pt(1920, 1080), "en")
	st := textStyle{size: 30, bold: true}
	ell, _ := r.bold.faces[0].NominalGlyph('…')
	shown := func(s string, maxW int) (int, textLine) {
		b := r.layoutText(s, st, maxW, 1)
		if len(b.lines) != 1 {
			t.Fatalf("%d lines", len(b.lines))
		}
		n := 0
		for _, run := range b.lines[0].runs {
			for _, g := range run.Glyphs {
				if g.GlyphID != ell {
					n++
				}
			}
		}
		return n, b.lines[0]
	}
	wide, wl := shown(strings.Repeat("W", 80), 400)
	narrow, nl := shown(strings.Repeat("i", 80), 400)
	if wide >= narrow {
		t.Errorf("kept %d wide and %d narrow letters: not measured", wide, narrow)
	}
	for _, l := range []textLine{wl, nl} {
		if l.width > 400 {
			t.Errorf("line is %d px wide, allowed 400", l.width)
		}
		last := l.runs[len(l.runs)-1].Glyphs
		if last[len(last)-1].GlyphID != ell {
			t.Error("the line does not end in an ellipsis")
		}
	}
	ar := newRenderer(t, image.Pt(1920, 1080), "ar")
	b := ar.layoutText(strings.Repeat("مرحبا بالعالم ", 20), st, 400, 1)
	first := b.lines[0].runs[0].Glyphs[0].GlyphID
	if g, _ := ar.bold.faces[0].NominalGlyph('…'); first != g || !b.rtl {
		t.Error("right-to-left text does not start (on the left) with the ellipsis")
	}
	// Short text is left alone.
	if b := r.layoutText("Short", st, 400, 1); strings.Contains(fmtRuns(b), "…") || len(b.lines) != 1 {
		t.Error("short text was cut")
	}
}

func fmtRuns(b textBlock) string {
	var sb strings.Builder
	for _, l := range b.lines {
		for _, run := range l.runs {
			if g, _ := run.Face.NominalGlyph('…'); len(run.Glyphs) == 1 && run.Glyphs[0].GlyphID == g {
				sb.WriteString("…")
			}
		}
	}
	return sb.String()
}

// A character Noto Sans lacks comes from the next font that has it, run
// by run: the minus sign from Noto Sans Math, Chinese from Noto Sans SC, a
// star from Symbols2, Hebrew and Arabic from their fonts. No glyph is the
// .notdef box.
func TestFontFallback(t *testing.T) {
	r := newRenderer(t, image.Pt(1920, 1080), "en")
	faces := map[string]int{}
	for i, name := range Families() {
		faces[name] = i
	}
	b := r.layoutText("Save −20% 中文 ★ שלום مرحبا", textStyle{size: 30}, 0, 0)
	used := map[int]bool{}
	for _, l := range b.lines {
		for _, run := range l.runs {
			for i, f := range r.regular.faces {
				if run.Face == f {
					used[i] = true
				}
			}
			for _, g := range run.Glyphs {
				if g.GlyphID == 0 {
					t.Errorf("a .notdef glyph in a %v run", run.Direction)
				}
			}
		}
	}
	for _, name := range []string{"Noto Sans", "Noto Sans Math", "Noto Sans SC", "Noto Sans Symbols2", "Noto Sans Hebrew", "Noto Sans Arabic"} {
		if !used[faces[name]] {
			t.Errorf("%s was not used", name)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 800, 80))
	r.drawText(img, b, img.Rect, alignStart)
	if r.notdef != 0 {
		t.Errorf("%d .notdef glyphs drawn", r.notdef)
	}
}

// A character no shipped font has (an emoji) is left out with a warning,
// never drawn as a box.
func TestNoTofu(t *testing.T) {
	r := newRenderer(t, image.Pt(1920, 1080), "en")
	p := Product{Title: "Hot deal 🔥 today", PriceMinor: 999, Currency: "EUR"}
	got, warn := r.Card(p)
	if len(warn) != 1 || !strings.Contains(warn[0], "1 character") {
		t.Errorf("warnings %q", warn)
	}
	if r.notdef != 0 {
		t.Errorf("%d .notdef glyphs drawn", r.notdef)
	}
	p.Title = "Hot deal today"
	want, _ := r.Card(p)
	if !samePixels(got.Img, want.Img) {
		t.Error("the emoji left a mark")
	}
}

// Stock below zero is zero (SOLD OUT); a total below the stock is the
// stock; the bar moves with every unit.
func TestFlashSaleStock(t *testing.T) {
	r := newRenderer(t, image.Pt(1920, 1080), "en")
	d := 90 * time.Second
	zero := r.FlashSale(d, 0, 50)
	if neg := r.FlashSale(d, -3, 50); !samePixels(neg.Img, zero.Img) {
		t.Error("negative stock differs from zero stock")
	}
	if full, over := r.FlashSale(d, 50, 50), r.FlashSale(d, 50, 10); !samePixels(full.Img, over.Img) {
		t.Error("stock above the total is not a full bar")
	}
	if a, b := r.FlashSale(d, 7, 50), r.FlashSale(d, 8, 50); samePixels(a.Img, b.Img) {
		t.Error("the stock bar did not change with the stock")
	}
	if a, b := r.FlashSale(d, 7, 50), r.FlashSale(d-time.Second, 7, 50); samePixels(a.Img, b.Img) {
		t.Error("the countdown did not change")
	}
	r.FlashSale(-time.Second, 5, 0) // ended, with a nonsense total: no panic
}

func TestFormatPrice(t *testing.T) {
	cases := []struct {
		locale, cur string
		minor       int64
		want        string
	}{
		{"en", "USD", 129900, "$1,299.00"},
		{"en", "usd", 1299, "$12.99"},
		{"en", "JPY", 1299, "¥1,299"},
		{"en", "SAR", 34900, "SAR\u00a0349.00"},
		{"lv", "EUR", 1299, "12,99\u00a0€"},
		{"lv-LV", "EUR", 129900, "1\u00a0299,00\u00a0€"},
		{"ru", "RUB", 129900, "1\u00a0299,00\u00a0₽"},
		{"zh", "CNY", 12900, "¥129.00"},
		{"ar", "SAR", 34900, "٣٤٩٫٠٠\u00a0ر.س.\u200f"},
		{"de", "EUR", 129900, "1.299,00\u00a0€"},
	}
	for _, c := range cases {
		r := newRenderer(t, image.Pt(1280, 720), c.locale)
		got, err := r.FormatPrice(c.minor, c.cur)
		if err != nil || got != c.want {
			t.Errorf("%s %d %s: %q, %v; want %q", c.locale, c.minor, c.cur, got, err, c.want)
		}
	}
}

// An unknown currency is an error that still gives a usable string, and a
// card that shows it with a warning.
func TestUnknownCurrency(t *testing.T) {
	r := newRenderer(t, image.Pt(1280, 720), "en")
	for cur, want := range map[string]string{"XYZ": "12.99\u00a0XYZ", "": "12.99", "dollars": "12.99\u00a0DOLLARS"} {
		got, err := r.FormatPrice(1299, cur)
		if !errors.Is(err, ErrCurrency) || got != want {
			t.Errorf("%q: %q, %v; want %q and ErrCurrency", cur, got, err, want)
		}
	}
	_, warn := r.Card(Product{Title: "Mystery box", PriceMinor: 1299, Currency: "XYZ"})
	if len(warn) != 1 || !strings.Contains(warn[0], "unknown currency") {
		t.Errorf("warnings %q", warn)
	}
}

// Empty input draws empty overlays, never panics, and stays in place.
func TestEmptyInput(t *testing.T) {
	for _, loc := range []string{"en", "ar"} {
		r := newRenderer(t, image.Pt(1280, 720), loc)
		card, _ := r.Card(Product{})
		ps := map[Region]Placed{
			RegionCard: card, RegionLive: r.LiveBadge(), RegionViewers: r.Viewers(-5),
			RegionDisclosure: r.Disclosure(""), RegionSale: r.FlashSale(0, 0, 0), RegionPromo: r.Promo("", "", 0),
			RegionCoupon: r.Coupon(""), RegionLowerThird: r.LowerThird("", ""), RegionPinned: r.PinnedComment("", "", ""),
			RegionGiveaway: r.Giveaway("", ""),
		}
		for g, p := range ps {
			if p.Img == nil || p.Img.Rect.Empty() {
				t.Errorf("%s: %v is empty", loc, g)
			}
		}
		checkPlacement(t, r, ps)
	}
}
