package chat

import "strings"

// lexClass says what a phrase of the lexicon is evidence of. Rules look at
// the classes found in a message, not at single words, so that "free" or
// "whatsapp" alone stays innocent while "send 0.1 ETH" and "you won, DM me
// on telegram" do not.
type lexClass uint32

const (
	cTerm       lexClass = 1 << iota // a blocked term of the show
	cScam                            // an unambiguous scam phrase
	cCrypto                          // a crypto asset or wallet
	cGive                            // send, double, claim, airdrop, free ...
	cContact                         // take it private: DM me, whatsapp, telegram, 加微信
	cPrize                           // you won, winner, prize, reward
	cMoney                           // earn money, income, profit
	cPromo                           // an unambiguous self-promotion phrase
	cPromoWeak                       // subscribe, channel, visit: weak alone
	cScamExtra                       // the show's extra scam phrases
	cPromoExtra                      // the show's extra self-promotion phrases
	cCheap                           // cheaper, дешевле, 便宜: innocent alone ("can it be cheaper?")
	cSell                            // i sell, продам, vendo, wholesale: an offer of one's own
	cPhish                           // asks for private data: send me your card details, your password
	cImperson                        // claims to speak for the shop or the platform: admin team, support
	cDirect                          // tells the reader to get in touch: dm me, comment yes, пиши в лс
)

const weakClasses = cPromoWeak

// lexEntry is one phrase of the lexicon.
type lexEntry struct {
	class lexClass
	text  string // as written, for a decision's reason
}

// lexicon holds every phrase the moderation rules look for, compiled into
// one matcher, so a message is scanned once whatever the number of rules.
type lexicon struct {
	entries []lexEntry
	terms   termSet
	vocab   map[string]bool // the phrases' words, for respell
}

// termSet matches phrases against both the Words and the Squeezed forms
// of a message: "fr?e" must match "free" (Words) and "scam" must match
// "scaaam" (Squeezed).
type termSet struct{ raw, sq *matcher }

func newTermSet() termSet { return termSet{raw: newMatcher(), sq: newMatcher()} }

func (ts termSet) add(pattern string, tag int) bool {
	return ts.raw.add(pattern, tag, skeletonMode, ts.sq)
}

func (ts termSet) find(n *Normalized, out []hit) []hit {
	out = ts.raw.find(n.Words, out)
	if len(n.Squeezed) > 0 && &n.Squeezed[0] != &n.Words[0] {
		out = ts.sq.find(n.Squeezed, out)
	}
	return out
}

// newLexicon compiles the built-in phrase lists, the show's blocked terms
// and its extra phrases. Only the lists of enabled rules are compiled.
func newLexicon(rs *Rules) *lexicon {
	lx := &lexicon{terms: newTermSet()}
	// A phrase listed twice in a class must count once: weak cues are
	// counted by distinct entries.
	seen := map[lexEntry]bool{}
	add := func(class lexClass, phrases ...string) {
		for _, p := range phrases {
			e := lexEntry{class: class, text: strings.Join(strings.Fields(p), " ")}
			if seen[e] {
				continue
			}
			seen[e] = true
			if lx.terms.add(p, len(lx.entries)) {
				lx.entries = append(lx.entries, lexEntry{class: class, text: p})
			}
		}
	}
	if rs.BlockedTerms.Enabled {
		add(cTerm, rs.BlockedTerms.Terms...)
	}
	if rs.Scam.Enabled {
		for _, g := range scamLexicon {
			add(g.class, splitPhrases(g.phrases)...)
		}
		add(cScamExtra, rs.Scam.Extra...)
	}
	if rs.SelfPromo.Enabled {
		for _, g := range promoLexicon {
			add(g.class, splitPhrases(g.phrases)...)
		}
		add(cPromoExtra, rs.SelfPromo.Extra...)
	}
	lx.vocab = newVocab(lx.entries)
	return lx
}

// lexGroup is a list of phrases of one class, one language per group, the
// phrases separated by '|' or new lines.
type lexGroup struct {
	class   lexClass
	phrases string
}

func splitPhrases(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, p := range strings.Split(line, "|") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
