package studio

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// While the show is live, one destination is edited to another server and
// then removed: it goes live on the new server, and the other destination
// never notices (one connection, nothing dropped, bytes flowing). The
// removed id is free for a new destination.
func TestUpdateAndRemoveOneDestinationWhileOthersAreLive(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "a", "b", "c")
	body := smallShow + rtmpDestination("first", nginx.URL("a")+"/stream") + rtmpDestination("second", nginx.URL("b")) +
		"key_env = \"TEST_SECOND_KEY\"\n"
	t.Setenv("TEST_SECOND_KEY", "second-key-7")
	s := testStudio(t, body, Config{For: 12 * time.Second})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)

	firstConnects := 0
	current := map[string]string{}
	changes := map[string]string{} // EventDestination: id → last change
	wait := func(what string, done func() bool) {
		t.Helper()
		for !done() {
			select {
			case e := <-events:
				switch e.Kind {
				case EventOutputState:
					if e.Subject == "first" && e.State == string(output.Connecting) {
						firstConnects++
					}
					current[e.Subject] = e.State
				case EventDestination:
					changes[e.Subject] = e.State
				}
			case <-ctx.Done():
				t.Fatalf("%s never happened: %+v", what, s.Destinations())
			}
		}
	}
	live := func(id string) func() bool { return func() bool { return current[id] == string(output.Live) } }
	wait("first live", live("first"))
	wait("second live", live("second"))

	// Edit: another server, no new key: the key it had goes with it (the
	// env variable is gone by now), and it goes back on air.
	os.Unsetenv("TEST_SECOND_KEY")
	current["second"] = ""
	moved := show.Destination{ID: "second", Kind: "rtmp", URL: nginx.URL("c"), KeyEnv: "TEST_SECOND_KEY"}
	if err := s.UpdateDestination(ctx, "second", moved, ""); err != nil {
		t.Fatal(err)
	}
	wait("second updated", func() bool { return changes["second"] == "updated" })
	wait("second live on c", live("second"))
	if err := s.UpdateDestination(ctx, "second", show.Destination{ID: "first", Kind: "rtmp", URL: moved.URL}, ""); !errors.Is(err, ErrBadInput) {
		t.Errorf("renaming second to first, which is taken: %v, want ErrBadInput", err)
	}
	if got := s.DestinationSettings(); len(got) != 2 || got[1].URL != moved.URL {
		t.Errorf("settings after the edit: %+v", got)
	}

	if err := s.RemoveDestination(ctx, "second"); err != nil {
		t.Fatal(err)
	}
	wait("second removed", func() bool { return changes["second"] == "removed" })
	if got := s.Destinations(); len(got) != 1 || got[0].Name != "first" || got[0].State != output.Live {
		t.Errorf("destinations after removing second: %+v, want first, live", got)
	}
	if err := s.RemoveDestination(ctx, "second"); !errors.Is(err, ErrBadInput) {
		t.Errorf("removing it twice: %v, want ErrBadInput", err)
	}
	if err := s.AddDestination(ctx, show.Destination{ID: "second", Service: "custom", URL: nginx.URL("b")}, "again"); err != nil {
		t.Errorf("adding under the removed id: %v", err)
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if firstConnects != 1 {
		t.Errorf("the first destination connected %d times while the second was edited and removed", firstConnects)
	}
	final := s.Destinations()
	if final[0].Dropped != 0 || final[0].Bytes == 0 {
		t.Errorf("first destination: %+v, want bytes sent and nothing dropped", final[0])
	}
	// The stream key is the stream's name on nginx: the edited destination
	// kept it on the new server.
	for _, rec := range []string{"a/stream.flv", "b/second-key-7.flv", "c/second-key-7.flv"} {
		pr := mediatest.FFprobe(t, filepath.Join(nginx.RecordDir, rec))
		if len(pr.Streams) != 2 {
			t.Errorf("nginx recorded %d streams in %s, want video and audio", len(pr.Streams), rec)
		}
	}
}
