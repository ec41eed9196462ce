package chat

import (
	"unicode"
	"unicode/utf8"
)

// tokMode says how a folded text is cut into tokens.
type tokMode struct {
	leet         bool // undo leetspeak inside words that have a letter
	join         bool // join runs of three or more one-letter tokens
	skipMentions bool // leave @names out
	pattern      bool // '*' and '?' are glob characters inside words
}

var (
	skeletonMode = tokMode{leet: true, join: true}
	plainMode    = tokMode{skipMentions: true}
)

func isWordRune(r rune, m tokMode) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' ||
			(m.pattern && (r == '*' || r == '?'))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r) ||
		(m.pattern && (r == '*' || r == '?'))
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

// tokenize cuts s into word tokens. The token bytes are written one after
// another with no separator, so the tokens are substrings of a single
// string and joining neighbours is just a wider slice.
func tokenize(s string, m tokMode) []string {
	// Chat messages are short: work in stack arrays and allocate only the
	// final string and slice.
	var bufArr [512]byte
	var spanArr [128]int32
	var gapArr [64]string
	buf := bufArr[:0]
	spans := spanArr[:0] // start, end pairs into buf
	// gaps[k] is what separated token k from the one before: a spelt-out
	// word keeps one separator, so "C-H-E-C-K M-Y" is two words, not one.
	gaps := gapArr[:0]
	start, letters, leets := -1, 0, 0
	at, tokAt, lastEnd := 0, 0, 0 // source offsets: this rune, this token, end of the last token
	end := func() {
		if start < 0 {
			return
		}
		gaps = append(gaps, s[lastEnd:tokAt])
		lastEnd = at
		if m.leet && letters > 0 && leets > 0 && !isQuantity(buf[start:]) {
			for i := start; i < len(buf); i++ {
				buf[i] = byte(leet(rune(buf[i])))
			}
		}
		spans = append(spans, int32(start), int32(len(buf)))
		start, letters, leets = -1, 0, 0
	}
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		at = i
		i += size
		switch {
		case isHan(r):
			end()
			start, tokAt = len(buf), at
			buf = utf8.AppendRune(buf, r)
			at = i
			end()
		case isWordRune(r, m):
			if start < 0 {
				start, tokAt = len(buf), at
			}
			switch {
			case unicode.IsLetter(r):
				letters++
			case leet(r) != r:
				leets++
			}
			buf = utf8.AppendRune(buf, r)
		case start >= 0 && isApostrophe(r) && unicode.IsLetter(prev) && unicode.IsLetter(next):
			// "don't" and "i'll" are one word, written with or without
			// the apostrophe.
		case m.leet && start >= 0 && leetSymbol(r) != 0 && (isWordRune(next, m) || leetSymbol(next) != 0 || leetSymbol(prev) != 0):
			// "sc@m", "ca$h", "fr€€": symbols for letters inside a word.
			letters++
			buf = append(buf, leetSymbol(r))
		case m.leet && start >= 0 && r == '!' && unicode.IsLetter(prev) && unicode.IsLetter(next):
			letters++ // "g!ft"; "wow!!" keeps its '!' out of the word
			buf = append(buf, 'i')
		case m.leet && (isMoneySymbol(r) || r == '$' && next == '$'):
			// "$$$" and 💰 are money talk: one "$$" token the scam
			// lexicon can name.
			end()
			start, tokAt = len(buf), at
			buf = append(buf, "$$"...)
			at = i
			end()
			for i < len(s) {
				r2, n := utf8.DecodeRuneInString(s[i:])
				if r2 != '$' && !isMoneySymbol(r2) {
					break
				}
				i += n
			}
		case m.skipMentions && r == '@' && !isWordRune(prev, m) && isWordRune(next, m):
			end()
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !isWordRune(r, m) && r != '_' && r != '-' && r != '.' {
					break
				}
				i += size
			}
		default:
			end()
		}
		prev = r
	}
	at = len(s)
	end()
	if len(spans) == 0 {
		return nil
	}
	str := string(buf)
	toks := make([]string, 0, len(spans)/2)
	for k := 0; k < len(spans); k += 2 {
		a, b := spans[k], spans[k+1]
		if m.join && b-a == 1 {
			// A run of one-letter tokens ("f r e e", "f.r.e.e") is one
			// word spelled out to dodge filters.
			e := k
			for e+3 < len(spans) && spans[e+3]-spans[e+2] == 1 && utf8.RuneCountInString(gaps[(e+2)/2]) == 1 &&
				gaps[(e+2)/2] == gaps[k/2+1] {
				e += 2
			}
			// Two letters are a word when joined by a dot or a dash ("D.M",
			// "M-Y"); with spaces it takes three ("d m me" is chat).
			minRun := 3
			if e > k && gaps[k/2+1] != " " {
				minRun = 2
			}
			if (e-k)/2+1 >= minRun {
				toks = append(toks, str[a:spans[e+1]])
				k = e
				continue
			}
		}
		toks = append(toks, str[a:b])
	}
	return toks
}

// leetSymbol is the letter a symbol stands for inside a word, or 0.
func leetSymbol(r rune) byte {
	switch r {
	case '@':
		return 'a'
	case '$':
		return 's'
	case '€':
		return 'e'
	case '|':
		return 'l'
	}
	return 0
}

func isMoneySymbol(r rune) bool {
	return r == '💰' || r == '💵' || r == '💸' || r == '🤑' || r == '💲'
}

// quantityUnits may follow a single digit in a quantity ("5k", "2x").
var quantityUnits = map[string]bool{"k": true, "m": true, "x": true, "kg": true, "cm": true, "mm": true,
	"ml": true, "g": true, "l": true, "st": true, "nd": true, "rd": true, "th": true, "pc": true, "eur": true, "usd": true}

// isQuantity reports a number with a short unit ("10k", "5x", "42eu",
// "2nd"): its digits are digits, not leetspeak.
func isQuantity(b []byte) bool {
	d := 0
	for d < len(b) && b[d] >= '0' && b[d] <= '9' {
		d++
	}
	suffix := b[d:]
	if d == 0 || len(suffix) == 0 || len(suffix) > 3 {
		return false
	}
	for _, c := range suffix {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return d >= 2 || quantityUnits[string(suffix)]
}

// squeeze returns the tokens with runs of one repeated letter squeezed to
// one ("freeeee" → "fre"); it returns toks itself when nothing repeats.
func squeeze(toks []string) []string {
	var out []string
	for i, t := range toks {
		s, changed := squeezeWord(t)
		if changed && out == nil {
			out = make([]string, len(toks))
			copy(out, toks[:i])
		}
		if out != nil {
			out[i] = s
		}
	}
	if out == nil {
		return toks
	}
	return out
}

func squeezeWord(t string) (string, bool) {
	prev, rep := rune(-1), false
	for _, r := range t {
		if r == prev && unicode.IsLetter(r) {
			rep = true
			break
		}
		prev = r
	}
	if !rep {
		return t, false
	}
	b := make([]byte, 0, len(t))
	prev = -1
	for _, r := range t {
		if r == prev && unicode.IsLetter(r) {
			continue
		}
		b = utf8.AppendRune(b, r)
		prev = r
	}
	return string(b), true
}
