package chat

// linksRule holds links to domains outside the show's allow-list,
// including bare domains ("bit.ly/x"), spaced ones ("example .com") and
// spelt ones ("example dot com"). Soft: moderators and buyers share links
// to the shop and to photos of what they bought.
type linksRule struct{ Switch }

func (r *linksRule) name() string { return "links" }
func (r *linksRule) soft() bool   { return true }

func (r *linksRule) check(c *checkCtx) (bool, string) {
	ls := c.foreignLinks()
	if len(ls) == 0 {
		return false, ""
	}
	why := "domain " + ls[0].host
	switch {
	case shorteners[ls[0].host]:
		why += " (shortener)"
	case ls[0].obfuscated:
		why += " (obfuscated)"
	}
	return true, why
}
