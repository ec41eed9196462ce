package overlays

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Glyphs are rasterized by go-text/render once per face, size and quarter
// pixel of horizontal and vertical phase, kept as alpha masks, and drawn
// from there. A card repeats few glyphs, but the flash sale redraws the
// same digits every second and a card is redrawn on every stock change;
// and render's rasterizer covers its whole target image, so drawing runs
// straight into a panel costs far more than stamping cached masks.

// glyphKey identifies one rasterized glyph.
type glyphKey struct {
	face   *font.Face
	gid    font.GID
	size   fixed.Int26_6
	px, py uint8 // sub-pixel phase in quarters of a pixel
}

// glyphMask is a glyph's coverage and where its top-left corner sits
// relative to the whole-pixel pen position.
type glyphMask struct {
	mask *image.Alpha
	off  image.Point
}

// maxCachedGlyphs bounds the cache: a few scripts at a dozen sizes.
const maxCachedGlyphs = 8192

// glyph returns the cached mask for g drawn at the given sub-pixel phase.
func (r *Renderer) glyph(run *shaping.Output, g shaping.Glyph, px, py uint8) glyphMask {
	k := glyphKey{run.Face, g.GlyphID, run.Size, px, py}
	if m, ok := r.glyphs[k]; ok {
		return m
	}
	if len(r.glyphs) >= maxCachedGlyphs {
		clear(r.glyphs) // rare: simpler than LRU, and refilled as drawn
	}
	// The glyph's ink box at this phase, with a pixel of margin for
	// anti-aliasing, relative to the pen at (0, 0) and the baseline.
	fx, fy := fixed.Int26_6(px)*16, fixed.Int26_6(py)*16
	left := (fx + g.XBearing).Floor() - 1
	right := (fx + g.XBearing + g.Width).Ceil() + 1
	top := (fy - g.YBearing).Floor() - 1
	bottom := (fy - g.YBearing - g.Height).Ceil() + 1
	w, h := right-left, bottom-top
	m := glyphMask{off: image.Pt(left, top)}
	if w <= 2 || h <= 2 { // a space, or a mark with no ink
		r.glyphs[k] = m
		return m
	}
	tmp := image.NewRGBA(image.Rect(0, 0, w, h))
	one := *run
	gg := g
	gg.XOffset, gg.YOffset, gg.XAdvance = fx, -fy, 0
	one.Glyphs = []shaping.Glyph{gg}
	r.rend.Color = color.White
	r.rend.PixScale = 1
	r.rend.FontSize = float32(run.Size) / 64
	r.rend.DrawShapedRunAt(one, tmp, -left, -top)
	m.mask = image.NewAlpha(tmp.Rect)
	for i := range m.mask.Pix {
		m.mask.Pix[i] = tmp.Pix[4*i+3]
	}
	r.glyphs[k] = m
	return m
}

// drawRun stamps a shaped run's glyphs onto dst with the pen starting at
// (x, baseline) in 26.6 fixed point; emboldened by a second stamp offset by
// embolden pixels when that is not zero.
func (r *Renderer) drawRun(dst *image.RGBA, run *shaping.Output, x fixed.Int26_6, baseline int, c color.RGBA, embolden int) {
	src := image.NewUniform(c)
	pen := x
	for _, g := range run.Glyphs {
		if g.GlyphID == 0 {
			r.notdef++ // .notdef, a box: cleanText should have made this impossible
		}
		gx := pen + g.XOffset
		gy := fixed.I(baseline) - g.YOffset
		// Round to the nearest quarter pixel; a phase of 4 is the next pixel.
		qx, qy := (gx+8)>>4, (gy+8)>>4
		m := r.glyph(run, g, uint8(qx&3), uint8(qy&3))
		pen += g.XAdvance
		if m.mask == nil {
			continue
		}
		at := image.Pt(int(qx>>2), int(qy>>2)).Add(m.off)
		rect := image.Rectangle{Min: at, Max: at.Add(m.mask.Rect.Size())}
		draw.DrawMask(dst, rect, src, image.Point{}, m.mask, image.Point{}, draw.Over)
		if embolden > 0 {
			draw.DrawMask(dst, rect.Add(image.Pt(embolden, 0)), src, image.Point{}, m.mask, image.Point{}, draw.Over)
		}
	}
}

// emboldenFor is how far a synthetic bold's second stamp is offset.
func emboldenFor(size float64) int { return max(1, int(math.Round(size/28))) }
