package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

var probeLineRE = regexp.MustCompile(`^frames=(\d+) unreadable=(\d+) skipped=(\d+) p50=(-?\d+)ms p95=(-?\d+)ms p99=(-?\d+)ms \(glass-to-glass, (\d+)x(\d+)\)$`)

// A show publishes a 720p30 test pattern to a real MediaMTX over WHIP, and
// `vitrina probe whep` plays it back over WHEP, decodes it and reads the
// timecode strip of every picture: the glass-to-glass latency of the whole
// path, encoder, WHIP, MediaMTX, WHEP and decoder included.
func TestProbeMeasuresAShowThroughMediaMTX(t *testing.T) {
	mtx := mediatest.StartMediaMTX(t)
	showFile := goLiveShow(t, singleCam+whipRelay(mtx.WHIP("latency"), "TEST_PROBE_PUBLISH_TOKEN"))
	show := startShow(t, []string{"TEST_PROBE_PUBLISH_TOKEN=" + mtx.PublishToken}, "run", "--headless", "--show", showFile, "--for", "20s")
	defer func() {
		if t.Failed() {
			t.Logf("show log:\n%s", show.log())
		}
	}()
	mtx.WaitReady(t, "latency", 30*time.Second)

	code, stdout, stderr := vitrina(t, "probe", "whep", mtx.WHEP("latency"), "--for", "8s")
	if code != 0 {
		t.Fatalf("probe exited %d: stdout %q, stderr %q", code, stdout, stderr)
	}
	if stderr != "" {
		t.Errorf("probe wrote to stderr on success: %q", stderr)
	}
	line := strings.TrimSpace(stdout)
	t.Logf("probe: %s", line)
	m := probeLineRE.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("probe output %q is not one result line", stdout)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	frames, unreadable, p50, p95, p99 := n(1), n(2), n(4), n(5), n(6)
	if frames < 150 {
		t.Errorf("%d pictures decoded in 8 s of a 30 fps stream, want ≥ 150", frames)
	}
	if unreadable > frames/20 {
		t.Errorf("%d of %d pictures had no readable strip", unreadable, frames)
	}
	if p50 <= 0 || p50 > 1000 {
		t.Errorf("p50 %d ms, want between 0 and 1000 ms", p50)
	}
	if p95 < p50 || p99 < p95 {
		t.Errorf("percentiles out of order: p50 %d, p95 %d, p99 %d", p50, p95, p99)
	}
	if w, h := n(7), n(8); w != 1280 || h != 720 {
		t.Errorf("probe decoded %dx%d, want 1280x720", w, h)
	}

	// A path nobody publishes on: MediaMTX says so and the probe exits 1.
	code, _, stderr = vitrina(t, "probe", "whep", mtx.WHEP("nobody-here"), "--for", "2s")
	if code != 1 || !strings.Contains(stderr, "404") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("probing an empty path: exit %d, stderr %q; want 1 and one line naming the 404", code, stderr)
	}

	// The probe is done: end the show now rather than wait out its 20 s.
	show.stop(t, 30*time.Second)
}

func TestProbeBadInput(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not http", []string{"probe", "whep", "rtmp://127.0.0.1:1935/live/whep"}, 2, "not an http(s) URL"},
		{"no URL", []string{"probe", "whep", "--for", "2s"}, 2, "missing the WHEP URL"},
		{"not whep", []string{"probe", "rtmp", "http://127.0.0.1:8889/x/whep"}, 2, "probe whep URL"},
		{"bad duration", []string{"probe", "whep", "http://127.0.0.1:8889/x/whep", "--for", "-1s"}, 2, "--for -1s must be positive"},
		{"token variable unset", []string{"probe", "whep", "--token-env", "TEST_PROBE_UNSET_TOKEN", "http://127.0.0.1:8889/x/whep"}, 2, "TEST_PROBE_UNSET_TOKEN"},
		{"nothing listening", []string{"probe", "whep", fmt.Sprintf("http://127.0.0.1:%d/x/whep", mediatest.FreePort(t)), "--token-env", "TEST_PROBE_TOKEN"}, 1, "cannot connect to http://127.0.0.1:"},
	}
	t.Setenv("TEST_PROBE_TOKEN", "probe-secret-0451")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := vitrina(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if !strings.HasPrefix(stderr, "vitrina: ") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q, want one 'vitrina: ' line containing %q", stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q on failure", stdout)
			}
			if strings.Contains(stderr+stdout, "probe-secret-0451") {
				t.Errorf("the token was printed")
			}
		})
	}
}
