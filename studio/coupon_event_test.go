package studio

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
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
	body = replaceOnce(body, "width = 320\nheight = 180", "width = 640\nheight = 360")
	f, err := show.Parse([]byte(body), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Show: f, RecordPath: filepath.Join(t.TempDir(), "show.mkv"), For: 600 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events, unsubscribe := s.Subscribe()
	defer unsubscribe()
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := map[string]SellingDetail{}
	for len(events) > 0 {
		if e := <-events; e.Kind == EventSelling && e.Selling != nil {
			got[e.Subject] = *e.Selling
		}
	}
	if c := got["coupon"]; c.Code != "STAY10" || c.Watch != 10*time.Minute || c.Text != "Watch 10 minutes to unlock 10% off" || c.ShowFor != 2*time.Second {
		t.Errorf("coupon: %+v", c)
	}
	if g := got["giveaway"]; g.Winner != "@maria" || g.Text != "a linen scarf" {
		t.Errorf("giveaway: %+v", g)
	}
}
