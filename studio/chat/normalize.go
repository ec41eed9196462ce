package chat

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxMatchBytes bounds the work the rules do on one message: only this much
// of the text is normalised and matched. Platforms cap messages at 200
// (YouTube) or 500 (Twitch) characters, so a longer one is abuse anyway and
// the length rule holds it; this cap keeps a 64 KB or 10 MB message from
// costing more than a normal one.
const MaxMatchBytes = 2048

// Normalized is a message's text prepared for matching. The original text
// is never changed; these forms exist only so that rules compare like with
// like.
type Normalized struct {
	// Folded: NFKD with marks removed (diacritics folded, zalgo gone),
	// lower case, fullwidth and other compatibility forms made plain,
	// zero-width and bidi-control characters removed, whitespace and
	// control characters collapsed to single spaces. Scripts and
	// punctuation are kept.
	Folded string
	// Latin is Folded with look-alike letters mapped to Latin (Cyrillic
	// "ѕсаm" → "scam"); punctuation is kept, so links are found here.
	Latin string
	// Words are the tokens of Latin for term matching: leetspeak inside
	// words undone (fr33 → free), punctuation split off, each Chinese or
	// Japanese character its own token, and spaced-out letters joined
	// ("f r e e" → "free").
	Words []string
	// Squeezed are Words with runs of a repeated letter squeezed to one
	// ("freeeee" → "fre"); terms are matched against both.
	Squeezed []string
	// Plain are the tokens of Folded without look-alike or leetspeak
	// mapping and without @mentions: triage reads these, since a question
	// in Russian must stay Russian.
	Plain []string
	// Mentions are the folded @names in the text.
	Mentions []string
	// Shape counts letters, capitals, runs and emoji of the original text.
	Shape Shape
	// Truncated is true when the text was longer than MaxMatchBytes and
	// only its start was normalised.
	Truncated bool
}

// Normalize prepares s for matching. It never fails: invalid UTF-8 is
// repaired to U+FFFD first.
func Normalize(s string) Normalized {
	var n Normalized
	full := len(s)
	s = repairUTF8(s)
	if len(s) > MaxMatchBytes {
		s, n.Truncated = cutAt(s, MaxMatchBytes), true
	}
	n.Shape = shapeOf(s, full)
	n.Folded = fold(s)
	n.Latin = latin(n.Folded)
	n.Words = tokenize(n.Latin, skeletonMode)
	n.Squeezed = squeeze(n.Words)
	n.Plain = tokenize(n.Folded, plainMode)
	n.Mentions = mentions(n.Folded)
	return n
}

// repairUTF8 replaces each run of invalid bytes with U+FFFD.
func repairUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// cutAt cuts s to at most n bytes without splitting a rune.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold builds the Folded form. NFKD (not NFKC) is used because it splits
// "é" into "e" plus a combining mark, so dropping the marks folds the
// diacritics and the zalgo stacks in one step; the compatibility part maps
// fullwidth, circled and mathematical letters to plain ones. Case is
// folded rune by rune (unicode.ToLower plus foldExtra) rather than with
// x/text/cases: a Caser is stateful and not safe to share, and this path
// runs for every message.
func fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me) || invisible(r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x2800:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if x, ok := foldExtra[r]; ok {
			b.WriteString(x)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldASCII is fold's fast path: most chat is ASCII and often already
// lower case with single spaces, and then it costs no allocation.
func foldASCII(s string) string {
	clean := len(s) == 0 || (s[0] > ' ' && s[len(s)-1] > ' ')
	for i := 0; clean && i < len(s); i++ {
		c := s[i]
		clean = !(c >= 'A' && c <= 'Z') && c != 0x7f && (c > ' ' || (c == ' ' && s[i-1] != ' '))
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// latin maps look-alike letters to Latin; ASCII text is returned as is.
func latin(f string) string {
	if isASCII(f) {
		return f
	}
	changed := false
	for _, r := range f {
		if toLatin(r) != r {
			changed = true
			break
		}
	}
	if !changed {
		return f
	}
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		b.WriteRune(toLatin(r))
	}
	return b.String()
}

// mentions returns the @names in a folded text, at most eight of them.
func mentions(f string) []string {
	var out []string
	for i := 0; i < len(f) && len(out) < 8; i++ {
		if f[i] != '@' || (i > 0 && isNameByte(f[i-1])) {
			continue
		}
		j := i + 1
		for j < len(f) && (isNameByte(f[j]) || f[j] >= utf8.RuneSelf) {
			j++
		}
		name := strings.TrimRight(f[i+1:j], ".-")
		if name != "" {
			out = append(out, name)
		}
		i = j - 1
	}
	return out
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}
