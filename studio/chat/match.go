package chat

import (
	"strings"
	"unicode/utf8"
)

// maxSkip is how many words a standalone "*" in a phrase may stand for:
// "double * btc" matches "double your btc" and "double all your btc", but
// not two unrelated words at the ends of a long message.
const maxSkip = 3

// maxHits bounds the matches collected for one message, so a text made of
// one matching word repeated a thousand times costs no more than a few.
const maxHits = 32

// ptok is one token of a compiled phrase.
type ptok struct {
	lit  string // the literal, or the glob when glob is set
	glob bool   // contains '*' or '?'
	skip bool   // a standalone "*": zero to maxSkip words
	one  bool   // a standalone "?": exactly one word
}

type phrase struct {
	toks []ptok
	tag  int32
}

type hit struct{ tag, pos int32 }

// matcher finds phrases in a token list. Phrases are indexed by their first
// token, so the work per message is a map lookup per word plus the few
// phrases that start with a glob.
type matcher struct {
	phrases []phrase
	byLit   map[string][]int32
	byRune  map[rune][]int32 // globs with a literal first rune: "крипт*"
	scan    []int32          // globs that start with a wildcard: "*scam*"
}

func newMatcher() *matcher {
	return &matcher{byLit: map[string][]int32{}, byRune: map[rune][]int32{}}
}

// add compiles pattern in mode and adds it with tag. Its squeezed variant
// goes to sq when sq is not nil. It returns false when the pattern has no
// token that could match anything.
func (m *matcher) add(pattern string, tag int, mode tokMode, sq *matcher) bool {
	toks := compilePattern(pattern, mode)
	if toks == nil {
		return false
	}
	m.addToks(toks, tag)
	if sq != nil {
		s := make([]ptok, len(toks))
		for i, t := range toks {
			s[i] = t
			if !t.skip && !t.one {
				s[i].lit, _ = squeezeWord(t.lit)
			}
		}
		sq.addToks(s, tag)
	}
	return true
}

func (m *matcher) addToks(toks []ptok, tag int) {
	id := int32(len(m.phrases))
	m.phrases = append(m.phrases, phrase{toks: toks, tag: int32(tag)})
	first := toks[0]
	switch {
	case !first.glob && !first.one:
		m.byLit[first.lit] = append(m.byLit[first.lit], id)
	case first.glob && first.lit[0] != '*' && first.lit[0] != '?':
		r, _ := utf8.DecodeRuneInString(first.lit)
		m.byRune[r] = append(m.byRune[r], id)
	default:
		m.scan = append(m.scan, id)
	}
}

// compilePattern folds a phrase the way message text is folded, so both
// sides are compared in the same form, and marks its wildcards.
func compilePattern(pattern string, mode tokMode) []ptok {
	mode.pattern = true
	f := fold(pattern)
	if mode.leet {
		f = latin(f)
	}
	words := tokenize(f, mode)
	var toks []ptok
	for _, w := range words {
		switch {
		case strings.Trim(w, "*") == "":
			toks = append(toks, ptok{skip: true})
		case w == "?":
			toks = append(toks, ptok{one: true})
		default:
			toks = append(toks, ptok{lit: w, glob: strings.ContainsAny(w, "*?")})
		}
	}
	// A skip at either end matches nothing more than no skip.
	for len(toks) > 0 && toks[0].skip {
		toks = toks[1:]
	}
	for len(toks) > 0 && toks[len(toks)-1].skip {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil
	}
	return toks
}

// find appends to out every phrase found in toks, with the word position
// where it starts, up to maxHits.
func (m *matcher) find(toks []string, out []hit) []hit {
	if m == nil || len(m.phrases) == 0 {
		return out
	}
	try := func(ids []int32, i int) {
		for _, id := range ids {
			if len(out) < maxHits && m.phrases[id].at(toks, i, 0) {
				out = append(out, hit{m.phrases[id].tag, int32(i)})
			}
		}
	}
	for i, t := range toks {
		if len(out) >= maxHits {
			break
		}
		try(m.byLit[t], i)
		if len(m.byRune) > 0 {
			r, _ := utf8.DecodeRuneInString(t)
			try(m.byRune[r], i)
		}
		try(m.scan, i)
	}
	return out
}

func (p *phrase) at(toks []string, i, k int) bool {
	if k == len(p.toks) {
		return true
	}
	t := p.toks[k]
	if t.skip {
		for j := 0; j <= maxSkip && i+j <= len(toks); j++ {
			if p.at(toks, i+j, k+1) {
				return true
			}
		}
		return false
	}
	if i >= len(toks) {
		return false
	}
	ok := t.one || (t.glob && globMatch(t.lit, toks[i])) || (!t.glob && t.lit == toks[i])
	return ok && p.at(toks, i+1, k+1)
}

// globMatch matches s against p, where '*' is any run of characters and
// '?' exactly one. It backtracks only to the last star, so it is linear in
// practice and never exponential.
func globMatch(p, s string) bool {
	px, sx := 0, 0
	starPx, starSx := -1, -1
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '?':
				if sx < len(s) {
					_, n := utf8.DecodeRuneInString(s[sx:])
					px, sx = px+1, sx+n
					continue
				}
			case '*':
				starPx, starSx = px, sx
				px++
				continue
			default:
				if sx < len(s) && s[sx] == c {
					px, sx = px+1, sx+1
					continue
				}
			}
		}
		if starPx >= 0 && starSx < len(s) {
			_, n := utf8.DecodeRuneInString(s[starSx:])
			starSx += n
			px, sx = starPx+1, starSx
			continue
		}
		return false
	}
	return true
}
