package control

import (
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
)

// The relay's viewer count goes out on the event stream as a "viewers"
// event with the count as a number, zero included.
func TestEventsStreamCarriesTheViewerCount(t *testing.T) {
	eng, hs, _ := serve(t)
	ctx, ws := dialEvents(t, hs)
	for _, n := range []int{1234, 0} {
		eng.events <- studio.Event{Kind: studio.EventViewers, Viewers: n, Time: time.Now()}
		e, b, err := readEvent(t, ctx, ws)
		if err != nil || e.Kind != "viewers" || e.Viewers == nil || *e.Viewers != n {
			t.Errorf("event %s (%v), want viewers %d", b, err, n)
		}
		if !strings.Contains(string(b), `"viewers":`) {
			t.Errorf("event %s has no viewers field", b)
		}
	}
	// Other events carry no count.
	eng.events <- studio.Event{Kind: studio.EventSelling, Subject: "pin", Time: time.Now()}
	if _, b, _ := readEvent(t, ctx, ws); strings.Contains(string(b), `"viewers"`) {
		t.Errorf("a pin event carries a viewer count: %s", b)
	}
}
