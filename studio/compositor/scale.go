package compositor

// The scaler resizes one I420 plane into another. Each axis gets its own
// 1-D filter, chosen by direction: an area-averaging box when shrinking
// (every source pixel counts by how much of it falls under the output
// pixel, so fine detail such as price text does not shimmer), bilinear when
// growing, and a plain copy when the size is the same. Exact 1:1, 2:1 and 4:1
// on both axes, the PiP and grid cases at 720p, skip the filters entirely
// (scale_fast.go); the filter loops are in scale_kernels.go.

const (
	filterBits = 14
	filterOne  = 1 << filterBits
	// The vertical pass keeps 8 fractional bits, so the horizontal pass can
	// multiply in 32 bits: 255<<8 * filterOne is below 1<<31.
	accBits   = 8
	accShift  = filterBits - accBits
	accRound  = 1 << (accShift - 1)
	outShift  = filterBits + accBits
	outRound  = 1 << (outShift - 1)
	maxPhases = 64 // longest repeating weight pattern worth unrolling
)

// filter is a 1-D resampling filter with a fixed number of taps per output
// sample: output i reads taps pixels from start[i] with weights
// w[i*taps:(i+1)*taps], which sum to exactly filterOne so a flat colour
// stays exactly that colour. A fixed tap count keeps the loops simple;
// unused taps carry zero weight.
//
// When the ratio reduces to p:q with a small q (1920:1280 is 3:2), the
// weights repeat every q outputs while the start moves on by p. Outputs
// q*k+φ for k in [lo, hi) then use phases[φ], so the horizontal pass keeps
// one phase's weights in registers instead of loading them per pixel.
type filter struct {
	taps   int
	start  []int32
	w      []int32
	p, q   int // q == 0: no repeating pattern
	lo, hi int
	phases [maxPhases]phase
}

// phase is one output position of the repeating pattern, with its zero
// taps trimmed: it reads n pixels from base + p*k.
type phase struct {
	base int
	n    int
	w    [3]int32
}

// build fills f for resampling src samples to dst samples, reusing its slices.
func (f *filter) build(src, dst int) {
	switch {
	case dst < src:
		f.box(src, dst)
	case dst > src && src > 1:
		f.bilinear(src, dst)
	default: // same size, or a one-pixel source stretched
		f.reset(dst, 1)
		for i := range dst {
			f.start[i] = int32(min(i, src-1))
			f.w[i] = filterOne
		}
	}
	f.findPeriod(src, dst)
}

func (f *filter) reset(dst, taps int) {
	f.taps = taps
	f.start = grow(f.start, dst)
	f.w = grow(f.w, dst*taps)
	clear(f.w)
}

// box: output i covers source span [i*src/dst, (i+1)*src/dst). Measured in
// units of 1/dst of a source pixel the span is [i*src, (i+1)*src) and pixel j
// is [j*dst, (j+1)*dst), so the overlaps are exact integers.
func (f *filter) box(src, dst int) {
	taps := min(src, (src+dst-1)/dst+1)
	f.reset(dst, taps)
	for i := range dst {
		begin, end := i*src, (i+1)*src
		j0, j1 := begin/dst, (end+dst-1)/dst
		start := min(j0, src-taps)
		f.start[i] = int32(start)
		ws := f.w[i*taps : (i+1)*taps]
		sum, big := 0, j0-start
		for j := j0; j < j1; j++ {
			overlap := min(end, (j+1)*dst) - max(begin, j*dst)
			w := (overlap*filterOne + src/2) / src
			ws[j-start] = int32(w)
			sum += w
			if ws[j-start] > ws[big] {
				big = j - start
			}
		}
		ws[big] += int32(filterOne - sum) // rounding leftovers go to the heaviest tap
	}
}

// bilinear: output i's centre maps to source position (i+0.5)*src/dst-0.5,
// which in units of 1/(2*dst) is (2i+1)*src-dst; edges clamp.
func (f *filter) bilinear(src, dst int) {
	f.reset(dst, 2)
	den := 2 * dst
	for i := range dst {
		pos := max(0, (2*i+1)*src-dst)
		j, frac := pos/den, pos%den
		w1 := (frac*filterOne + dst) / den
		if j >= src-1 {
			j, w1 = src-2, filterOne
		}
		f.start[i] = int32(j)
		f.w[2*i] = int32(filterOne - w1)
		f.w[2*i+1] = int32(w1)
	}
}

// trimmed returns output i's taps without leading and trailing zeros.
func (f *filter) trimmed(i int) phase {
	ws := f.w[i*f.taps : (i+1)*f.taps]
	first := int(f.start[i])
	for len(ws) > 1 && ws[len(ws)-1] == 0 {
		ws = ws[:len(ws)-1]
	}
	for len(ws) > 1 && ws[0] == 0 {
		ws, first = ws[1:], first+1
	}
	ph := phase{base: first, n: len(ws)}
	if len(ws) <= len(ph.w) {
		copy(ph.w[:], ws)
	}
	return ph
}

// findPeriod finds the repeating pattern, if there is one worth using. The
// phases come from the second period, since clamping can bend the first and
// last; outputs outside [lo*q, hi*q) take the general loop.
func (f *filter) findPeriod(src, dst int) {
	f.q = 0
	g := gcd(src, dst)
	p, q := src/g, dst/g
	if q > maxPhases || dst < 3*q {
		return
	}
	for ph := range q {
		t := f.trimmed(q + ph)
		if t.n > len(t.w) {
			return
		}
		t.base -= p
		f.phases[ph] = t
	}
	matches := func(k int) bool {
		for ph := range q {
			t := f.trimmed(k*q + ph)
			want := f.phases[ph]
			want.base += p * k
			if t != want {
				return false
			}
		}
		return true
	}
	f.p, f.q, f.lo, f.hi = p, q, 1, 2
	if matches(0) {
		f.lo = 0
	}
	for (f.hi+1)*q <= dst && matches(f.hi) {
		f.hi++
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// grow returns s with length n, reallocating only when it is too small.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
