package chat

import "strings"

// Spelt-out sentences. The tokenizer joins letters spelt one by one
// ("f r e e" → "free"), but a whole sentence spelt that way ("s u b s c r
// i b e   t o   m y   c h a n n e l") loses its word breaks when the
// spaces are folded, and becomes one long token that no phrase matches.
// respell cuts such a token back into the lexicon's own words.

// maxRespell bounds the token respell looks at (the work is quadratic).
const maxRespell = 64

// glueWords are the short words phrases are glued with; the lexicon's
// own words are added to them.
const glueWords = `i a to my me on in at of for and the this that it is are you your our out up get
	see new now here please pls plz best free`

func newVocab(entries []lexEntry) map[string]bool {
	v := map[string]bool{}
	add := func(w string) {
		if w != "" && (len(w) > 1 || w == "i" || w == "a") && isLowerASCII(w) {
			v[w] = true
		}
	}
	for _, w := range strings.Fields(glueWords) {
		add(w)
	}
	for _, e := range entries {
		for _, w := range strings.Fields(e.text) {
			add(w)
		}
	}
	return v
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// respell adds to n the words of every spelt-out sentence it can cut into
// the lexicon's words. A token counts as spelt out when it is not in the
// text as written: the tokenizer built it by joining letters.
func (lx *lexicon) respell(n *Normalized) {
	var extra []string
	for _, t := range n.Words {
		if len(t) < 8 || len(t) > maxRespell || !isLowerASCII(t) || lx.vocab[t] || strings.Contains(n.Latin, t) {
			continue
		}
		extra = append(extra, lx.segment(t)...)
	}
	if len(extra) == 0 {
		return
	}
	// New slices: Words may share its array with Squeezed.
	n.Words = append(n.Words[:len(n.Words):len(n.Words)], extra...)
	n.Squeezed = squeeze(n.Words)
}

// segment cuts t into as few vocabulary words as possible, or returns nil.
func (lx *lexicon) segment(t string) []string {
	const none = 1 << 30
	var best [maxRespell + 1]int
	var from [maxRespell + 1]int
	for i := 1; i <= len(t); i++ {
		best[i] = none
		for j := max(0, i-16); j < i; j++ {
			if best[j] < none && best[j]+1 < best[i] && lx.vocab[t[j:i]] {
				best[i], from[i] = best[j]+1, j
			}
		}
	}
	if best[len(t)] >= none || best[len(t)] < 2 {
		return nil
	}
	out := make([]string, best[len(t)])
	for i, k := len(t), len(out)-1; i > 0; i, k = from[i], k-1 {
		out[k] = t[from[i]:i]
	}
	return out
}
