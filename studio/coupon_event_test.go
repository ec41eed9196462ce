package studio

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// A coupon cue's event carries its code and watch condition, and a
// giveaway cue's its winner and prize, for the platform link to publish.
func TestCouponAndGiveawayEventsCarryTheirDetails(t *testing.T) {
	body := smallShow + `
[[cue]]
at = "100ms"
do = "coupon"
text = "Watch 10 minutes to unlock 10% off"
code = "STAY10"
watch_minutes = 10
show_for = "2s"

[[cue]]
at = "200ms"
do = "giveaway"
winner = "@maria"
text = "a linen scarf"
`
	body = wider(body)
	s := testStudio(t, body, Config{RecordPath: filepath.Join(t.TempDir(), "show.mkv"), For: 600 * time.Millisecond})
	events := subscribe(t, s)
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := sellingDetails(events)
	if c := got["coupon"]; c.Code != "STAY10" || c.Watch != 10*time.Minute || c.Text != "Watch 10 minutes to unlock 10% off" || c.ShowFor != 2*time.Second {
		t.Errorf("coupon: %+v", c)
	}
	if g := got["giveaway"]; g.Winner != "@maria" || g.Text != "a linen scarf" {
		t.Errorf("giveaway: %+v", g)
	}
}
