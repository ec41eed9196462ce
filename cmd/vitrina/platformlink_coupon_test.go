package main

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/store"
)

// A coupon cue reaches the platform with its code and its watch condition
// in seconds; a giveaway cue as the giveaway's result.
func TestPlatformLinkPublishesCouponsAndGiveaways(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := &platformLink{st: &fakeStock{}, currency: "EUR", log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	l.client = &platform.Client{URL: "ws://127.0.0.1:1/show/events", Outbox: db.Outbox("room")}
	now := time.Now()
	l.selling("coupon", studio.SellingDetail{Text: "Watch 10 minutes to unlock 10% off", Code: "STAY10", Watch: 10 * time.Minute}, now)
	l.selling("coupon", studio.SellingDetail{Text: "Free shipping tonight", Code: "SHIPFREE"}, now)
	l.selling("giveaway", studio.SellingDetail{Winner: "@maria", Text: "a linen scarf"}, now)
	pending, err := db.Outbox("room").Pending(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var events []platform.Event
	for _, f := range pending {
		_, ev, err := platform.Decode(f.Frame, 1<<20)
		if err != nil {
			t.Fatalf("frame %d: %v", f.ID, err)
		}
		events = append(events, ev)
	}
	if len(events) != 3 {
		t.Fatalf("the outbox holds %d events, want 2 coupons and a giveaway result", len(events))
	}
	if c, ok := events[0].(platform.Coupon); !ok || c.Code != "STAY10" || c.WatchSeconds != 600 || c.Text != "Watch 10 minutes to unlock 10% off" {
		t.Errorf("first coupon %#v", events[0])
	}
	if c, ok := events[1].(platform.Coupon); !ok || c.Code != "SHIPFREE" || c.WatchSeconds != 0 {
		t.Errorf("second coupon %#v", events[1])
	}
	if g, ok := events[2].(platform.GiveawayResult); !ok || g.Winner != "@maria" || g.Prize != "a linen scarf" {
		t.Errorf("giveaway %#v", events[2])
	}
}
