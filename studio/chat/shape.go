package chat

import (
	"unicode"
	"unicode/utf8"
)

// Shape is what the flood and caps rules measure on the original text
// (before folding, since folding erases capitals and marks).
type Shape struct {
	Runes    int // in the whole text; over 64 KB it is the byte length
	Letters  int // letters that have case (Chinese has none, so no caps)
	Upper    int
	MaxRun   int // the longest run of one repeated non-space rune
	Emoji    int // pictographs
	MaxMarks int // the tallest stack of combining marks (zalgo)
}

// shapeOf measures s, the repaired text cut to MaxMatchBytes; full is the
// byte length of the whole original, for the length rule.
func shapeOf(s string, full int) Shape {
	var sh Shape
	sh.Runes = utf8.RuneCountInString(s)
	if full > len(s) {
		// Counting runes past the cut would be unbounded work; a byte
		// count over-counts, which only matters for texts far too long.
		sh.Runes += full - len(s)
	}
	prev, run, marks := rune(-1), 0, 0
	for _, r := range s {
		if r == prev && !unicode.IsSpace(r) {
			run++
		} else {
			run = 1
		}
		prev = r
		sh.MaxRun = max(sh.MaxRun, run)
		if r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me) {
			marks++
			sh.MaxMarks = max(sh.MaxMarks, marks)
			continue
		}
		marks = 0
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				sh.Upper++
				sh.Letters++
			} else if r >= 'a' && r <= 'z' {
				sh.Letters++
			}
		case unicode.IsUpper(r):
			sh.Upper++
			sh.Letters++
		case unicode.IsLower(r):
			sh.Letters++
		case isEmoji(r):
			sh.Emoji++
		}
	}
	return sh
}
