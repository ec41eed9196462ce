package compositor

import "image"

// Black in BT.601 limited range, the program's colour space.
const (
	blackY = 16
	blackC = 128
)

// plane is a window onto one 8-bit plane of an I420 picture. The scaler and
// the blenders work on planes and rows so that no pixel goes through
// image.Image's per-pixel interface.
type plane struct {
	pix    []byte
	stride int
	w, h   int
}

// row returns row y clipped to the window's width; the capacity is clipped
// too, so the compiler can drop bounds checks in loops over it.
func (p plane) row(y int) []byte {
	o := y * p.stride
	return p.pix[o : o+p.w : o+p.w]
}

// yuvPlanes returns the three planes of img restricted to r, given in the
// image's own coordinates with even edges (so chroma is exactly r/2).
func yuvPlanes(img *image.YCbCr, r image.Rectangle) (y, cb, cr plane) {
	yo := img.YOffset(r.Min.X, r.Min.Y)
	co := img.COffset(r.Min.X, r.Min.Y)
	y = plane{img.Y[yo:], img.YStride, r.Dx(), r.Dy()}
	cb = plane{img.Cb[co:], img.CStride, r.Dx() / 2, r.Dy() / 2}
	cr = plane{img.Cr[co:], img.CStride, r.Dx() / 2, r.Dy() / 2}
	return y, cb, cr
}

// fill paints the whole window with v. The first row is written byte by
// byte and the rest are copies of it, which the runtime does with memmove.
func (p plane) fill(v byte) {
	if p.w <= 0 || p.h <= 0 {
		return
	}
	first := p.row(0)
	for i := range first {
		first[i] = v
	}
	for y := 1; y < p.h; y++ {
		copy(p.row(y), first)
	}
}

// fillRect paints r (even edges, image coordinates) with one colour.
func fillRect(img *image.YCbCr, r image.Rectangle, y, cb, cr byte) {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return
	}
	py, pcb, pcr := yuvPlanes(img, r)
	py.fill(y)
	pcb.fill(cb)
	pcr.fill(cr)
}

// fillBars paints black the parts of cell that dst (inside it) leaves
// uncovered: at most a band above, below, left and right of dst.
func fillBars(img *image.YCbCr, cell, dst image.Rectangle) {
	if dst == cell {
		return
	}
	bands := [4]image.Rectangle{
		image.Rect(cell.Min.X, cell.Min.Y, cell.Max.X, dst.Min.Y),
		image.Rect(cell.Min.X, dst.Max.Y, cell.Max.X, cell.Max.Y),
		image.Rect(cell.Min.X, dst.Min.Y, dst.Min.X, dst.Max.Y),
		image.Rect(dst.Max.X, dst.Min.Y, cell.Max.X, dst.Max.Y),
	}
	for _, b := range bands {
		if !b.Empty() {
			fillRect(img, b, blackY, blackC, blackC)
		}
	}
}

// to420 returns img itself when it is already 4:2:0, and otherwise a 4:2:0
// copy in scratch (reused when the size matches). Sources should hand out
// I420, so this is the odd still image decoded from a 4:2:2 or 4:4:4 JPEG;
// it favours being simple over being fast.
func to420(img *image.YCbCr, scratch **image.YCbCr) *image.YCbCr {
	if img.SubsampleRatio == image.YCbCrSubsampleRatio420 {
		return img
	}
	r := img.Rect
	out := *scratch
	if out == nil || out.Rect != r {
		out = image.NewYCbCr(r, image.YCbCrSubsampleRatio420)
		*scratch = out
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(out.Y[out.YOffset(r.Min.X, y):out.YOffset(r.Min.X, y)+r.Dx()], img.Y[img.YOffset(r.Min.X, y):])
	}
	// Each 4:2:0 chroma sample averages the source chroma samples under
	// its 2x2 block of luma positions (clipped at the picture's edge).
	for y := r.Min.Y &^ 1; y < r.Max.Y; y += 2 {
		for x := r.Min.X &^ 1; x < r.Max.X; x += 2 {
			var sb, sr, n int
			for dy := range 2 {
				for dx := range 2 {
					p := image.Pt(x+dx, y+dy)
					if !p.In(r) {
						continue
					}
					o := img.COffset(p.X, p.Y)
					sb += int(img.Cb[o])
					sr += int(img.Cr[o])
					n++
				}
			}
			o := out.COffset(max(x, r.Min.X), max(y, r.Min.Y))
			out.Cb[o] = byte((sb + n/2) / n)
			out.Cr[o] = byte((sr + n/2) / n)
		}
	}
	return out
}
