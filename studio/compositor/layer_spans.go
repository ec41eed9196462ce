package compositor

// span is a run [from, to) of one row of a layer whose alpha is all 0
// (clear), all 255 (opaque) or anything else (mixed).
type span struct {
	from, to int32
	kind     uint8
}

const (
	spanClear uint8 = iota
	spanOpaque
	spanMixed
)

func alphaKind(a byte) uint8 {
	switch a {
	case 0:
		return spanClear
	case 255:
		return spanOpaque
	}
	return spanMixed
}

// spansOf splits each of h rows of w alpha values into runs. Clear runs are
// left out: there is nothing to draw there.
func spansOf(alpha []byte, w, h int) [][]span {
	out := make([][]span, h)
	for y := range h {
		row := alpha[y*w : (y+1)*w]
		var spans []span
		for x := 0; x < w; {
			k := alphaKind(row[x])
			end := x + 1
			for end < w && alphaKind(row[end]) == k {
				end++
			}
			// Anti-aliased text on a clear background alternates mixed and
			// opaque pixels: short runs join the mixed run beside them
			// instead of making many tiny ones. A long opaque run (a
			// panel) always stays its own, to be copied.
			short := end-x < 8
			n := len(spans)
			adjacent := n > 0 && spans[n-1].to == int32(x)
			switch {
			case k == spanClear:
			case adjacent && spans[n-1].kind == spanMixed && (short || k == spanMixed):
				spans[n-1].to = int32(end)
			case adjacent && k == spanMixed && spans[n-1].to-spans[n-1].from < 8:
				spans[n-1].to, spans[n-1].kind = int32(end), spanMixed
			default:
				spans = append(spans, span{int32(x), int32(end), k})
			}
			x = end
		}
		out[y] = spans
	}
	return out
}

// blendSpans blends the part of one layer row that lands on dst: the layer
// row's columns [ox, ox+len(dst)).
func blendSpans(dst, src, alpha []byte, spans []span, ox, op int) {
	lo, hi := int32(ox), int32(ox+len(dst))
	for _, sp := range spans {
		from, to := max(sp.from, lo), min(sp.to, hi)
		if from >= to {
			continue
		}
		d := dst[from-lo : to-lo]
		if sp.kind == spanOpaque && op == 256 {
			copy(d, src[from:to])
			continue
		}
		blendRow(d, src[from:to], alpha[from:to], op)
	}
}
