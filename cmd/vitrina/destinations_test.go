package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// Two RTMP destinations on a real nginx-rtmp receive the one encode at the
// same time while a third, dead destination keeps retrying without touching
// them; the stream keys never reach the log.
func TestRunStreamsToSeveralRTMPDestinations(t *testing.T) {
	srv := mediatest.StartNginxRTMP(t, "live", "live2")
	show := fmt.Sprintf(`
[video]
width = 640
height = 360
bitrate_kbps = 1200

[[source]]
id = "cam"
kind = "testpattern"

[[source]]
id = "beep"
kind = "tone"

[[destination]]
id = "yt"
kind = "rtmp"
url = %q
key_env = "TEST_YT_KEY"

[[destination]]
id = "tw"
kind = "rtmp"
url = %q
key_env = "TEST_TW_KEY"

[[destination]]
id = "dead"
kind = "rtmp"
url = "rtmp://127.0.0.1:%d/live"
key_env = "TEST_DEAD_KEY"
`, srv.URL("live"), srv.URL("live2"), mediatest.FreePort(t))
	p := filepath.Join(showFolder(t, show, ""), "show.toml")
	code, stdout, stderr := runVitrina(t, []string{"VITRINA_DATA=" + t.TempDir(),
		"TEST_YT_KEY=yt-secret-1111", "TEST_TW_KEY=tw-secret-2222", "TEST_DEAD_KEY=dead-secret-3333"},
		nil, "run", "--headless", "--show", p, "--for", "6s", "--record", filepath.Join(t.TempDir(), "rec.mkv"))
	out := stdout + stderr
	if code != 0 {
		t.Fatalf("run exited %d\n%s", code, out)
	}
	for _, secret := range []string{"yt-secret", "tw-secret", "dead-secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log shows the stream key %q", secret)
		}
	}
	if !strings.Contains(out, `destination=dead state=reconnecting`) {
		t.Errorf("the dead destination was not reported as reconnecting:\n%s", out)
	}
	for _, f := range []string{"live/yt-secret-1111.flv", "live2/tw-secret-2222.flv"} {
		pr := mediatest.FFprobe(t, filepath.Join(srv.RecordDir, f))
		codecs := map[string]string{}
		for _, s := range pr.Streams {
			codecs[s.CodecType] = s.CodecName
		}
		if codecs["video"] != "h264" || codecs["audio"] != "aac" {
			t.Errorf("%s carries %v, want h264 and aac", f, codecs)
		}
		// Live FLV has no duration field (ffprobe would guess from the bit
		// rate), so decode it and look at the last picture's time.
		frames := decodeVideo(t, filepath.Join(srv.RecordDir, f))
		if len(frames) == 0 {
			t.Fatalf("%s has no decodable pictures", f)
		}
		t.Logf("%s: %d pictures, last at %v", f, len(frames), frames[len(frames)-1].PTS)
		if last := frames[len(frames)-1].PTS; last < 5500*time.Millisecond || len(frames) < 165 {
			t.Errorf("%s decodes to %v (%d pictures) of the 6 s show", f, last, len(frames))
		}
	}
}
