package capture

import (
	"image"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// renderText rasterises s with the 7x13 bitmap face, scaled up by a whole
// factor so the mask is about px pixels tall and at most maxWidth wide.
// Whole-factor nearest scaling keeps the glyphs crisp, which reads better
// after H.264 than a blurred bitmap. (An opentype face would look nicer,
// but x/image's sfnt needs golang.org/x/text, which the module does not
// carry.) Sources render their text once and blit the mask into each frame.
func renderText(s string, px, maxWidth int) *image.Alpha {
	face := basicfont.Face7x13
	width := font.MeasureString(face, s).Ceil()
	if s == "" || width == 0 {
		return image.NewAlpha(image.Rect(0, 0, 0, 0))
	}
	small := image.NewAlpha(image.Rect(0, 0, width, face.Height))
	d := font.Drawer{Dst: small, Src: image.Opaque, Face: face, Dot: fixed.P(0, face.Ascent)}
	d.DrawString(s)

	scale := max(1, min(px/face.Height, maxWidth/width))
	big := image.NewAlpha(image.Rect(0, 0, width*scale, face.Height*scale))
	for y := range big.Rect.Dy() {
		src := small.Pix[small.PixOffset(0, y/scale):]
		dst := big.Pix[big.PixOffset(0, y):]
		for x := range big.Rect.Dx() {
			dst[x] = src[x/scale]
		}
	}
	return big
}

// blitText paints mask onto img at top-left p in luma y, with a dark shadow
// so the text stays readable on any background, and pulls chroma towards
// grey under the glyphs so white text is white on a coloured background.
func blitText(img *image.YCbCr, mask *image.Alpha, p image.Point, y uint8) {
	shadow := max(1, mask.Rect.Dy()/24)
	blitMask(img, mask, p.Add(image.Pt(shadow, shadow)), 16)
	blitMask(img, mask, p, y)
}

// centreText returns where to put mask so it is centred horizontally in
// img with its top at y.
func centreText(img *image.YCbCr, mask *image.Alpha, y int) image.Point {
	return image.Pt(img.Rect.Min.X+(img.Rect.Dx()-mask.Rect.Dx())/2, y)
}

func blitMask(img *image.YCbCr, mask *image.Alpha, p image.Point, y uint8) {
	dst := mask.Rect.Add(p).Intersect(img.Rect)
	for py := dst.Min.Y; py < dst.Max.Y; py++ {
		for px := dst.Min.X; px < dst.Max.X; px++ {
			a := int(mask.Pix[mask.PixOffset(px-p.X, py-p.Y)])
			if a == 0 {
				continue
			}
			i := img.YOffset(px, py)
			img.Y[i] = blend(img.Y[i], y, a)
			if px&1 == 0 && py&1 == 0 {
				c := img.COffset(px, py)
				img.Cb[c] = blend(img.Cb[c], 128, a)
				img.Cr[c] = blend(img.Cr[c], 128, a)
			}
		}
	}
}

func blend(under, over uint8, a int) uint8 {
	return uint8((int(under)*(255-a) + int(over)*a + 127) / 255)
}

// fillRect paints r (clipped to img) in one YCbCr colour.
func fillRect(img *image.YCbCr, r image.Rectangle, y, cb, cr uint8) {
	r = r.Intersect(img.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		row := img.Y[img.YOffset(r.Min.X, py):]
		for px := range r.Dx() {
			row[px] = y
		}
	}
	// Chroma covers 2x2 luma pixels; round outward so a box with odd
	// edges still gets its colour over its whole area.
	for py := r.Min.Y &^ 1; py < r.Max.Y; py += 2 {
		for px := r.Min.X &^ 1; px < r.Max.X; px += 2 {
			c := img.COffset(px, py)
			img.Cb[c], img.Cr[c] = cb, cr
		}
	}
}
