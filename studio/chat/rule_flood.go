package chat

import "strconv"

// The flood family: repeated characters and words, zalgo, emoji floods and
// over-long messages. All are soft: they are about form, not content.

// repeatsRule holds "!!!!!!!!!!!!!!!!!!!", "buy buy buy ..." and zalgo.
type repeatsRule struct{ cfg RepeatsConfig }

func (r *repeatsRule) name() string   { return "repeats" }
func (r *repeatsRule) soft() bool     { return true }
func (r *repeatsRule) action() Action { return r.cfg.Action }

func (r *repeatsRule) check(c *checkCtx) (bool, string) {
	sh := c.norm.Shape
	switch {
	case sh.MaxMarks >= r.cfg.MaxMarks:
		return true, strconv.Itoa(sh.MaxMarks) + " stacked combining marks"
	case sh.MaxRun >= r.cfg.MaxRun:
		return true, "a character repeated " + strconv.Itoa(sh.MaxRun) + " times"
	}
	if w, n := mostRepeated(c.norm.Squeezed); n >= r.cfg.MaxWordRepeats {
		return true, strconv.Quote(w) + " repeated " + strconv.Itoa(n) + " times"
	}
	return false, ""
}

// mostRepeated returns the most frequent token among the first 256.
func mostRepeated(toks []string) (string, int) {
	if len(toks) > 256 {
		toks = toks[:256]
	}
	best, n := "", 0
	if len(toks) < 2 {
		return best, len(toks)
	}
	counts := make(map[string]int, len(toks))
	for _, t := range toks {
		counts[t]++
		if counts[t] > n {
			best, n = t, counts[t]
		}
	}
	return best, n
}

// emojiRule holds emoji floods; platform emotes count as emoji.
type emojiRule struct{ cfg EmojiConfig }

func (r *emojiRule) name() string   { return "emoji_flood" }
func (r *emojiRule) soft() bool     { return true }
func (r *emojiRule) action() Action { return r.cfg.Action }

func (r *emojiRule) check(c *checkCtx) (bool, string) {
	n := c.norm.Shape.Emoji + len(c.msg.Emotes)
	if n <= r.cfg.Max {
		return false, ""
	}
	return true, strconv.Itoa(n) + " emoji"
}

// lengthRule holds messages longer than any platform allows: pasted
// walls of text, or an attempt to choke the pane.
type lengthRule struct{ cfg LengthConfig }

func (r *lengthRule) name() string   { return "length" }
func (r *lengthRule) soft() bool     { return true }
func (r *lengthRule) action() Action { return r.cfg.Action }

func (r *lengthRule) check(c *checkCtx) (bool, string) {
	if n := c.norm.Shape.Runes; n > r.cfg.MaxRunes {
		return true, strconv.Itoa(n) + " characters"
	}
	return false, ""
}
