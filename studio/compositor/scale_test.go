package compositor

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randomPlane(rng *rand.Rand, w, h int) plane {
	p := plane{pix: make([]byte, w*h), stride: w, w: w, h: h}
	for i := range p.pix {
		p.pix[i] = byte(rng.IntN(256))
	}
	return p
}

func newPlane(w, h int) plane { return plane{pix: make([]byte, w*h), stride: w, w: w, h: h} }

// weights1D is the textbook filter in floating point: area coverage when
// shrinking, centre-aligned linear interpolation when growing.
func weights1D(src, dst, i int) map[int]float64 {
	w := map[int]float64{}
	switch {
	case dst < src:
		r := float64(src) / float64(dst)
		b, e := float64(i)*r, float64(i+1)*r
		for j := int(b); float64(j) < e; j++ {
			w[j] = (math.Min(e, float64(j+1)) - math.Max(b, float64(j))) / r
		}
	case dst > src:
		pos := math.Max(0, (float64(i)+0.5)*float64(src)/float64(dst)-0.5)
		j := int(pos)
		if j >= src-1 {
			w[src-1] = 1
			break
		}
		w[j], w[j+1] = 1-(pos-float64(j)), pos-float64(j)
	default:
		w[i] = 1
	}
	return w
}

// reference scales as the scaler is specified to: shrink by exact 2x2
// averages while both axes shrink by 2 or more, then filter in floating point.
func reference(src plane, dw, dh int) []float64 {
	isFast := (src.w == 2*dw && src.h == 2*dh) || (src.w == 4*dw && src.h == 4*dh)
	if !isFast && src.w >= 2*dw && src.h >= 2*dh {
		h := newPlane(src.w/2, src.h/2)
		for y := range h.h {
			for x := range h.w {
				o := 2*y*src.stride + 2*x
				sum := int(src.pix[o]) + int(src.pix[o+1]) + int(src.pix[o+src.stride]) + int(src.pix[o+src.stride+1])
				h.pix[y*h.w+x] = byte((sum + 2) >> 2)
			}
		}
		return reference(h, dw, dh)
	}
	out := make([]float64, dw*dh)
	for y := range dh {
		wy := weights1D(src.h, dh, y)
		for x := range dw {
			wx := weights1D(src.w, dw, x)
			sum := 0.0
			for j, a := range wy {
				for i, b := range wx {
					sum += a * b * float64(src.pix[j*src.stride+i])
				}
			}
			out[y*dw+x] = sum
		}
	}
	return out
}

// The fixed-point scaler agrees with the floating-point filter to within one
// level everywhere, for shrinking, growing and mixed scales.
func TestScaleMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][4]int{ // src w, h -> dst w, h
		{64, 36, 48, 27}, {64, 36, 21, 13}, {30, 20, 64, 50}, {40, 40, 17, 90},
		{64, 36, 32, 18}, {64, 36, 16, 9}, {9, 7, 9, 7}, {1920, 8, 1280, 6}, {7, 5, 3, 2},
		{192, 108, 32, 18}, {200, 120, 13, 7}, {64, 40, 60, 12}, {24, 6, 150, 3},
	}
	var s scaler
	for _, sz := range sizes {
		src := randomPlane(rng, sz[0], sz[1])
		dst := newPlane(sz[2], sz[3])
		s.scalePlane(dst, src)
		ref := reference(src, sz[2], sz[3])
		for i, v := range dst.pix {
			if math.Abs(float64(v)-ref[i]) > 1 {
				t.Fatalf("%v: pixel %d is %d, reference %.2f", sz, i, v, ref[i])
			}
		}
	}
}

// The 1:1, 2:1 and 4:1 fast paths give exactly what the general filter does,
// including widths that leave a scalar tail after the 8-byte words.
func TestFastPathsMatchGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var s scaler
	for _, tc := range []struct{ w, h, div int }{
		{1280, 8, 2}, {1280, 8, 4}, {36, 4, 2}, {44, 8, 4}, {14, 6, 2}, {12, 12, 4}, {10, 6, 1},
	} {
		src := randomPlane(rng, tc.w, tc.h)
		fast, slow := newPlane(tc.w/tc.div, tc.h/tc.div), newPlane(tc.w/tc.div, tc.h/tc.div)
		s.scalePlane(fast, src)
		s.resample(slow, src)
		for i := range fast.pix {
			if fast.pix[i] != slow.pix[i] {
				t.Fatalf("%+v: pixel %d fast %d, general %d", tc, i, fast.pix[i], slow.pix[i])
			}
		}
	}
}

// Windows into larger planes (a crop, a cell) read and write only inside.
func TestScaleRespectsStride(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	big := randomPlane(rng, 100, 50)
	dstBig := newPlane(80, 40)
	for i := range dstBig.pix {
		dstBig.pix[i] = 7
	}
	src := plane{pix: big.pix[10*100+20:], stride: 100, w: 40, h: 20}
	dst := plane{pix: dstBig.pix[5*80+6:], stride: 80, w: 30, h: 15}
	var s scaler
	s.scalePlane(dst, src)
	for y := range 40 {
		for x := range 80 {
			inside := x >= 6 && x < 36 && y >= 5 && y < 20
			if v := dstBig.pix[y*80+x]; !inside && v != 7 {
				t.Fatalf("wrote outside the window at (%d,%d)", x, y)
			}
		}
	}
}

// The phase-by-phase horizontal pass (for ratios that repeat, like 3:2)
// gives exactly what the per-pixel pass does, edges included.
func TestHorizontalPhasesMatchPerPixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, sz := range [][2]int{{1920, 1280}, {1280, 720}, {640, 1280}, {480, 320}, {406, 720}, {30, 20}, {100, 99}} {
		var f filter
		f.build(sz[0], sz[1])
		if q := sz[1] / gcd(sz[0], sz[1]); f.q == 0 && q <= maxPhases && sz[1] >= 3*q {
			t.Errorf("%v: no repeating pattern found", sz)
		}
		acc := make([]int32, sz[0])
		for i := range acc {
			acc[i] = int32(rng.IntN(256 << accBits))
		}
		fast, slow := make([]byte, sz[1]), make([]byte, sz[1])
		horizontal(fast, acc, &f)
		horizontalRange(slow, acc, &f, 0, sz[1])
		for i := range fast {
			if fast[i] != slow[i] {
				t.Fatalf("%v: output %d is %d by phases, %d per pixel (p %d q %d lo %d hi %d)",
					sz, i, fast[i], slow[i], f.p, f.q, f.lo, f.hi)
			}
		}
	}
}
