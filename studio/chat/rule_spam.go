package chat

import "strconv"

// scamRule blocks crypto and fake-giveaway scams, money-making offers and
// adult spam: an unambiguous phrase, or two kinds of evidence together
// (see lexicon_scam.go). A hard rule: a moderator's or buyer's account
// posting "send 0.1 ETH" has been taken over.
type scamRule struct{ Switch }

func (r *scamRule) name() string { return "scam" }
func (r *scamRule) soft() bool   { return false }

func (r *scamRule) check(c *checkCtx) (bool, string) {
	cls, _ := c.classes()
	switch {
	case cls&(cScam|cScamExtra) != 0:
		return true, "phrase " + strconv.Quote(c.firstHit(cScam|cScamExtra))
	case cls&cCrypto != 0 && cls&(cGive|cContact|cMoney) != 0:
		return true, "crypto " + strconv.Quote(c.firstHit(cCrypto)) + " with " + strconv.Quote(c.firstHit(cGive|cContact|cMoney))
	case cls&cPrize != 0 && cls&cContact != 0:
		return true, "prize " + strconv.Quote(c.firstHit(cPrize)) + " with private contact " + strconv.Quote(c.firstHit(cContact))
	case cls&cMoney != 0 && cls&cContact != 0:
		return true, "money offer " + strconv.Quote(c.firstHit(cMoney)) + " with private contact " + strconv.Quote(c.firstHit(cContact))
	case cls&cPhish != 0 && cls&(cPrize|cMoney|cImperson|cContact) != 0:
		// "send me your card details to get your prize": a request for
		// private data is innocent only without a lure.
		return true, "asks for " + strconv.Quote(c.firstHit(cPhish)) + " with " + strconv.Quote(c.firstHit(cPrize|cMoney|cImperson|cContact))
	case cls&cImperson != 0 && cls&(cPrize|cContact) != 0:
		return true, "poses as " + strconv.Quote(c.firstHit(cImperson)) + " with " + strconv.Quote(c.firstHit(cPrize|cContact))
	case cls&(cCrypto|cPrize|cMoney|cPhish|cImperson) != 0 && len(c.foreignLinks()) > 0:
		return true, strconv.Quote(c.firstHit(cCrypto|cPrize|cMoney|cPhish|cImperson)) + " with a link to " + c.foreignLinks()[0].host
	}
	return false, ""
}

// promoRule holds self-promotion: "check out my channel", "sub4sub",
// "follow me", "buy followers", or enough weak cues together. Soft:
// moderators and buyers may point at the shop's own channel.
type promoRule struct {
	Switch
	min int
}

func (r *promoRule) name() string { return "self_promo" }
func (r *promoRule) soft() bool   { return true }

func (r *promoRule) check(c *checkCtx) (bool, string) {
	cls, weak := c.classes()
	switch {
	case cls&(cPromo|cPromoExtra) != 0:
		return true, "phrase " + strconv.Quote(c.firstHit(cPromo|cPromoExtra))
	case weak >= r.min:
		return true, strconv.Itoa(weak) + " promotion cues, first " + strconv.Quote(c.firstHit(cPromoWeak))
	case cls&(cCheap|cSell) != 0 && (cls&(cContact|cPromoWeak) != 0 || len(c.foreignLinks()) > 0):
		// "same bags cheaper, dm me": a rival seller poaching buyers.
		return true, "offer " + strconv.Quote(c.firstHit(cCheap|cSell)) + " with " + strconv.Quote(c.firstHit(cContact|cPromoWeak))
	case weak > 0 && cls&cDirect != 0:
		// "10k followers in a week, dm me": one promotion cue is chat,
		// with an invitation to get in touch it is a pitch.
		return true, "promotion cue " + strconv.Quote(c.firstHit(cPromoWeak)) + " with " + strconv.Quote(c.firstHit(cDirect))
	}
	return false, ""
}
