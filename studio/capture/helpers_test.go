package capture

import (
	"image"
	"testing"
	"time"
)

// areaScale shrinks img to w x h by averaging, with fractional coverage, the
// source pixels under each destination pixel: what a good compositor scaler
// does, and the harshest case for thin features.
func areaScale(img *image.YCbCr, w, h int) *image.YCbCr {
	dst := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := img.Rect
	cr := chromaRect(r, img.SubsampleRatio)
	areaPlane(plane{dst.Y, dst.YStride, w, h}, plane{img.Y[img.YOffset(r.Min.X, r.Min.Y):], img.YStride, r.Dx(), r.Dy()})
	off := img.COffset(r.Min.X, r.Min.Y)
	areaPlane(plane{dst.Cb, dst.CStride, w / 2, h / 2}, plane{img.Cb[off:], img.CStride, cr.Dx(), cr.Dy()})
	areaPlane(plane{dst.Cr, dst.CStride, w / 2, h / 2}, plane{img.Cr[off:], img.CStride, cr.Dx(), cr.Dy()})
	return dst
}

func areaPlane(dst, src plane) {
	wx := areaWeights(src.w, dst.w)
	wy := areaWeights(src.h, dst.h)
	for dy := range dst.h {
		for dx := range dst.w {
			var sum, total float64
			for _, a := range wy[dy] {
				for _, b := range wx[dx] {
					wgt := a.w * b.w
					sum += wgt * float64(src.pix[a.i*src.stride+b.i])
					total += wgt
				}
			}
			dst.pix[dy*dst.stride+dx] = uint8(sum/total + 0.5)
		}
	}
}

type weight struct {
	i int
	w float64
}

// areaWeights lists, for each of n output pixels, the input pixels (of m)
// it covers and by how much.
func areaWeights(m, n int) [][]weight {
	out := make([][]weight, n)
	step := float64(m) / float64(n)
	for o := range out {
		lo, hi := float64(o)*step, float64(o+1)*step
		for i := int(lo); i < m && float64(i) < hi; i++ {
			cover := min(hi, float64(i+1)) - max(lo, float64(i))
			if cover > 1e-9 {
				out[o] = append(out[o], weight{i, cover})
			}
		}
	}
	return out
}

// paste copies src into dst with its top-left at p, as a compositor places
// a tile. p and src's corner must be even, as they are for I420 tiles.
func paste(dst, src *image.YCbCr, p image.Point) {
	r := src.Rect
	for y := range r.Dy() {
		copy(dst.Y[dst.YOffset(p.X, p.Y+y):][:r.Dx()], src.Y[src.YOffset(r.Min.X, r.Min.Y+y):])
	}
	for y := 0; y < r.Dy(); y += 2 {
		cw := r.Dx() / 2
		copy(dst.Cb[dst.COffset(p.X, p.Y+y):][:cw], src.Cb[src.COffset(r.Min.X, r.Min.Y+y):])
		copy(dst.Cr[dst.COffset(p.X, p.Y+y):][:cw], src.Cr[src.COffset(r.Min.X, r.Min.Y+y):])
	}
}

// scaleRect maps a rectangle by num/den, as a compositor maps a source's
// strip into its tile.
func scaleRect(r image.Rectangle, num, den int) image.Rectangle {
	return image.Rect(r.Min.X*num/den, r.Min.Y*num/den, r.Max.X*num/den, r.Max.Y*num/den)
}

// waitFor polls cond until it holds or the deadline passes; sources run on
// their own clocks, so tests wait on what they can observe.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newPattern returns an initialised pattern with a fixed clock.
func newPattern(t *testing.T, p *TestPattern) *TestPattern {
	t.Helper()
	if err := p.Initialize(); err != nil {
		t.Fatal(err)
	}
	return p
}
