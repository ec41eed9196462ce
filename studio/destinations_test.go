package studio

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

// One destination is stopped and started again while the show is live:
// the other destination and the recording do not notice (nothing dropped,
// no reconnect), and the restarted one goes live again from a keyframe.
func TestStopAndStartOneDestinationWhileOthersAreLive(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "a", "b")
	body := smallShow + rtmpDestination("first", nginx.URL("a")+"/stream") + rtmpDestination("second", nginx.URL("b")+"/stream")
	s := testStudio(t, body, Config{RecordPath: filepath.Join(t.TempDir(), "show.mkv"), For: 9 * time.Second})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)

	var states []string // of "second", in order
	firstConnects := 0
	current := map[string]string{} // each destination's last state seen
	waitState := func(id string, want output.State) {
		t.Helper()
		for current[id] != string(want) {
			select {
			case e := <-events:
				if e.Kind != EventOutputState {
					continue
				}
				if e.Subject == "second" {
					states = append(states, e.State)
				}
				if e.Subject == "first" && e.State == string(output.Connecting) {
					firstConnects++
				}
				current[e.Subject] = e.State
			case <-ctx.Done():
				t.Fatalf("%s never reached %s; second went %v", id, want, states)
			}
		}
	}
	waitState("first", output.Live)
	waitState("second", output.Live)
	// Go live on a live destination leaves it live: no reconnect (counted
	// below: the first connects once).
	if err := s.StartDestination(ctx, "first"); err != nil {
		t.Fatal(err)
	}
	if err := s.StopDestination(ctx, "second"); err != nil {
		t.Fatal(err)
	}
	waitState("second", output.Stopped)
	if st := s.Destinations()[1]; st.State != output.Stopped {
		t.Errorf("second after StopDestination: %s", st.State)
	}
	if err := s.StartDestination(ctx, "second"); err != nil {
		t.Fatal(err)
	}
	waitState("second", output.Live)
	if err := s.StartDestination(ctx, "nope"); err == nil {
		t.Error("starting an unknown destination did not fail")
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if firstConnects != 1 {
		t.Errorf("the first destination connected %d times: asked to go live again while live, or while the second was stopped and started", firstConnects)
	}
	final := s.Destinations()
	if final[0].Dropped != 0 || final[0].Bytes == 0 {
		t.Errorf("first destination: %+v, want bytes sent and nothing dropped", final[0])
	}
	if st := s.Stats(); st.Dropped != final[1].Dropped {
		t.Errorf("drops outside the restarted destination: total %d, second %d", st.Dropped, final[1].Dropped)
	}
	t.Logf("second went %v; first sent %d bytes", states, final[0].Bytes)
	for _, app := range []string{"a", "b"} {
		pr := mediatest.FFprobe(t, filepath.Join(nginx.RecordDir, app, "stream.flv"))
		if len(pr.Streams) != 2 {
			t.Errorf("nginx recorded %d streams for %s, want video and audio", len(pr.Streams), app)
		}
	}
}
