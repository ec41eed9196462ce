package chat

import "hash/maphash"

// seed is per process: hashes only key in-memory tables and are never
// stored, so they need not be stable across runs.
var seed = maphash.MakeSeed()

func hashString(s string) uint64 { return maphash.String(seed, s) }

// textHash is the key duplicates are compared by: the squeezed words, so
// case, punctuation, spacing, look-alikes and stretched letters do not
// make two copies different; the folded text when there are no words
// (emoji-only messages).
func textHash(n *Normalized) uint64 {
	if len(n.Squeezed) == 0 {
		return hashString(n.Folded)
	}
	var h maphash.Hash
	h.SetSeed(seed)
	for _, w := range n.Squeezed {
		h.WriteString(w)
		h.WriteByte(' ')
	}
	return h.Sum64()
}
