package studio

import (
	"errors"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// A destination added while the show runs stays off air until started, and
// then goes live; a duplicate id or a bad URL is refused and adds nothing.
func TestAddDestinationWhileLive(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "live")
	s := testStudio(t, smallShow, Config{For: 8 * time.Second})
	events := subscribe(t, s)
	ctx, cancel, runErr := runInBackground(t, s)

	d := show.Destination{ID: "added", Service: "custom", URL: nginx.URL("live")}
	if err := s.AddDestination(ctx, d, "stream"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddDestination(ctx, d, "stream"); !errors.Is(err, ErrBadInput) {
		t.Errorf("duplicate id: %v, want ErrBadInput", err)
	}
	if err := s.AddDestination(ctx, show.Destination{ID: "bad", Service: "custom", URL: "http://x/"}, "k"); !errors.Is(err, ErrBadInput) {
		t.Errorf("bad URL: %v, want ErrBadInput", err)
	}
	dests := s.Destinations()
	if len(dests) != 1 || dests[0].Name != "added" || dests[0].State != output.Idle {
		t.Fatalf("destinations after adding: %+v, want added, idle", dests)
	}
	if err := s.StartDestination(ctx, "added"); err != nil {
		t.Fatal(err)
	}
	for live := false; !live; {
		select {
		case e := <-events:
			live = e.Kind == EventOutputState && e.Subject == "added" && e.State == string(output.Live)
		case <-ctx.Done():
			t.Fatalf("added never went live: %+v", s.Destinations())
		}
	}
	// Live means the server took the stream: bytes go out.
	for s.Destinations()[0].Bytes == 0 {
		select {
		case <-ctx.Done():
			t.Fatalf("added is live but sends nothing: %+v", s.Destinations())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	<-runErr
}
