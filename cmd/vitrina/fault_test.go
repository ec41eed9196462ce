package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// An RTMP server that dies 5 s into the show and comes back 5 s later: its
// destination goes to reconnecting and is live again within 5 s of the
// server's return, while the WHIP destination and the local recording lose
// nothing.
func TestRTMPDestinationComesBackAfterItsServerRestarts(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "live")
	mtx := mediatest.StartMediaMTX(t)
	showFile := goLiveShow(t, whipRelay(mtx.WHIP("shop"), "TEST_RELAY_TOKEN")+fmt.Sprintf(`
[[destination]]
id = "restream"
kind = "rtmp"
url = %q
key_env = "TEST_KEY"
`, nginx.URL("live")))
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s := startShow(t, []string{"TEST_RELAY_TOKEN=" + mtx.PublishToken, "TEST_KEY=restream-key-42"},
		"run", "--headless", "--show", showFile, "--for", "20s", "--record", rec)
	_, started := s.waitFor(t, 0, 20*time.Second, "program started")
	s.waitFor(t, 0, 20*time.Second, "destination=restream", "state=live")
	s.waitFor(t, 0, 20*time.Second, "destination=relay", "state=live")

	time.Sleep(time.Until(started.Add(5 * time.Second))) // the scenario's timing, not a wait for a condition
	nginx.Stop()
	i, _ := s.waitFor(t, 0, 10*time.Second, "destination=restream", "state=reconnecting")
	time.Sleep(time.Until(started.Add(10 * time.Second)))
	nginx.Start(t)
	back := time.Now()
	_, live := s.waitFor(t, i, 15*time.Second, "destination=restream", "state=live")
	t.Logf("restream was live again %v after nginx came back", live.Sub(back).Round(time.Millisecond))
	if d := live.Sub(back); d > 5*time.Second {
		t.Errorf("restream took %v to be live again after its server returned, want ≤ 5 s", d)
	}

	log := s.wait(t, time.Minute)
	if strings.Contains(log, "restream-key-42") {
		t.Error("the log shows the stream key")
	}
	if n := s.count("destination=relay", "state=connecting"); n != 1 {
		t.Errorf("the relay reconnected (%d connects) while another destination failed", n)
	}
	sum := summaries(log)
	if got, ok := sum["relay"]; !ok || got[1] != 0 || got[0] == 0 {
		t.Errorf("relay summary (sent bytes, dropped) = %v, want bytes sent and 0 dropped:\n%s", got, log)
	}
	if !strings.Contains(log, "recording closed") || !strings.Contains(log, "dropped=0") {
		t.Errorf("the recording did not close with dropped=0:\n%s", log)
	}
	assertDecodes(t, rec, 19500*time.Millisecond)
	// What nginx recorded after it came back is a decodable stream.
	assertDecodes(t, filepath.Join(nginx.RecordDir, "live", "restream-key-42.flv"), 5*time.Second)
}

// Bad destinations each end in a clear state with the reason, and a 401
// from WHIP is never retried; no message carries a secret.
func TestBadDestinationsSayWhy(t *testing.T) {
	mtx := mediatest.StartMediaMTX(t)
	showFile := goLiveShow(t, fmt.Sprintf(`
[[destination]]
id = "badtoken"
kind = "whip"
url = %q
token_env = "TEST_BAD_TOKEN"

[[destination]]
id = "nohost"
kind = "rtmp"
url = "rtmp://vitrina-no-such-host.invalid/live"
key_env = "TEST_KEY"

[[destination]]
id = "closedport"
kind = "whip"
url = "http://127.0.0.1:%d/shop/whip"
`, mtx.WHIP("shop"), mediatest.FreePort(t)))
	s := startShow(t, []string{"TEST_BAD_TOKEN=host:wrong-password-99", "TEST_KEY=never-shown-77"},
		"run", "--headless", "--show", showFile, "--for", "8s", "--record", filepath.Join(t.TempDir(), "show.mkv"))
	s.waitFor(t, 0, 20*time.Second, "destination=badtoken", "state=failed", "401")
	s.waitFor(t, 0, 20*time.Second, "destination=nohost", "state=reconnecting", "vitrina-no-such-host.invalid")
	s.waitFor(t, 0, 20*time.Second, "destination=closedport", "state=reconnecting", "connection refused")
	log := s.wait(t, time.Minute)
	if n := s.count("destination=badtoken", "state=connecting"); n != 1 {
		t.Errorf("the 401 was retried: %d connects", n)
	}
	for _, secret := range []string{"wrong-password-99", "never-shown-77"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log shows the secret %q", secret)
		}
	}
	// Malformed URLs and wrong schemes are refused before the show starts.
	for _, c := range []struct{ dest, want string }{
		{"[[destination]]\nid = \"x\"\nkind = \"rtmp\"\nurl = \"rtmp//missing-colon\"\n", `destination "x"`},
		{"[[destination]]\nid = \"x\"\nkind = \"whip\"\nurl = \"rtmp://127.0.0.1/live\"\n", `destination "x"`},
		{"[[destination]]\nid = \"x\"\nservice = \"facebook\"\nurl = \"rtmp://live-api-s.facebook.com:80/rtmp/\"\n", "rtmps"},
	} {
		code, _, stderr := vitrina(t, "run", "--headless", "--show", goLiveShow(t, c.dest), "--for", "1s")
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("destination %q: exit %d, stderr %q; want 2 naming %q", c.dest, code, stderr, c.want)
		}
	}
}
