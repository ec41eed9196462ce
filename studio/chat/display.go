package chat

import (
	"strings"
	"unicode"
)

const (
	// DisplayMaxRunes caps what the pane shows of one message; the store
	// keeps it all.
	DisplayMaxRunes = 500
	// displayMaxMarks caps combining marks on one base character: enough
	// for Vietnamese, Hebrew points or Arabic harakat, too few for zalgo
	// to spill over the lines around it.
	displayMaxMarks = 4
)

// DisplayText makes a message's text safe to draw in the pane, without
// changing what it says: invalid UTF-8 repaired, bidi embeddings,
// overrides and isolates removed (an RLO can make "gpj.exe" read
// "exe.jpg" and scramble the lines after it), zero-width spaces removed,
// control characters turned into spaces, combining-mark stacks capped and
// the length capped. Joiners (ZWJ, ZWNJ) stay: emoji sequences and
// Persian need them.
func DisplayText(s string) string {
	if len(s) <= DisplayMaxRunes && displaySafeASCII(s) {
		return s
	}
	s = repairUTF8(s)
	var b strings.Builder
	b.Grow(min(len(s), DisplayMaxRunes*4))
	runes, marks := 0, 0
	for _, r := range s {
		if runes >= DisplayMaxRunes {
			b.WriteString("…")
			break
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			r = ' '
		case unicode.IsControl(r) || dropForDisplay(r):
			continue
		case unicode.In(r, unicode.Mn, unicode.Me):
			if marks >= displayMaxMarks {
				continue
			}
			marks++
			b.WriteRune(r)
			continue
		}
		marks = 0
		runes++
		b.WriteRune(r)
	}
	return b.String()
}

func displaySafeASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// dropForDisplay reports the invisible format characters that only serve
// to trick a reader or a filter.
func dropForDisplay(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // embeddings, overrides, isolates
		return true
	case r == 0x200B || r == 0xFEFF || r == 0x00AD || r == 0x180E || (r >= 0x2060 && r <= 0x2064):
		return true
	case r >= 0xE000 && r <= 0xF8FF: // private use
		return true
	}
	return false
}
