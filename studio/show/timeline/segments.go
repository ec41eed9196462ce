package timeline

import (
	"cmp"
	"slices"
	"time"
)

// Segment is one stretch of a product on air: from its pin to its unpin,
// the next product's pin or the end of the show.
type Segment struct {
	N          int // 1, 2, ... in show order: the clip's number
	SKU        string
	Title      string // from the pin event, when it carried one
	Start, End time.Duration
}

// Duration is the segment's length.
func (s Segment) Duration() time.Duration { return s.End - s.Start }

// Segments finds the products on air in a show that ended at end (see
// End). Pinning the product already on air continues its segment, so a
// host who presses pin twice gets one clip, not two; a pin without a SKU
// reads as an unpin. Segments of no length are left out.
func Segments(evs []Event, end time.Duration) []Segment {
	evs = sorted(evs)
	var out []Segment
	var open *Segment
	closeAt := func(t time.Duration) {
		if open != nil && t > open.Start {
			open.End = t
			open.N = len(out) + 1
			out = append(out, *open)
		}
		open = nil
	}
	for _, e := range evs {
		switch e.Kind {
		case KindPin:
			if open != nil && e.SKU == open.SKU {
				continue
			}
			closeAt(e.Offset)
			if e.SKU != "" {
				open = &Segment{SKU: e.SKU, Title: e.Title(), Start: e.Offset}
			}
		case KindUnpin:
			closeAt(e.Offset)
		}
	}
	closeAt(end)
	return out
}

// End is where a show ends on its timeline: its recorded length when it
// ended cleanly (ended > 0), and never before its last event; a show whose
// process died has no end time, and its last event is the best one left.
func End(ended time.Duration, evs []Event) time.Duration {
	for _, e := range evs {
		ended = max(ended, e.Offset)
	}
	return ended
}

// OnAir is the segment on air at t, if any.
func OnAir(segs []Segment, t time.Duration) (Segment, bool) {
	i, found := slices.BinarySearchFunc(segs, t, func(s Segment, t time.Duration) int {
		switch {
		case t < s.Start:
			return 1
		case t >= s.End:
			return -1
		}
		return 0
	})
	if !found {
		return Segment{}, false
	}
	return segs[i], true
}

// sorted is evs in timeline order; events at the same offset keep the
// order they were stored in, so a pin and an unpin in one millisecond
// still mean what the host did.
func sorted(evs []Event) []Event {
	if slices.IsSortedFunc(evs, byOffset) {
		return evs
	}
	out := slices.Clone(evs)
	slices.SortStableFunc(out, byOffset)
	return out
}

func byOffset(a, b Event) int { return cmp.Compare(a.Offset, b.Offset) }
