package overlays

import (
	"fmt"
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/go-text/render"
	tslang "github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/vector"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Placed is a rendered overlay and where its top-left corner goes on the
// canvas. Img's bounds start at (0, 0) and it is premultiplied RGBA, as
// compositor.Layer.SetImage takes it.
type Placed struct {
	Img *image.RGBA
	At  image.Point
}

// Rect is where the overlay covers the canvas.
func (p Placed) Rect() image.Rectangle {
	if p.Img == nil {
		return image.Rectangle{}
	}
	return p.Img.Bounds().Add(p.At)
}

// Renderer draws the overlays for one canvas, theme and locale. Its
// methods may be called from any goroutine; they take turns, since the
// shaper and its caches are not safe for concurrent use. Each call returns
// a new image, which the caller owns.
type Renderer struct {
	mu sync.Mutex

	canvas image.Point
	theme  Theme
	unit   float64 // pixels per design unit: short side / 1080 * scale
	slots  [numRegions]slot

	base    string // the locale's base language, "en" when not translated
	words   [numWords]forms
	tag     language.Tag
	lang    tslang.Language
	rtl     bool // the locale writes right to left: overlays mirror
	printer *message.Printer

	regular, bold faceChain
	seg           shaping.Segmenter
	shaper        shaping.HarfbuzzShaper
	wrapper       shaping.LineWrapper
	rend          render.Renderer
	vec           vector.Rasterizer
	photos        photoCache
	glyphs        map[glyphKey]glyphMask
	qrLink        string
	qrBitmap      [][]bool
	notdef        int // .notdef glyphs drawn; tests check it stays 0
}

// minShortSide keeps text above about 8 px at the smallest sizes.
const minShortSide = 240

// rtlLanguages are the base languages written right to left.
var rtlLanguages = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "dv": true, "ckb": true}

// New makes a renderer for a canvas of the given size, a theme (zero
// fields take DefaultTheme's values) and a BCP 47 locale ("" is English).
// The renderer's own words are translated for en, lv, ru, zh and ar; other
// locales get English words with their own number and price formats.
func New(canvas image.Point, theme Theme, locale string) (*Renderer, error) {
	if min(canvas.X, canvas.Y) < minShortSide {
		return nil, fmt.Errorf("%w: %dx%d (the short side must be at least %d)", ErrCanvas, canvas.X, canvas.Y, minShortSide)
	}
	t, err := theme.normalize()
	if err != nil {
		return nil, err
	}
	if locale == "" {
		locale = "en"
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrLocale, locale, err)
	}
	b, _ := tag.Base()
	r := &Renderer{
		canvas:  canvas,
		theme:   t,
		unit:    float64(min(canvas.X, canvas.Y)) / 1080 * t.Scale,
		base:    b.String(),
		tag:     tag,
		lang:    tslang.NewLanguage(tag.String()),
		rtl:     rtlLanguages[b.String()],
		printer: message.NewPrinter(tag),
		glyphs:  map[glyphKey]glyphMask{},
	}
	w, ok := words[r.base]
	if !ok {
		w = words["en"]
	}
	r.words = w
	fams, err := orderFamilies(t.Font)
	if err != nil {
		return nil, err
	}
	r.regular, r.bold = newChains(fams)
	// The shaper's font cache holds none by default: every run would
	// rebuild HarfBuzz's lookup tables. Room for every face of both chains.
	r.shaper.SetFontCacheSize(2 * len(fams))
	if r.slots, err = layout(canvas, t, r.unit); err != nil {
		return nil, err
	}
	r.splitBadgeRow()
	return r, nil
}

// Canvas returns the canvas size the renderer lays out for.
func (r *Renderer) Canvas() image.Point { return r.canvas }

// Region returns the rectangle of the canvas that an overlay may cover;
// every overlay it draws lies inside its region, and no two regions
// overlap.
func (r *Renderer) Region(g Region) image.Rectangle {
	if g < 0 || g >= numRegions {
		return image.Rectangle{}
	}
	return r.slots[g].rect
}

// SafeArea returns the part of the canvas inside the theme's safe area.
func (r *Renderer) SafeArea() image.Rectangle {
	mx := int(math.Round(r.theme.SafeArea * float64(r.canvas.X)))
	my := int(math.Round(r.theme.SafeArea * float64(r.canvas.Y)))
	return image.Rect(mx, my, r.canvas.X-mx, r.canvas.Y-my)
}

// splitBadgeRow gives the LIVE badge the edge end of the top row and the
// viewer count the rest: LIVE's words are fixed per locale, so its width
// is known now and the viewer badge never moves as LIVE is shown or not.
func (r *Renderer) splitBadgeRow() {
	w := r.liveSize().X
	row := r.slots[RegionLive]
	gap := r.px(10)
	live, viewers := row, row
	if row.hAlign <= 0 {
		live.rect.Max.X = row.rect.Min.X + w
		viewers.rect.Min.X = live.rect.Max.X + gap
	} else {
		live.rect.Min.X = row.rect.Max.X - w
		viewers.rect.Max.X = live.rect.Min.X - gap
	}
	r.slots[RegionLive], r.slots[RegionViewers] = live, viewers
}

// px converts design units to pixels on this canvas.
func (r *Renderer) px(d float64) int { return int(math.Round(d * r.unit)) }

// pxf is px without rounding, for font sizes and radii.
func (r *Renderer) pxf(d float64) float64 { return d * r.unit }

// phrase returns one of the renderer's own words for count n (the count
// picks the plural form), with placeholders filled.
func (r *Renderer) phrase(w word, n int, pairs ...string) string {
	return fill(r.words[w].pick(r.pluralForm(n)), pairs...)
}

// newPanel makes an overlay image of size sz with the theme's panel as its
// background.
func (r *Renderer) newPanel(sz image.Point, radius float64) *image.RGBA {
	img := image.NewRGBA(image.Rectangle{Max: sz})
	r.fillRound(img, img.Rect, radius, r.theme.Panel, draw.Src)
	return img
}

// mirror turns a rectangle laid out from the start edge (left) into where
// it goes in an image w pixels wide: unchanged left to right, flipped in a
// right-to-left locale, so overlays read from the right there.
func (r *Renderer) mirror(rect image.Rectangle, w int) image.Rectangle {
	if !r.rtl {
		return rect
	}
	return image.Rect(w-rect.Max.X, rect.Min.Y, w-rect.Min.X, rect.Max.Y)
}

// placed positions img in its region.
func (r *Renderer) placed(g Region, img *image.RGBA) Placed {
	return Placed{Img: img, At: r.slots[g].place(img.Rect.Size())}
}
