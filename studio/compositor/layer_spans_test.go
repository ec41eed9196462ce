package compositor

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The span fast path (skip clear runs, copy opaque ones) must draw exactly
// what the plain per-pixel blend draws, for any alpha pattern, clipping and
// opacity: a difference would be a visible seam on the card.
func TestSpansBlendLikeThePlainBlend(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		w := 1 + rng.IntN(96)
		alpha := make([]byte, w)
		for x := 0; x < w; {
			run := 1 + rng.IntN(20)
			v := []byte{0, 255, byte(rng.IntN(256))}[rng.IntN(3)]
			for ; run > 0 && x < w; run-- {
				alpha[x] = v
				if rng.IntN(6) == 0 {
					alpha[x] = byte(rng.IntN(256))
				}
				x++
			}
		}
		src := make([]byte, w)
		for i := range src {
			src[i] = byte(rng.IntN(int(alpha[i]) + 1)) // premultiplied: colour ≤ alpha
		}
		ox := rng.IntN(w)
		n := 1 + rng.IntN(w-ox)
		op := []int{256, 256, 128, 0, rng.IntN(257)}[rng.IntN(5)]
		under := make([]byte, n)
		for i := range under {
			under[i] = byte(rng.IntN(256))
		}
		want := bytes.Clone(under)
		blendRow(want, src[ox:ox+n], alpha[ox:ox+n], op)
		got := bytes.Clone(under)
		blendSpans(got, src, alpha, spansOf(alpha, w, 1)[0], ox, op)
		if !bytes.Equal(got, want) {
			t.Fatalf("trial %d: alpha %v, ox %d, n %d, op %d:\n got %v\nwant %v", trial, alpha, ox, n, op, got, want)
		}
	}
}
