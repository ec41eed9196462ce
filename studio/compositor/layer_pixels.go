package compositor

import "image"

// layerPixels is a layer's content in the program's colour space, converted
// once per content change. Colour is premultiplied by alpha, so blending is
// one multiply-add per byte: out = colour*opacity + under*(1 - alpha*opacity).
// Chroma and its alpha are at half resolution, like the canvas.
type layerPixels struct {
	w, h      int // even
	y, a      []byte
	cb, cr, c []byte // c: chroma alpha, the mean of each 2x2 block's alpha
	// Runs of clear, opaque and mixed pixels per row, found once per
	// content change: a card is mostly an opaque panel in a clear box, so
	// the blend skips the clear runs and copies the opaque ones.
	ySpans, cSpans [][]span
}

// BT.601 limited range (the matrix the encoder tags), in 16.16 fixed point:
// Y = 16 + 0.2568R + 0.5041G + 0.0979B, Cb = 128 - 0.1482R - 0.2910G +
// 0.4392B, Cr = 128 + 0.4392R - 0.3678G - 0.0714B. Sixteen fractional bits
// keep every primary within rounding of the exact value (eight do not).
//
// image.RGBA is already premultiplied, and a premultiplied Y is
// alpha*Y(colour) = 16*alpha + linear(premultiplied RGB); same for chroma
// around 128. So the offsets are scaled by alpha and the matrix applies
// directly.
const (
	yR, yG, yB    = 16829, 33039, 6416
	cbR, cbG, cbB = -9714, -19070, 28784
	crR, crG, crB = 28784, -24103, -4681
	fixHalf       = 1 << 15
)

func convertRGBA(img *image.RGBA) *layerPixels {
	b := img.Bounds()
	w, h := (b.Dx()+1)&^1, (b.Dy()+1)&^1 // odd sizes gain a transparent edge
	px := &layerPixels{w: w, h: h,
		y: make([]byte, w*h), a: make([]byte, w*h),
		cb: make([]byte, w*h/4), cr: make([]byte, w*h/4), c: make([]byte, w*h/4)}
	cw := w / 2
	// Chroma is summed over each 2x2 block first, then averaged.
	sumB := make([]int, cw)
	sumR := make([]int, cw)
	sumA := make([]int, cw)
	for y := range h {
		if y%2 == 0 {
			clear(sumB)
			clear(sumR)
			clear(sumA)
		}
		if y < b.Dy() {
			src := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
			src = src[:4*b.Dx()]
			yrow, arow := px.y[y*w:(y+1)*w], px.a[y*w:(y+1)*w]
			for x := range b.Dx() {
				p := src[4*x : 4*x+4 : 4*x+4]
				r, g, bl, a := int(p[0]), int(p[1]), int(p[2]), int(p[3])
				yrow[x] = byte((yR*r + yG*g + yB*bl + (16<<16)*a/255 + fixHalf) >> 16)
				arow[x] = byte(a)
				off := (128<<16)*a/255 + fixHalf
				sumB[x/2] += (cbR*r + cbG*g + cbB*bl + off) >> 16
				sumR[x/2] += (crR*r + crG*g + crB*bl + off) >> 16
				sumA[x/2] += a
			}
		}
		if y%2 == 1 {
			o := (y / 2) * cw
			for i := range cw {
				px.cb[o+i] = byte((sumB[i] + 2) >> 2)
				px.cr[o+i] = byte((sumR[i] + 2) >> 2)
				px.c[o+i] = byte((sumA[i] + 2) >> 2)
			}
		}
	}
	px.ySpans = spansOf(px.a, w, h)
	px.cSpans = spansOf(px.c, cw, h/2)
	return px
}

// blend draws the layer onto dst inside the layer's rectangle clipped to the
// canvas, and returns how many luma pixels it touched.
func (s layerSnap) blend(dst *image.YCbCr) int {
	px := s.px
	r := image.Rectangle{Min: s.at, Max: s.at.Add(image.Pt(px.w, px.h))}.Intersect(dst.Rect)
	if r.Empty() {
		return 0
	}
	dy, dcb, dcr := yuvPlanes(dst, r)
	ox, oy := r.Min.X-s.at.X, r.Min.Y-s.at.Y // even: at and r.Min are
	for y := range dy.h {
		o := (oy + y) * px.w
		blendSpans(dy.row(y), px.y[o:o+px.w], px.a[o:o+px.w], px.ySpans[oy+y], ox, s.opacity)
	}
	cw := px.w / 2
	for y := range dcb.h {
		o := (oy/2 + y) * cw
		sp := px.cSpans[oy/2+y]
		blendSpans(dcb.row(y), px.cb[o:o+cw], px.c[o:o+cw], sp, ox/2, s.opacity)
		blendSpans(dcr.row(y), px.cr[o:o+cw], px.c[o:o+cw], sp, ox/2, s.opacity)
	}
	return r.Dx() * r.Dy()
}

// blendRow: dst = src*op + dst*(1 - alpha*op), with op in 0..256 and alpha
// stretched from 0..255 to 0..256 so that opaque really replaces.
func blendRow(dst, src, alpha []byte, op int) {
	src, alpha = src[:len(dst)], alpha[:len(dst)]
	for i, d := range dst {
		a := int(alpha[i])
		if a == 0 { // most of a card's bounding box is often clear
			continue
		}
		a += a >> 7
		v := (int(src[i])*op + (int(d)*(65536-a*op))>>8 + 128) >> 8
		dst[i] = byte(min(v, 255))
	}
}
