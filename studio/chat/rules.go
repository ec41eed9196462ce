package chat

import (
	"strings"
	"time"
)

// rule is one moderation rule. Rules are built from the show's Rules
// config; each has a name (its section in the rules file, and what a
// Decision records), an action taken when it fires, and a kind:
//
//   - hard rules (blocked_terms, scam) apply to everyone but the
//     broadcaster: a moderator's or a buyer's account that posts a wallet
//     scam has been taken over, and a blocked term is blocked for all;
//   - soft rules (links, self_promo, phone, caps, repeats, emoji_flood,
//     length, duplicate, rate, new_user) are about how people write, not
//     what they say, and are bypassed by moderators and known buyers: a
//     buyer who shouts "MINE MINE MINE" five times a second is the show
//     going well, and a moderator posts the shop's links;
//   - the broadcaster bypasses every rule: those are the studio's own
//     messages.
//
// check runs under the pipeline's lock, so a stateful rule may keep state
// without its own locking.
type rule interface {
	name() string
	soft() bool
	action() Action
	check(c *checkCtx) (fired bool, reason string)
}

// checkCtx is what a rule sees of one message. The lexicon classes and the
// links are worked out once, on first use, and shared by the rules.
type checkCtx struct {
	msg    Message    // copies, not pointers: a pointer to Process's locals
	norm   Normalized // would move them to the heap on every message
	now    time.Time
	user   *userState       // this message's author, never nil
	hitArr [2 * maxHits]hit // phrases found by the pipeline's lexicon, once per message
	nhits  int
	live   string // the first blocked term added during the show that matched
	lex    *lexicon
	dedup  uint64 // hash of the normalised text, for the duplicate rules
	allow  []string

	clsDone   bool
	cls       lexClass
	weak      int
	linksDone bool
	links     []link
}

// classes ORs the lexicon classes of the phrases found, and counts the
// distinct phrases of the weak classes.
func (c *checkCtx) classes() (lexClass, int) {
	if c.clsDone {
		return c.cls, c.weak
	}
	c.clsDone = true
	var seen [maxHits]int32
	n := 0
next:
	for _, h := range c.hitArr[:c.nhits] {
		for _, s := range seen[:n] {
			if s == h.tag {
				continue next
			}
		}
		seen[n] = h.tag
		n++
		e := c.lex.entries[h.tag]
		c.cls |= e.class
		if e.class&weakClasses != 0 {
			c.weak++
		}
	}
	return c.cls, c.weak
}

// foreignLinks returns the links to domains outside the allow-list.
func (c *checkCtx) foreignLinks() []link {
	if !c.linksDone {
		c.linksDone = true
		found := findLinks(c.norm.Latin)
		text := cutAt(c.msg.Text, MaxMatchBytes)
		if i := strings.Index(text, "\u202e"); i >= 0 && !isASCII(text) {
			// A right-to-left override shows "moc.tsaf" as "fast.com":
			// read what follows it the way it is shown too.
			seg := text[i:]
			if j := strings.IndexRune(seg, '\u202c'); j >= 0 {
				seg = seg[:j]
			}
			for _, l := range findLinks(latin(fold(repairUTF8(reverseRunes(seg))))) {
				l.obfuscated = true
				found = append(found, l)
			}
		}
		for _, l := range found {
			if !allowedHost(l.host, c.allow) {
				c.links = append(c.links, l)
			}
		}
	}
	return c.links
}

// firstHit returns the text of the first phrase found in one of the
// classes, for a decision's reason.
func (c *checkCtx) firstHit(classes lexClass) string {
	for _, h := range c.hitArr[:c.nhits] {
		if e := c.lex.entries[h.tag]; e.class&classes != 0 {
			return e.text
		}
	}
	return ""
}

// exempt says whether a rule does not apply to the message's author.
func exempt(r rule, b Badges) bool {
	if b.Broadcaster {
		return true
	}
	return r.soft() && (b.Moderator || b.Buyer)
}

// buildRules turns the config into the ordered rule list: hard rules first,
// so a decision names the most serious reason first.
func buildRules(rs *Rules) []rule {
	var out []rule
	add := func(on bool, r rule) {
		if on {
			out = append(out, r)
		}
	}
	add(rs.BlockedTerms.Enabled, &termsRule{Switch: rs.BlockedTerms.Switch})
	add(rs.Scam.Enabled, &scamRule{Switch: rs.Scam.Switch})
	add(rs.Links.Enabled, &linksRule{Switch: rs.Links.Switch})
	add(rs.SelfPromo.Enabled, &promoRule{Switch: rs.SelfPromo.Switch, min: rs.SelfPromo.WeakCues})
	add(rs.Phone.Enabled, &phoneRule{cfg: rs.Phone})
	add(rs.Caps.Enabled, &capsRule{cfg: rs.Caps})
	add(rs.Repeats.Enabled, &repeatsRule{cfg: rs.Repeats})
	add(rs.EmojiFlood.Enabled, &emojiRule{cfg: rs.EmojiFlood})
	add(rs.Length.Enabled, &lengthRule{cfg: rs.Length})
	add(rs.Duplicate.Enabled, newDuplicateRule(rs.Duplicate, rs.Limits))
	add(rs.Rate.Enabled, &rateRule{cfg: rs.Rate})
	add(rs.NewUser.Enabled, &newUserRule{cfg: rs.NewUser})
	return out
}

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
