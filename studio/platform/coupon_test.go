package platform

import (
	"errors"
	"strings"
	"testing"
)

// A coupon's watch condition travels as watch_seconds, is checked, and is
// part of the state a late viewer gets.
func TestCouponWatchCondition(t *testing.T) {
	c := Coupon{Text: "Watch 10 minutes to unlock 10% off", Code: "STAY10", WatchSeconds: 600}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	frame, err := Frame(3, c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(frame), `"watch_seconds":600`) || !strings.Contains(string(frame), `"code":"STAY10"`) {
		t.Errorf("frame %s", frame)
	}
	env, ev, err := Decode(frame, MaxHostFrame)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := ev.(Coupon); !ok || got != c {
		t.Errorf("decoded %#v, want %#v", ev, c)
	}
	var s State
	s.Apply(env, ev)
	if s.Coupon == nil || s.Coupon.WatchSeconds != 600 {
		t.Errorf("state coupon %+v", s.Coupon)
	}
	for _, bad := range []Coupon{
		{Text: "x", Code: "C", WatchSeconds: -1},
		{Text: "x", Code: "C", WatchSeconds: MaxWatchSeconds + 1},
		{Text: "x", WatchSeconds: 60},
	} {
		err := bad.Validate()
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "watch_seconds") {
			t.Errorf("%+v: %v, want an error naming watch_seconds", bad, err)
		}
	}
	// A coupon without a condition is as before.
	if err := (Coupon{Text: "Free shipping tonight", Code: "SHIPFREE"}).Validate(); err != nil {
		t.Error(err)
	}
}
