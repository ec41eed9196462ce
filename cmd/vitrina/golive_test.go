package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// video720p is a show's video: 1280x720 at 30 fps and 2.5 Mbit/s.
const video720p = `
[video]
width = 1280
height = 720
fps = 30
bitrate_kbps = 2500
`

// goLiveShow is a 720p30 test pattern with a tone, sent to the destinations
// given as TOML.
func goLiveShow(t *testing.T, destinations string) string {
	t.Helper()
	body := video720p + `
[[source]]
id = "cam"
kind = "testpattern"

[[source]]
id = "beep"
kind = "tone"
` + destinations
	return filepath.Join(showFolder(t, body, ""), "show.toml")
}

// The platform relay over WHIP and two RTMP destinations are live at once
// for 20 s from one encode, while the show records locally: nginx records
// H.264+AAC, MediaMTX reports the stream, and a browser plays it.
func TestGoLiveEverywhere(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "yt", "tw")
	mtx := mediatest.StartMediaMTX(t)
	showFile := goLiveShow(t, whipRelay(mtx.WHIP("shop"), "TEST_RELAY_TOKEN")+fmt.Sprintf(`
[[destination]]
id = "youtube"
kind = "rtmp"
url = %q
key_env = "TEST_YT_KEY"

[[destination]]
id = "twitch"
kind = "rtmp"
url = %q
key_env = "TEST_TW_KEY"
`, nginx.URL("yt"), nginx.URL("tw")))
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s := startShow(t, []string{"TEST_RELAY_TOKEN=" + mtx.PublishToken, "TEST_YT_KEY=yt-key-5150", "TEST_TW_KEY=tw-key-8086"},
		"run", "--headless", "--show", showFile, "--for", "20s", "--record", rec)
	for _, id := range []string{"relay", "youtube", "twitch"} {
		s.waitFor(t, 0, 20*time.Second, "destination="+id, "state=live")
	}
	path := mtx.WaitReady(t, "shop", 10*time.Second)
	if !containsAll(strings.Join(path.Tracks, " "), []string{"H264", "Opus"}) {
		t.Errorf("MediaMTX reports tracks %v, want H264 and Opus", path.Tracks)
	}

	play := playInChromium(t, mtx.HTTP+"/shop/", 5)
	if play.VideoWidth != 1280 || play.VideoHeight != 720 {
		t.Errorf("the browser shows %dx%d, want 1280x720", play.VideoWidth, play.VideoHeight)
	}
	if play.LastTime-play.FirstTime < 4 || play.Paused {
		t.Errorf("the video did not play: currentTime %.2f → %.2f over 5 s, paused=%v", play.FirstTime, play.LastTime, play.Paused)
	}
	// 30 fps for 5 s is 150; on a loaded 2-core machine Chromium's software
	// decoder keeps up with less, but a playing video decodes many.
	if play.FramesDecoded < 45 {
		t.Errorf("getStats shows %d decoded frames after 5 s, want ≥ 45", play.FramesDecoded)
	}

	log := s.wait(t, time.Minute)
	for _, secret := range []string{"yt-key-5150", "tw-key-8086", "show-secret-7f3a"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log shows the secret %q", secret)
		}
	}
	if n := s.count("destination=relay", "state=connecting"); n != 1 {
		t.Errorf("the relay connected %d times, want once:\n%s", n, log)
	}
	if n := s.count("video encoder open"); n != 1 {
		t.Errorf("%d video encodes for three destinations and a recording, want 1", n)
	}
	for _, f := range []string{"yt/yt-key-5150.flv", "tw/tw-key-8086.flv"} {
		checkH264AAC(t, filepath.Join(nginx.RecordDir, f), "aac")
		assertDecodes(t, filepath.Join(nginx.RecordDir, f), 18*time.Second)
	}
	checkH264AAC(t, rec, "aac")
	assertDecodes(t, rec, 19500*time.Millisecond)
}

// playResult is what scripts/browser/whep-play.mjs prints.
type playResult struct {
	VideoWidth, VideoHeight int
	FirstTime, LastTime     float64
	Paused                  bool
	FramesDecoded           int
	Errors                  []string
}

// playInChromium opens a WHEP player page in Debian's headless Chromium
// (driven by playwright-core, which `make deps` installs) for seconds.
func playInChromium(t *testing.T, url string, seconds int) playResult {
	t.Helper()
	dir := repoPath("scripts/browser")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed in %s: run `make deps`", dir)
	}
	cmd := exec.Command("node", "whep-play.mjs", url, strconv.Itoa(seconds))
	cmd.Dir = dir
	out, err := cmd.Output()
	var r playResult
	if jerr := json.Unmarshal(out, &r); jerr != nil {
		t.Fatalf("the browser script failed (%v): %s", err, out)
	}
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("the browser could not play %s: %v %v", url, err, r.Errors)
	}
	return r
}

func checkH264AAC(t *testing.T, path, audio string) {
	t.Helper()
	pr := mediatest.FFprobe(t, path)
	codecs := map[string]string{}
	for _, st := range pr.Streams {
		codecs[st.CodecType] = st.CodecName
	}
	if codecs["video"] != "h264" || codecs["audio"] != audio {
		t.Errorf("%s carries %v, want h264 and %s", filepath.Base(path), codecs, audio)
	}
}

// assertDecodes decodes a file's video and checks it spans at least want.
func assertDecodes(t *testing.T, path string, want time.Duration) {
	t.Helper()
	mf, err := encoder.OpenMediaFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer mf.Close()
	n := 0
	var first, last time.Duration
	for {
		v, _, err := mf.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Logf("%s: decoding stopped: %v", filepath.Base(path), err)
			}
			break
		}
		if v == nil {
			continue
		}
		if n == 0 {
			first = v.PTS
		}
		last = v.PTS
		n++
	}
	t.Logf("%s: %d pictures from %v to %v", filepath.Base(path), n, first, last)
	if n == 0 || last-first < want {
		t.Errorf("%s decodes to %d pictures over %v, want ≥ %v", filepath.Base(path), n, last-first, want)
	}
}

var summaryRE = regexp.MustCompile(`destination summary"? destination=(\S+) state=(\S+) kbps=\d+ sent_bytes=(\d+) dropped=(\d+)`)

// summaries reads the per-destination lines printed when the show ends.
func summaries(log string) map[string][2]int64 {
	out := map[string][2]int64{}
	for _, m := range summaryRE.FindAllStringSubmatch(log, -1) {
		sent, _ := strconv.ParseInt(m[3], 10, 64)
		dropped, _ := strconv.ParseInt(m[4], 10, 64)
		out[m[1]] = [2]int64{sent, dropped}
	}
	return out
}
