package platform

// A later version may add optional fields to a type of an earlier one.
// The decoders are strict, so a client of the earlier version would fail
// on them: the relay sends such a client the event as its version knows
// it (ForVersion), and refuses the fields from it (CheckVersion).

// downgrade is what an older version makes of a type's newer fields.
type downgrade struct {
	since string // the first version with the fields
	// older returns ev without them and names the field that made the
	// difference ("" when ev has none of them).
	older func(Event) (Event, string)
}

var downgrades = map[Type]downgrade{
	// A claim's promo code: the claim stands without it, no code counted.
	TypeClaim: {since: "2", older: func(ev Event) (Event, string) {
		c := ev.(Claim)
		if c.Code == "" {
			return c, ""
		}
		c.Code = ""
		return c, "code"
	}},
	// A coupon's watch condition: the page of an older version cannot keep
	// it, so it gets the coupon's text without the code rather than the
	// code at once.
	TypeCoupon: {since: "2", older: func(ev Event) (Event, string) {
		c := ev.(Coupon)
		if c.WatchSeconds == 0 {
			return c, ""
		}
		c.Code, c.WatchSeconds = "", 0
		return c, "watch_seconds"
	}},
	// A promo code's limit: the code stands without it, shown with no limit.
	TypePromoDrop: {since: "2", older: func(ev Event) (Event, string) {
		p := ev.(PromoDrop)
		if p.Limit == 0 {
			return p, ""
		}
		p.Limit = 0
		return p, "limit"
	}},
}

// ForVersion returns ev as a client of version can read it, and the field
// of a later version that had to go ("" when ev is sent as it is).
func ForVersion(ev Event, version string) (Event, string) {
	d, ok := downgrades[ev.Type()]
	if !ok || versionNumber(version) >= versionNumber(d.since) {
		return ev, ""
	}
	return d.older(ev)
}

// CheckVersion refuses an event with a field its sender's version does
// not have, naming the field: a version 1 page may not send a claim's
// code.
func CheckVersion(ev Event, version string) error {
	if _, field := ForVersion(ev, version); field != "" {
		d := downgrades[ev.Type()]
		return invalid(ev.Type(), field, "not in version %s, which this connection speaks (it came with version %s)", version, d.since)
	}
	return nil
}

// ForVersion is the state as a client of version can read it: the coupon
// and the promo code on air without what that version lacks.
func (s State) ForVersion(version string) State {
	s.Coupon = forVersion(s.Coupon, version)
	s.Promo = forVersion(s.Promo, version)
	return s
}

// forVersion is *ev as a client of version can read it: ev itself when
// nil or unchanged, else a copy.
func forVersion[E Event](ev *E, version string) *E {
	if ev == nil {
		return nil
	}
	older, field := ForVersion(*ev, version)
	if field == "" {
		return ev
	}
	o := older.(E)
	return &o
}
