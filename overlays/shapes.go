package overlays

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// kappa places cubic Bézier control points so a quarter turn is a circle
// to within 0.03%.
const kappa = 0.5522847498

// fillRound fills rect with colour c, its corners rounded by radius, with
// anti-aliased edges. op is draw.Src for a panel's first coat (its alpha
// becomes the image's) and draw.Over for everything on top.
func (r *Renderer) fillRound(dst *image.RGBA, rect image.Rectangle, radius float64, c color.RGBA, op draw.Op) {
	rect = rect.Intersect(dst.Bounds())
	if rect.Empty() || c.A == 0 && op == draw.Over {
		return
	}
	rad := min(radius, float64(min(rect.Dx(), rect.Dy()))/2)
	// Only the corners need anti-aliasing: they are rasterized as quarter
	// discs, and the rest is filled as plain rectangles, which is most of
	// a panel's area at a fraction of the cost.
	k := int(math.Ceil(rad))
	u := image.NewUniform(c)
	if k == 0 {
		draw.Draw(dst, rect, u, image.Point{}, op)
		return
	}
	if 2*k > min(rect.Dx(), rect.Dy()) {
		// A pill: the corner windows would overlap and paint twice, and
		// the shape is small, so rasterize it whole.
		z := r.rasterizer(rect.Dx(), rect.Dy(), op)
		roundRectPath(z, 0, 0, float32(rect.Dx()), float32(rect.Dy()), float32(rad))
		z.Draw(dst, rect, u, image.Point{})
		return
	}
	draw.Draw(dst, image.Rect(rect.Min.X+k, rect.Min.Y, rect.Max.X-k, rect.Max.Y), u, image.Point{}, op)
	draw.Draw(dst, image.Rect(rect.Min.X, rect.Min.Y+k, rect.Min.X+k, rect.Max.Y-k), u, image.Point{}, op)
	draw.Draw(dst, image.Rect(rect.Max.X-k, rect.Min.Y+k, rect.Max.X, rect.Max.Y-k), u, image.Point{}, op)
	w, h := float32(rect.Dx()), float32(rect.Dy())
	for _, corner := range []image.Point{
		rect.Min, {rect.Max.X - k, rect.Min.Y}, {rect.Min.X, rect.Max.Y - k}, rect.Max.Sub(image.Pt(k, k)),
	} {
		// The whole shape's path, seen through a k x k window at the corner.
		z := r.rasterizer(k, k, op)
		ox, oy := float32(corner.X-rect.Min.X), float32(corner.Y-rect.Min.Y)
		roundRectPath(z, -ox, -oy, w, h, float32(rad))
		z.Draw(dst, image.Rectangle{Min: corner, Max: corner.Add(image.Pt(k, k))}, u, image.Point{})
	}
}

// roundRectPath adds a rounded rectangle to z's path.
func roundRectPath(z *vector.Rasterizer, x, y, w, h, rad float32) {
	k := rad * (1 - kappa)
	z.MoveTo(x+rad, y)
	z.LineTo(x+w-rad, y)
	z.CubeTo(x+w-k, y, x+w, y+k, x+w, y+rad)
	z.LineTo(x+w, y+h-rad)
	z.CubeTo(x+w, y+h-k, x+w-k, y+h, x+w-rad, y+h)
	z.LineTo(x+rad, y+h)
	z.CubeTo(x+k, y+h, x, y+h-k, x, y+h-rad)
	z.LineTo(x, y+rad)
	z.CubeTo(x, y+k, x+k, y, x+rad, y)
	z.ClosePath()
}

// strokeRound draws a rounded rectangle's outline of width t inside rect:
// the outer shape minus the inner one, filled with the non-zero rule by
// winding the inner path the other way.
func (r *Renderer) strokeRound(dst *image.RGBA, rect image.Rectangle, radius, t float64, c color.RGBA) {
	rect = rect.Intersect(dst.Bounds())
	if rect.Empty() {
		return
	}
	w, h := float32(rect.Dx()), float32(rect.Dy())
	rad := float32(min(radius, float64(min(rect.Dx(), rect.Dy()))/2))
	tt := float32(t)
	z := r.rasterizer(rect.Dx(), rect.Dy(), draw.Over)
	roundRectPath(z, 0, 0, w, h, rad)
	// Inner path, reversed.
	x, y, iw, ih, ir := tt, tt, w-2*tt, h-2*tt, max(0, rad-tt)
	k := ir * (1 - kappa)
	z.MoveTo(x+ir, y)
	z.CubeTo(x+k, y, x, y+k, x, y+ir)
	z.LineTo(x, y+ih-ir)
	z.CubeTo(x, y+ih-k, x+k, y+ih, x+ir, y+ih)
	z.LineTo(x+iw-ir, y+ih)
	z.CubeTo(x+iw-k, y+ih, x+iw, y+ih-k, x+iw, y+ih-ir)
	z.LineTo(x+iw, y+ir)
	z.CubeTo(x+iw, y+k, x+iw-k, y, x+iw-ir, y)
	z.ClosePath()
	z.Draw(dst, rect, image.NewUniform(c), image.Point{})
}

// dashedRound outlines rect with dashes (a coupon's cut line).
func (r *Renderer) dashedRound(dst *image.RGBA, rect image.Rectangle, t, dash float64, c color.RGBA) {
	d := max(2, int(math.Round(dash)))
	tw := max(1, int(math.Round(t)))
	for x := rect.Min.X; x < rect.Max.X; x += 2 * d {
		e := min(x+d, rect.Max.X)
		r.fillRound(dst, image.Rect(x, rect.Min.Y, e, rect.Min.Y+tw), 0, c, draw.Over)
		r.fillRound(dst, image.Rect(x, rect.Max.Y-tw, e, rect.Max.Y), 0, c, draw.Over)
	}
	for y := rect.Min.Y + 2*d; y < rect.Max.Y-2*d; y += 2 * d {
		e := min(y+d, rect.Max.Y-2*d)
		r.fillRound(dst, image.Rect(rect.Min.X, y, rect.Min.X+tw, e), 0, c, draw.Over)
		r.fillRound(dst, image.Rect(rect.Max.X-tw, y, rect.Max.X, e), 0, c, draw.Over)
	}
}

// fillCircle fills a disc centred at (cx, cy).
func (r *Renderer) fillCircle(dst *image.RGBA, cx, cy, radius float64, c color.RGBA) {
	rect := image.Rect(int(math.Floor(cx-radius)), int(math.Floor(cy-radius)), int(math.Ceil(cx+radius)), int(math.Ceil(cy+radius)))
	if !rect.In(dst.Bounds()) {
		return
	}
	z := r.rasterizer(rect.Dx(), rect.Dy(), draw.Over)
	ox, oy := float32(cx)-float32(rect.Min.X), float32(cy)-float32(rect.Min.Y)
	rad := float32(radius)
	k := rad * kappa
	z.MoveTo(ox+rad, oy)
	z.CubeTo(ox+rad, oy+k, ox+k, oy+rad, ox, oy+rad)
	z.CubeTo(ox-k, oy+rad, ox-rad, oy+k, ox-rad, oy)
	z.CubeTo(ox-rad, oy-k, ox-k, oy-rad, ox, oy-rad)
	z.CubeTo(ox+k, oy-rad, ox+rad, oy-k, ox+rad, oy)
	z.ClosePath()
	z.Draw(dst, rect, image.NewUniform(c), image.Point{})
}

// fillPolygon fills a closed polygon given in dst's coordinates.
func (r *Renderer) fillPolygon(dst *image.RGBA, pts []float64, c color.RGBA) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := 0; i+1 < len(pts); i += 2 {
		minX, maxX = min(minX, pts[i]), max(maxX, pts[i])
		minY, maxY = min(minY, pts[i+1]), max(maxY, pts[i+1])
	}
	rect := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	if rect.Empty() || !rect.In(dst.Bounds()) {
		return
	}
	z := r.rasterizer(rect.Dx(), rect.Dy(), draw.Over)
	ox, oy := float64(rect.Min.X), float64(rect.Min.Y)
	z.MoveTo(float32(pts[0]-ox), float32(pts[1]-oy))
	for i := 2; i+1 < len(pts); i += 2 {
		z.LineTo(float32(pts[i]-ox), float32(pts[i+1]-oy))
	}
	z.ClosePath()
	z.Draw(dst, rect, image.NewUniform(c), image.Point{})
}

// roundMask is an alpha mask of a rounded rectangle w x h, for clipping a
// photo to the card's corners.
func (r *Renderer) roundMask(w, h int, radius float64) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	z := r.rasterizer(w, h, draw.Src)
	roundRectPath(z, 0, 0, float32(w), float32(h), float32(min(radius, float64(min(w, h))/2)))
	z.Draw(m, m.Rect, image.Opaque, image.Point{})
	return m
}

// rasterizer returns the renderer's reusable rasterizer, reset to w x h.
func (r *Renderer) rasterizer(w, h int, op draw.Op) *vector.Rasterizer {
	r.vec.Reset(w, h)
	r.vec.DrawOp = op
	return &r.vec
}
