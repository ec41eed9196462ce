package compositor

import (
	"fmt"
	"image"
)

// Fit says how a source whose aspect ratio differs from its cell is fitted.
type Fit string

const (
	// Letterbox shows the whole picture with black bars (the default: never
	// cut off the product a seller holds up to the camera).
	Letterbox Fit = "letterbox"
	// Fill covers the cell, cropping the centre of the picture.
	Fill Fit = "fill"
)

// SourceView is how one source is framed wherever a layout puts it.
type SourceView struct {
	// Crop is the part of the source picture to show, in source pixels;
	// the empty rectangle means the whole frame. It is clipped to the frame
	// and rounded outward to even coordinates (I420 chroma is per 2x2 block).
	Crop image.Rectangle
	Fit  Fit
}

// Validate reports an unknown fit or an inverted crop, for callers that load
// views from a file; the canvas itself treats an unknown fit as letterbox.
func (v SourceView) Validate() error {
	switch v.Fit {
	case "", Letterbox, Fill:
	default:
		return fmt.Errorf("%w: fit %q (want letterbox or fill)", ErrBadView, v.Fit)
	}
	if v.Crop.Min.X > v.Crop.Max.X || v.Crop.Min.Y > v.Crop.Max.Y {
		return fmt.Errorf("%w: crop %v is inverted", ErrBadView, v.Crop)
	}
	return nil
}

// place works out which source pixels go to which canvas pixels: src is a
// rectangle of the source picture, dst a rectangle inside cell; the rest of
// cell is letterbox bars. Both are even-aligned. ok is false when nothing of
// the source is left to show.
func place(bounds image.Rectangle, v SourceView, cell image.Rectangle) (src, dst image.Rectangle, ok bool) {
	whole := evenInside(bounds)
	src = whole
	if !v.Crop.Empty() {
		src = evenOutside(v.Crop).Intersect(whole)
	}
	if src.Dx() < 2 || src.Dy() < 2 || cell.Dx() < 2 || cell.Dy() < 2 {
		return src, cell, false
	}
	sw, sh := src.Dx(), src.Dy()
	cw, ch := cell.Dx(), cell.Dy()
	// Compare aspect ratios exactly in integers: sw/sh against cw/ch.
	wider, taller := sw*ch > sh*cw, sw*ch < sh*cw
	if v.Fit == Fill {
		switch {
		case wider: // keep the full height, take the middle columns
			w := clampEven(roundDiv(sh*cw, ch), sw)
			x := src.Min.X + even((sw-w)/2)
			src = image.Rect(x, src.Min.Y, x+w, src.Max.Y)
		case taller:
			h := clampEven(roundDiv(sw*ch, cw), sh)
			y := src.Min.Y + even((sh-h)/2)
			src = image.Rect(src.Min.X, y, src.Max.X, y+h)
		}
		return src, cell, true
	}
	dst = cell
	switch {
	case wider: // bars above and below
		h := clampEven(roundDiv(cw*sh, sw), ch)
		y := cell.Min.Y + even((ch-h)/2)
		dst = image.Rect(cell.Min.X, y, cell.Max.X, y+h)
	case taller: // bars left and right
		w := clampEven(roundDiv(ch*sw, sh), cw)
		x := cell.Min.X + even((cw-w)/2)
		dst = image.Rect(x, cell.Min.Y, x+w, cell.Max.Y)
	}
	return src, dst, true
}

// roundDiv is a/b rounded to the nearest even integer, for positive a, b.
func roundDiv(a, b int) int { return (a + b) / (2 * b) * 2 }

// clampEven keeps n within [2, limit] (limit is even).
func clampEven(n, limit int) int { return max(2, min(n, limit)) }

// evenInside shrinks r to even edges, so an odd-sized picture loses its last
// row or column rather than reading a chroma sample that does not exist.
func evenInside(r image.Rectangle) image.Rectangle {
	return image.Rect(even(r.Min.X+1), even(r.Min.Y+1), even(r.Max.X), even(r.Max.Y))
}

// evenOutside grows r to even edges, so a crop never loses what was asked.
func evenOutside(r image.Rectangle) image.Rectangle {
	return image.Rect(even(r.Min.X), even(r.Min.Y), even(r.Max.X+1), even(r.Max.Y+1))
}
