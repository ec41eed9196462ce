package overlays

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var corners = []string{"bottom-left", "bottom-right", "top-left", "top-right"}

// long is content at the limits: every text too long for its place.
var long = showContent{
	locale: "ru",
	card: Product{Title: strings.Repeat("Очень длинное название товара ", 8),
		PriceMinor: 123456789, CompareAtMinor: 987654321, Currency: "RUB",
		Specs:   []string{strings.Repeat("характеристика ", 9), strings.Repeat("ещё ", 30), "третья", "четвёртая не видна"},
		Keyword: "1234567890", Photo: photo("headphones.jpg"), Link: link, Sponsored: true},
	saleLeft: 100 * time.Hour, stock: 123456, total: 1234567,
	code: strings.Repeat("CODE", 12), off: "-99%", valid: 25*time.Hour + 59*time.Minute + 59*time.Second,
	coupon:     strings.Repeat("Смотрите эфир и получайте подарки ", 6),
	disclosure: strings.Repeat("Реклама. ООО «Очень длинное имя» ", 4),
	host:       strings.Repeat("Мария ", 12), role: strings.Repeat("Ведущая ", 12),
	user: strings.Repeat("@user", 20), comment: strings.Repeat("Вопрос? ", 40), answer: strings.Repeat("Ответ. ", 40),
	winner: strings.Repeat("@winner", 12), prize: strings.Repeat("Приз ", 30), viewers: 123456789,
}

// Regions fit, stay inside the safe area and never overlap, on every
// common canvas, corner and scale; and the longest content stays inside
// its region. Where the design cannot fit (a square canvas at full scale,
// the card in a top corner at 1.25), New says so with ErrNoRoom; the
// canvases the product targets must always fit.
func TestRegionsDisjoint(t *testing.T) {
	sizes := []image.Point{{1280, 720}, {1920, 1080}, {720, 1280}, {1080, 1920}, {1080, 1080},
		{2560, 1080}, {960, 720}, {3840, 2160}, {854, 480}, {480, 854}}
	mustFit := func(size image.Point, corner string, scale float64) bool {
		wide := size.X*9 == size.Y*16 || size.X*16 == size.Y*9
		return wide && (scale <= 1 || strings.HasPrefix(corner, "bottom")) || size.X*3 == size.Y*4 && scale <= 1
	}
	fitted := 0
	for _, size := range sizes {
		for _, corner := range corners {
			for _, scale := range []float64{0.75, 1, 1.25} {
				name := fmt.Sprintf("%dx%d/%s/%g", size.X, size.Y, corner, scale)
				th := DefaultTheme()
				th.Corner, th.Scale = corner, scale
				r, err := New(size, th, long.locale)
				if err != nil {
					if !errors.Is(err, ErrNoRoom) || mustFit(size, corner, scale) {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				fitted++
				for g := Region(0); g < numRegions; g++ {
					if r.Region(g).Empty() {
						t.Errorf("%s: %v is empty", name, g)
					}
				}
				ps, _ := frame(r, long)
				t.Run(name, func(t *testing.T) { checkPlacement(t, r, ps) })
			}
		}
	}
	t.Logf("%d of %d layouts fit", fitted, len(sizes)*len(corners)*3)
}

// The design scales with the canvas: 1080p is 720p times 1.5, to within
// rounding.
func TestScalesWithCanvas(t *testing.T) {
	small := newRenderer(t, image.Pt(1280, 720), "en")
	big := newRenderer(t, image.Pt(1920, 1080), "en")
	for g := Region(0); g < numRegions; g++ {
		a, b := small.Region(g), big.Region(g)
		for _, v := range [][2]int{{a.Min.X, b.Min.X}, {a.Min.Y, b.Min.Y}, {a.Max.X, b.Max.X}, {a.Max.Y, b.Max.Y}} {
			if math.Abs(float64(v[0])*1.5-float64(v[1])) > 3 {
				t.Errorf("%v: %v at 720p, %v at 1080p", g, a, b)
				break
			}
		}
	}
	c := contents[0].card
	c1, _ := small.Card(c)
	c2, _ := big.Card(c)
	if w1, w2 := c1.Img.Rect.Dx(), c2.Img.Rect.Dx(); math.Abs(float64(w1)*1.5-float64(w2)) > 3 {
		t.Errorf("card is %d wide at 720p and %d at 1080p", w1, w2)
	}
}

// The card goes where the theme says on horizontal canvases, and along the
// bottom, full width, on vertical ones.
func TestCardCorner(t *testing.T) {
	for _, corner := range corners {
		th := DefaultTheme()
		th.Corner = corner
		r, err := New(image.Pt(1920, 1080), th, "en")
		if err != nil {
			t.Fatal(err)
		}
		p, _ := r.Card(contents[0].card)
		rect, safe := p.Rect(), r.SafeArea()
		left, top := rect.Min.X == safe.Min.X, rect.Min.Y == safe.Min.Y
		right, bottom := rect.Max.X == safe.Max.X, rect.Max.Y == safe.Max.Y
		want := map[string]bool{"bottom-left": left && bottom, "bottom-right": right && bottom, "top-left": left && top, "top-right": right && top}
		if !want[corner] {
			t.Errorf("%s: card at %v in safe area %v", corner, rect, safe)
		}
		v, err := New(image.Pt(720, 1280), th, "en")
		if err != nil {
			t.Fatal(err)
		}
		p, _ = v.Card(contents[0].card)
		if s := v.SafeArea(); p.Rect().Min.X != s.Min.X || p.Rect().Max.X != s.Max.X || p.Rect().Max.Y != s.Max.Y {
			t.Errorf("vertical %s: card at %v in safe area %v", corner, p.Rect(), s)
		}
	}
}

func TestNewErrors(t *testing.T) {
	th := func(f func(*Theme)) Theme { t := DefaultTheme(); f(&t); return t }
	cases := []struct {
		name   string
		size   image.Point
		theme  Theme
		locale string
		want   error
	}{
		{"tiny canvas", image.Pt(320, 180), DefaultTheme(), "en", ErrCanvas},
		{"scale", image.Pt(1920, 1080), th(func(t *Theme) { t.Scale = 5 }), "en", ErrTheme},
		{"NaN scale", image.Pt(1920, 1080), th(func(t *Theme) { t.Scale = math.NaN() }), "en", ErrTheme},
		{"corner", image.Pt(1920, 1080), th(func(t *Theme) { t.Corner = "middle" }), "en", ErrTheme},
		{"safe area", image.Pt(1920, 1080), th(func(t *Theme) { t.SafeArea = 0.4 }), "en", ErrTheme},
		{"not premultiplied", image.Pt(1920, 1080), th(func(t *Theme) { t.Panel = color.RGBA{255, 255, 255, 128} }), "en", ErrTheme},
		{"locale", image.Pt(1920, 1080), DefaultTheme(), "not a locale!", ErrLocale},
		{"font", image.Pt(1920, 1080), th(func(t *Theme) { t.Font = "Comic Sans" }), "en", ErrFont},
		{"font file", image.Pt(1920, 1080), th(func(t *Theme) { t.Font = photo("headphones.ttf") }), "en", ErrFont},
		{"not a font", image.Pt(1920, 1080), th(func(t *Theme) { t.Font = "content_test.go.ttf" }), "en", ErrFont},
		{"too big to fit", image.Pt(1920, 1080), th(func(t *Theme) { t.Scale = 2; t.SafeArea = 0.2 }), "en", ErrNoRoom},
	}
	for _, c := range cases {
		if _, err := New(c.size, c.theme, c.locale); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Zero fields take the defaults; an untranslated locale gets English
	// words with its own number format.
	r, err := New(image.Pt(1920, 1080), Theme{}, "de-DE")
	if err != nil {
		t.Fatal(err)
	}
	if r.theme.Accent != DefaultTheme().Accent || r.words[wLive].pick(0) != "LIVE" || r.num(1234) != "1.234" {
		t.Errorf("de-DE: accent %v, %q, %q", r.theme.Accent, r.words[wLive].pick(0), r.num(1234))
	}
}

// The theme's font comes first: a shipped family by name, or a font file.
func TestThemeFont(t *testing.T) {
	th := DefaultTheme()
	th.Font = "noto sans hebrew"
	r, err := New(image.Pt(1280, 720), th, "en")
	if err != nil {
		t.Fatal(err)
	}
	if r.regular.faces[0].Font != mustFamily(t, "Noto Sans Hebrew").regular {
		t.Error("Noto Sans Hebrew is not first")
	}
	th.Font = filepath.Join("..", "assets", "fonts", "NotoSansArabic-Regular.ttf")
	r, err = New(image.Pt(1280, 720), th, "en")
	if err != nil {
		t.Fatal(err)
	}
	// The file's face is first, and still falls back for Latin.
	b := r.layoutText("Sale مرحبا", textStyle{size: 20}, 0, 0)
	if len(b.lines) != 1 || len(b.lines[0].runs) != 2 || b.lines[0].runs[0].Face == b.lines[0].runs[1].Face {
		t.Error("no per-run fallback with a font file first")
	}
	if len(r.regular.faces) != len(shipped)+1 {
		t.Errorf("%d faces", len(r.regular.faces))
	}
}

func mustFamily(t *testing.T, name string) family {
	all, err := shippedFamilies()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		if f.name == name {
			return f
		}
	}
	t.Fatalf("no %s", name)
	return family{}
}
