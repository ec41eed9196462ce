package overlays

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// The top row: a LIVE badge, the viewer count beside it, and the
// disclosure tag under them. They are small, always-on overlays, so they
// are plain pills with one line each.

// liveSize is the LIVE badge's size, fixed per locale.
func (r *Renderer) liveSize() image.Point {
	b := r.layoutText(r.words[wLive].pick(0), textStyle{r.pxf(24), true, onColor(r.theme.Sale)}, 0, 1)
	return image.Pt(r.px(18)+r.px(12)+r.px(10)+b.width()+r.px(18), r.px(dBadgeH))
}

// LiveBadge draws the red "LIVE" pill with its dot.
func (r *Renderer) LiveBadge() Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	ink := onColor(t.Sale)
	b := r.layoutText(r.words[wLive].pick(0), textStyle{r.pxf(24), true, ink}, 0, 1)
	sz := r.liveSize()
	img := image.NewRGBA(image.Rectangle{Max: sz})
	r.fillRound(img, img.Rect, float64(sz.Y)/2, t.Sale, draw.Src)
	dot := r.mirror(image.Rect(r.px(18), 0, r.px(30), sz.Y), sz.X)
	r.fillCircle(img, float64(dot.Min.X+dot.Max.X)/2, float64(sz.Y)/2, r.pxf(6), ink)
	x := r.px(40)
	r.drawText(img, b, r.mirror(image.Rect(x, (sz.Y-b.lineH)/2, x+b.width(), (sz.Y-b.lineH)/2+b.lineH), sz.X), alignStart)
	return r.placed(RegionLive, img)
}

// Viewers draws the viewer count with an eye, "1,234 viewers" in the
// locale's digits and plural.
func (r *Renderer) Viewers(n int) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	n = max(n, 0)
	h := r.px(dBadgeH)
	icon := r.px(16) + r.px(28) + r.px(10)
	maxText := r.slots[RegionViewers].rect.Dx() - icon - r.px(18)
	b := r.layoutText(r.phrase(wViewers, n, "n", r.num(n)), textStyle{r.pxf(22), true, t.Text}, maxText, 1)
	w := icon + b.width() + r.px(18)
	img := r.newPanel(image.Pt(w, h), float64(h)/2)
	eye := r.mirror(image.Rect(r.px(16), 0, r.px(44), h), w)
	r.drawEye(img, float64(eye.Min.X+eye.Max.X)/2, float64(h)/2, r.pxf(14), t.Text)
	r.drawText(img, b, r.mirror(image.Rect(icon, (h-b.lineH)/2, icon+b.width(), (h-b.lineH)/2+b.lineH), w), alignStart)
	return r.placed(RegionViewers, img)
}

// drawEye draws an almond-shaped eye with a pupil, rx wide each side.
func (r *Renderer) drawEye(img *image.RGBA, cx, cy, rx float64, c color.RGBA) {
	ry := rx * 0.62
	var pts []float64
	const steps = 24
	for i := 0; i <= steps; i++ { // upper lid, left to right
		a := math.Pi * float64(i) / steps
		pts = append(pts, cx-rx*math.Cos(a), cy-ry*math.Sin(a))
	}
	for i := 1; i < steps; i++ { // lower lid, right to left
		a := math.Pi * float64(i) / steps
		pts = append(pts, cx+rx*math.Cos(a), cy+ry*math.Sin(a))
	}
	r.fillPolygon(img, pts, c)
	r.fillCircle(img, cx, cy, ry*0.72, opaque(r.theme.Panel))
	r.fillCircle(img, cx, cy, ry*0.32, c)
}

// opaque is a premultiplied colour at full opacity: the panel's colour
// without its transparency, for cut-outs drawn on top of other ink.
func opaque(c color.RGBA) color.RGBA {
	if c.A == 0 {
		return color.RGBA{A: 0xFF}
	}
	f := func(v uint8) uint8 { return uint8(min(255, (int(v)*255+int(c.A)/2)/int(c.A))) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), 0xFF}
}

// Disclosure draws the sponsorship tag ("Paid partnership", "#ad"); an
// empty text gives the locale's "Paid partnership".
func (r *Renderer) Disclosure(text string) Placed {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.theme
	if text == "" {
		text = r.words[wPartnership].pick(0)
	}
	h, padX := r.px(dDiscH), r.px(14)
	b := r.layoutText(text, textStyle{r.pxf(20), true, t.Text}, r.slots[RegionDisclosure].rect.Dx()-2*padX, 1)
	w := b.width() + 2*padX
	img := r.newPanel(image.Pt(w, h), r.pxf(8))
	r.strokeRound(img, img.Rect, r.pxf(8), math.Max(1, r.pxf(1.5)), withAlpha(t.Text, 0.45))
	r.drawText(img, b, image.Rect(padX, (h-b.lineH)/2, w-padX, (h-b.lineH)/2+b.lineH), alignCenter)
	return r.placed(RegionDisclosure, img)
}
