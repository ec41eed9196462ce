package chat

import "strconv"

// termsRule blocks the show's blocked terms. It is a hard rule: a term is
// blocked for everyone but the broadcaster. Matching is done once per
// message by the pipeline's lexicon, after normalisation, so "ѕсаm",
// "5c4m", "s c a m", "scaaam" and "sc\u200bam" all match "scam".
type termsRule struct{ Switch }

func (r *termsRule) name() string { return "blocked_terms" }
func (r *termsRule) soft() bool   { return false }

func (r *termsRule) check(c *checkCtx) (bool, string) {
	if cls, _ := c.classes(); cls&cTerm != 0 {
		return true, "term " + strconv.Quote(c.firstHit(cTerm))
	}
	if c.live != "" {
		return true, "term " + strconv.Quote(c.live) + " (added during the show)"
	}
	return false, ""
}
