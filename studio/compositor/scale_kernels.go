package compositor

// scaler holds the scratch that one scale reuses from frame to frame; it is
// owned by one goroutine (the canvas's Compose holds its lock).
type scaler struct {
	filters [4]filterPair // the last few sizes scaled: a frame's luma and chroma, a cell or two
	next    int           // the pair a new size replaces
	acc     []int32
	half    [2][]byte // ping-pong planes for shrinking by halves
}

// filterPair is one size's horizontal and vertical filters, built once and
// reused while the size stays the same: rebuilding them for every plane of
// every frame was about a tenth of the PiP inset's scaling time.
type filterPair struct {
	fx, fy filter
	key    [4]int // source width, output width, source height, output height
	built  bool
}

// filtersFor returns the filters resampling src to dst, building them only
// for a size none of the cached pairs has.
func (s *scaler) filtersFor(dst, src plane) (fx, fy *filter) {
	key := [4]int{src.w, dst.w, src.h, dst.h}
	for i := range s.filters {
		if p := &s.filters[i]; p.built && p.key == key {
			return &p.fx, &p.fy
		}
	}
	p := &s.filters[s.next]
	s.next = (s.next + 1) % len(s.filters)
	p.fx.build(src.w, dst.w)
	p.fy.build(src.h, dst.h)
	p.key, p.built = key, true
	return &p.fx, &p.fy
}

// scalePlane resizes src into dst, choosing a fast path when there is one.
func (s *scaler) scalePlane(dst, src plane) {
	switch {
	case dst.w <= 0 || dst.h <= 0 || src.w <= 0 || src.h <= 0:
	case dst.w == src.w && dst.h == src.h:
		copyPlane(dst, src)
	case src.w == 2*dst.w && src.h == 2*dst.h:
		halvePlane(dst, src)
	case src.w == 4*dst.w && src.h == 4*dst.h:
		quarterPlane(dst, src)
	default:
		// Shrinking by 2 or more on both axes: halve first with the fast
		// 2x2 average, so the filters below never need more than three
		// taps. Averaging 2x2 blocks and then areas is still an area
		// average; it only softens fractional block edges by half a pixel.
		for i := 0; src.w >= 2*dst.w && src.h >= 2*dst.h; i++ {
			h := plane{stride: src.w / 2, w: src.w / 2, h: src.h / 2}
			s.half[i%2] = grow(s.half[i%2], h.w*h.h)
			h.pix = s.half[i%2]
			halvePlane(h, src)
			src = h
		}
		s.resample(dst, src)
	}
}

// resample is the general path: for each output row, first sum the source
// rows under it (vertical filter) into acc, then filter acc horizontally.
// Going vertical first means each source row is read about once. The common
// tap counts have their own loops: Go will not vectorise, but it does drop
// bounds checks and keep fixed taps in registers.
func (s *scaler) resample(dst, src plane) {
	fx, fy := s.filtersFor(dst, src)
	s.acc = grow(s.acc, src.w)
	acc := s.acc[:src.w]
	for y := range dst.h {
		t := fy.trimmed(y)
		w := t.w
		switch r := t.base; t.n {
		case 1:
			vertical1(acc, src.row(r))
		case 2:
			vertical2(acc, src.row(r), src.row(r+1), w[0], w[1])
		case 3:
			vertical3(acc, src.row(r), src.row(r+1), src.row(r+2), w[0], w[1], w[2])
		default:
			verticalN(acc, src, y, fy)
		}
		horizontal(dst.row(y), acc, fx)
	}
}

func vertical1(acc []int32, r []byte) {
	r = r[:len(acc)]
	for x, p := range r {
		acc[x] = int32(p) << accBits
	}
}

func vertical2(acc []int32, r0, r1 []byte, w0, w1 int32) {
	r0, r1 = r0[:len(acc)], r1[:len(acc)]
	for x := range acc {
		acc[x] = (w0*int32(r0[x]) + w1*int32(r1[x]) + accRound) >> accShift
	}
}

func vertical3(acc []int32, r0, r1, r2 []byte, w0, w1, w2 int32) {
	r0, r1, r2 = r0[:len(acc)], r1[:len(acc)], r2[:len(acc)]
	for x := range acc {
		acc[x] = (w0*int32(r0[x]) + w1*int32(r1[x]) + w2*int32(r2[x]) + accRound) >> accShift
	}
}

// verticalN handles the rare filters with more than three taps (a shrink
// by 2 or more on one axis only).
func verticalN(acc []int32, src plane, y int, fy *filter) {
	ws := fy.w[y*fy.taps : (y+1)*fy.taps]
	first := int(fy.start[y])
	clear(acc)
	for k, w := range ws {
		if w == 0 {
			continue
		}
		for x, p := range src.row(first + k)[:len(acc)] {
			acc[x] += w * int32(p)
		}
	}
	for x := range acc {
		acc[x] = (acc[x] + accRound) >> accShift
	}
}

// horizontal filters one row of vertical sums into output pixels: the
// repeating middle phase by phase, the edges (or everything, when the
// ratio has no short pattern) tap by tap.
func horizontal(out []byte, acc []int32, fx *filter) {
	if fx.q == 0 {
		horizontalRange(out, acc, fx, 0, len(out))
		return
	}
	p, q := fx.p, fx.q
	horizontalRange(out, acc, fx, 0, fx.lo*q)
	horizontalRange(out, acc, fx, fx.hi*q, len(out))
	for ph := range q {
		t := &fx.phases[ph]
		j := t.base + p*fx.lo
		end := fx.hi * q
		switch w0, w1, w2 := t.w[0], t.w[1], t.w[2]; t.n {
		case 1:
			for x := fx.lo*q + ph; x < end; x += q {
				out[x] = byte((w0*acc[j] + outRound) >> outShift)
				j += p
			}
		case 2:
			for x := fx.lo*q + ph; x < end; x += q {
				a := acc[j : j+2 : j+2]
				out[x] = byte((w0*a[0] + w1*a[1] + outRound) >> outShift)
				j += p
			}
		default:
			for x := fx.lo*q + ph; x < end; x += q {
				a := acc[j : j+3 : j+3]
				out[x] = byte((w0*a[0] + w1*a[1] + w2*a[2] + outRound) >> outShift)
				j += p
			}
		}
	}
}

// horizontalRange filters outputs [from, to) with per-pixel weights.
func horizontalRange(out []byte, acc []int32, fx *filter, from, to int) {
	taps := fx.taps
	for x := from; x < to; x++ {
		j := int(fx.start[x])
		a := acc[j : j+taps]
		sum := int32(outRound)
		for k, w := range fx.w[x*taps : x*taps+taps] {
			sum += w * a[k]
		}
		out[x] = byte(sum >> outShift)
	}
}
