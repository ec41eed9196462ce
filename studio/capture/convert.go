package capture

import (
	"image"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Everything a source publishes is I420 at an even size, because that is
// what the compositor and the encoder take without another conversion.
// Drivers and image decoders hand out 4:2:2, 4:4:4, RGBA, paletted and grey
// pictures of any size; these functions turn them into that one format.

// evenSize rounds a picture's size down to even (dropping at most one row
// and one column nobody will miss), but never below 2x2.
func evenSize(r image.Rectangle) media.Size {
	return media.Size{W: max(2, r.Dx()&^1), H: max(2, r.Dy()&^1)}
}

// toI420 converts src to a new I420 image of the given size, scaling when
// the size differs from src's.
func toI420(src image.Image, size media.Size) *image.YCbCr {
	if yc, ok := src.(*image.YCbCr); ok {
		return scaleYCbCr(yc, size)
	}
	native := rgbToI420(src)
	if native.Rect.Dx() == size.W && native.Rect.Dy() == size.H {
		return native
	}
	return scaleYCbCr(native, size)
}

// rgbToI420 converts any non-YCbCr picture at its own (even) size. Alpha is
// composited over black, as a transparent PNG on a dark canvas would look.
func rgbToI420(src image.Image) *image.YCbCr {
	b := src.Bounds()
	size := evenSize(b)
	dst := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
	rgb := func(x, y int) (uint8, uint8, uint8) {
		x = b.Min.X + min(x, b.Dx()-1)
		y = b.Min.Y + min(y, b.Dy()-1)
		switch s := src.(type) {
		case *image.RGBA:
			i := s.PixOffset(x, y)
			return s.Pix[i], s.Pix[i+1], s.Pix[i+2]
		case *image.NRGBA:
			i := s.PixOffset(x, y)
			a := uint32(s.Pix[i+3])
			return uint8(uint32(s.Pix[i]) * a / 255), uint8(uint32(s.Pix[i+1]) * a / 255), uint8(uint32(s.Pix[i+2]) * a / 255)
		}
		r, g, bl, _ := src.At(x, y).RGBA()
		return uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)
	}
	for y := 0; y < size.H; y += 2 {
		for x := 0; x < size.W; x += 2 {
			var cb, cr int
			for _, d := range [4]image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, bl := rgb(x+d.X, y+d.Y)
				yy, u, v := media.RGBToYCbCr(r, g, bl)
				dst.Y[dst.YOffset(x+d.X, y+d.Y)] = yy
				cb += int(u)
				cr += int(v)
			}
			c := dst.COffset(x, y)
			dst.Cb[c] = uint8((cb + 2) / 4)
			dst.Cr[c] = uint8((cr + 2) / 4)
		}
	}
	return dst
}

// scaleYCbCr resamples each plane of src (any subsampling) bilinearly into a
// new I420 image of the given size. Same-size planes are copied row by row.
func scaleYCbCr(src *image.YCbCr, size media.Size) *image.YCbCr {
	dst := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
	r := src.Rect
	scalePlane(plane{dst.Y, dst.YStride, size.W, size.H},
		plane{src.Y[src.YOffset(r.Min.X, r.Min.Y):], src.YStride, r.Dx(), r.Dy()})
	cr := chromaRect(r, src.SubsampleRatio)
	off := src.COffset(r.Min.X, r.Min.Y)
	cw, ch := size.W/2, size.H/2
	scalePlane(plane{dst.Cb, dst.CStride, cw, ch}, plane{src.Cb[off:], src.CStride, cr.Dx(), cr.Dy()})
	scalePlane(plane{dst.Cr, dst.CStride, cw, ch}, plane{src.Cr[off:], src.CStride, cr.Dx(), cr.Dy()})
	return dst
}

// chromaRect is the chroma plane's rectangle for a luma rectangle, the same
// rounding image.NewYCbCr uses.
func chromaRect(r image.Rectangle, ratio image.YCbCrSubsampleRatio) image.Rectangle {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	switch ratio {
	case image.YCbCrSubsampleRatio422:
		x0, x1 = x0/2, (x1+1)/2
	case image.YCbCrSubsampleRatio420:
		x0, x1, y0, y1 = x0/2, (x1+1)/2, y0/2, (y1+1)/2
	case image.YCbCrSubsampleRatio440:
		y0, y1 = y0/2, (y1+1)/2
	case image.YCbCrSubsampleRatio411:
		x0, x1 = x0/4, (x1+3)/4
	case image.YCbCrSubsampleRatio410:
		x0, x1, y0, y1 = x0/4, (x1+3)/4, y0/2, (y1+1)/2
	}
	return image.Rect(x0, y0, x1, y1)
}

// plane is one 8-bit image plane: pixels, stride, width, height.
type plane struct {
	pix    []byte
	stride int
	w, h   int
}

// scalePlane resamples src into dst with pixel-centre-aligned bilinear
// interpolation in 16.16 fixed point. Bilinear is plenty here: cameras are
// asked for the size they are scaled to, so the ratio is near 1, and the
// compositor does the big scaling.
func scalePlane(dst, src plane) {
	if src.w == 0 || src.h == 0 {
		return
	}
	if dst.w == src.w && dst.h == src.h {
		for y := range dst.h {
			copy(dst.pix[y*dst.stride:y*dst.stride+dst.w], src.pix[y*src.stride:])
		}
		return
	}
	xs := make([]int, dst.w) // 16.16 source x of each destination column
	for x := range xs {
		xs[x] = centreMap(x, src.w, dst.w)
	}
	for y := range dst.h {
		sy := centreMap(y, src.h, dst.h)
		y0, fy := sy>>16, sy&0xffff
		y1 := min(y0+1, src.h-1)
		r0 := src.pix[y0*src.stride:]
		r1 := src.pix[y1*src.stride:]
		out := dst.pix[y*dst.stride : y*dst.stride+dst.w]
		for x, sx := range xs {
			x0, fx := sx>>16, sx&0xffff
			x1 := min(x0+1, src.w-1)
			top := int(r0[x0])<<16 + (int(r0[x1])-int(r0[x0]))*fx
			bot := int(r1[x0])<<16 + (int(r1[x1])-int(r1[x0]))*fx
			v := top + (bot-top)*fy>>16 // int is 64-bit: no overflow
			out[x] = uint8((v + 1<<15) >> 16)
		}
	}
}

// centreMap maps destination index i (of n) to a 16.16 source position (of
// m) so pixel centres line up, clamped to the source's first and last pixel.
func centreMap(i, m, n int) int {
	p := ((2*i+1)*m*65536/n - 65536) / 2
	return max(0, min(p, (m-1)<<16))
}
