package platform

import (
	"errors"
	"strings"
	"testing"
)

// The fields version 2 added to types of version 1 are dropped for a
// version 1 client (a watch coupon loses its code too), refused from one
// with an error naming the field, and left alone for version 2 and for
// events that do not use them.
func TestForVersion(t *testing.T) {
	watch := Coupon{Text: "Watch 10 minutes to unlock 10% off", Code: "STAY10", WatchSeconds: 600}
	cases := []struct {
		ev      Event
		version string
		want    Event
		field   string
	}{
		{watch, "2", watch, ""},
		{watch, "1", Coupon{Text: watch.Text}, "watch_seconds"},
		{Coupon{Text: "Free shipping", Code: "SHIPFREE"}, "1", Coupon{Text: "Free shipping", Code: "SHIPFREE"}, ""},
		{Claim{SKU: "A", Quantity: 1, Code: "SAVE10"}, "2", Claim{SKU: "A", Quantity: 1, Code: "SAVE10"}, ""},
		{Claim{SKU: "A", Quantity: 1, Code: "SAVE10"}, "1", Claim{SKU: "A", Quantity: 1}, "code"},
		{Claim{SKU: "A", Quantity: 1}, "1", Claim{SKU: "A", Quantity: 1}, ""},
		{StockUpdate{SKU: "A", Stock: 3}, "1", StockUpdate{SKU: "A", Stock: 3}, ""},
		{PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50, ExpiresAt: 1}, "2", PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50, ExpiresAt: 1}, ""},
		{PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50, ExpiresAt: 1}, "1", PromoDrop{Code: "LIVE15", Discount: "15%", ExpiresAt: 1}, "limit"},
		{PromoDrop{Code: "LIVE15"}, "1", PromoDrop{Code: "LIVE15"}, ""},
	}
	for _, c := range cases {
		got, field := ForVersion(c.ev, c.version)
		if got != c.want || field != c.field {
			t.Errorf("ForVersion(%+v, %q) = %+v, %q; want %+v, %q", c.ev, c.version, got, field, c.want, c.field)
		}
		if err := got.Validate(); err != nil {
			t.Errorf("ForVersion(%+v, %q) does not validate: %v", c.ev, c.version, err)
		}
		err := CheckVersion(c.ev, c.version)
		switch {
		case c.field == "" && err != nil:
			t.Errorf("CheckVersion(%+v, %q): %v", c.ev, c.version, err)
		case c.field != "" && (!errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), string(c.ev.Type())+": "+c.field+": not in version 1")):
			t.Errorf("CheckVersion(%+v, %q) = %v; want invalid naming %s and version 1", c.ev, c.version, err, c.field)
		}
	}

	s := State{Coupon: &watch, Viewers: 3}
	if old := s.ForVersion("1"); old.Coupon == nil || *old.Coupon != (Coupon{Text: watch.Text}) || old.Viewers != 3 {
		t.Errorf("the state for version 1 has the coupon %+v", old.Coupon)
	}
	if s.Coupon.Code != "STAY10" || s.ForVersion("2").Coupon != s.Coupon {
		t.Error("the state for version 1 changed the relay's own, or the one for version 2 is not the same")
	}

	promo := PromoDrop{Code: "LIVE15", Discount: "15%", Limit: 50}
	s = State{Promo: &promo}
	if old := s.ForVersion("1"); old.Promo == nil || *old.Promo != (PromoDrop{Code: "LIVE15", Discount: "15%"}) {
		t.Errorf("the state for version 1 has the promo %+v, want it without its limit", old.Promo)
	}
	if s.Promo.Limit != 50 || s.ForVersion("2").Promo != s.Promo {
		t.Error("the state for version 1 changed the relay's promo, or the one for version 2 is not the same")
	}
}

// A promo code's limit is a number of claims: 1 or more, or none.
func TestPromoLimitValidates(t *testing.T) {
	for _, c := range []struct {
		limit int
		ok    bool
	}{{0, true}, {1, true}, {50, true}, {MaxPromoLimit, true}, {-1, false}, {MaxPromoLimit + 1, false}} {
		err := PromoDrop{Code: "LIVE15", Limit: c.limit}.Validate()
		if c.ok != (err == nil) {
			t.Errorf("limit %d: %v", c.limit, err)
		}
		if err != nil && !strings.Contains(err.Error(), "promo.drop: limit") {
			t.Errorf("limit %d: the error %q does not name promo.drop: limit", c.limit, err)
		}
	}
}
