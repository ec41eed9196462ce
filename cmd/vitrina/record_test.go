package main

import (
	"bufio"
	"errors"
	"image"
	"image/color"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

var (
	canvas  = media.Size{W: 1280, H: 720}
	blue    = mediatest.HexYCbCr("#1e5aa0") // "wide" in examples/two-cameras.toml
	green   = mediatest.HexYCbCr("#2e8b57") // "closeup"
	black   = color.YCbCr{Y: 16, Cb: 128, Cr: 128}
	isBlack = func(c color.YCbCr) bool { return c.Y < 40 && mediatest.Near(c, black, 12) }
	// the demo clip is orange (assets/media/README.md)
	isOrange = func(c color.YCbCr) bool { return c.Cr > 160 && c.Cb < 100 }
)

// decodeVideo decodes every picture of a recording with the project's own
// decoder and returns them in order.
func decodeVideo(t *testing.T, path string) []*media.Frame {
	t.Helper()
	mf, err := encoder.OpenMediaFile(path)
	if err != nil {
		t.Fatalf("open recording: %v", err)
	}
	defer mf.Close()
	var frames []*media.Frame
	for {
		v, _, err := mf.Next()
		if errors.Is(err, io.EOF) {
			return frames
		}
		if err != nil {
			// a recording cut by kill -9 ends in a partial cluster
			t.Logf("decoding stopped: %v", err)
			return frames
		}
		if v != nil {
			frames = append(frames, v)
		}
	}
}

func TestRunTwoCamerasRecordsTheComposedProgram(t *testing.T) {
	out := filepath.Join(t.TempDir(), "two-cameras.mkv")
	before := time.Now()
	code, _, stderr := vitrina(t, "run", "--headless", "--show", repoPath("examples/two-cameras.toml"), "--for", "10s", "--record", out)
	after := time.Now()
	if code != 0 {
		t.Fatalf("run exited %d:\n%s", code, stderr)
	}
	p := mediatest.FFprobe(t, out)
	var sawVideo, sawAudio bool
	for _, s := range p.Streams {
		switch s.CodecType {
		case "video":
			sawVideo = true
			if s.CodecName != "h264" || s.Width != 1280 || s.Height != 720 {
				t.Errorf("video stream is %s %dx%d, want h264 1280x720", s.CodecName, s.Width, s.Height)
			}
			if fps := mediatest.FPS(s.AvgFrameRate); fps < 29 || fps > 31 {
				t.Errorf("frame rate %s, want about 30", s.AvgFrameRate)
			}
		case "audio":
			sawAudio = true
		}
	}
	if !sawVideo || !sawAudio {
		t.Fatalf("recording has video=%v audio=%v, want both", sawVideo, sawAudio)
	}
	if d := p.Duration(); d < 9.5 || d > 10.5 {
		t.Errorf("duration %.2f s, want 10 ± 0.5", d)
	}

	frames := decodeVideo(t, out)
	if len(frames) < 285 {
		t.Fatalf("decoded %d pictures, want about 300", len(frames))
	}
	pip := compositor.Layout{Kind: "pip", Sources: []string{"wide", "closeup"},
		PiP: compositor.PiPConfig{Corner: "bottom-right", Scale: 0.3}}.Rects(canvas)
	grid := compositor.Layout{Kind: "grid", Sources: []string{"wide", "closeup", "clip"}}.Rects(canvas)
	strip := capture.TimecodeRect(canvas)
	var lastMS int64
	var lastFrame uint32
	var checkedPiP, checkedGrid, timecodes, distinct int
	for _, f := range frames {
		sec := f.PTS.Seconds()
		switch {
		case sec >= 0.5 && sec < 4.8:
			// main fills the canvas: sample its part away from the inset
			mainArea := image.Rect(0, strip.Max.Y, pip[1].Min.X, canvas.H)
			if c := mediatest.MedianYCbCr(f.Img, mainArea); !mediatest.Near(c, blue, 14) {
				t.Errorf("at %.2fs the main source is %v, want the wide camera's blue %v", sec, c, blue)
			}
			if c := mediatest.MedianYCbCr(f.Img, pip[1]); !mediatest.Near(c, green, 14) {
				t.Errorf("at %.2fs the inset %v is %v, want the close-up's green %v", sec, pip[1], c, green)
			}
			checkedPiP++
			ms, n, err := capture.ReadTimecode(f.Img, strip)
			if err != nil {
				t.Errorf("at %.2fs the timecode strip does not decode: %v", sec, err)
				continue
			}
			// A program tick may show the same source frame twice; it must
			// never show an older one.
			if (timecodes > 0 && (ms < lastMS || n < lastFrame)) || ms < before.UnixMilli() || ms > after.UnixMilli() {
				t.Errorf("at %.2fs timecode %d ms frame %d goes back from %d ms frame %d, or lies outside the run", sec, ms, n, lastMS, lastFrame)
			}
			if timecodes == 0 || n > lastFrame {
				distinct++
			}
			lastMS, lastFrame = ms, n
			timecodes++
		case sec >= 6 && sec < 9.8:
			want := []func(color.YCbCr) bool{
				func(c color.YCbCr) bool { return mediatest.Near(c, blue, 14) },
				func(c color.YCbCr) bool { return mediatest.Near(c, green, 14) },
				isOrange, isBlack,
			}
			names := []string{"wide (blue)", "closeup (green)", "clip (orange)", "empty (black)"}
			cells := append(grid[:3:3], image.Rect(canvas.W/2, canvas.H/2, canvas.W, canvas.H))
			for i, r := range cells {
				if c := mediatest.MedianYCbCr(f.Img, r.Inset(r.Dx()/10)); !want[i](c) {
					t.Errorf("at %.2fs grid cell %d %v is %v, want %s", sec, i, r, c, names[i])
				}
			}
			checkedGrid++
		}
	}
	// Source and canvas tick on separate 30 fps clocks, so a tick now and
	// then repeats a source frame; most must still be new pictures.
	if checkedPiP < 100 || checkedGrid < 100 || distinct < checkedPiP*6/10 {
		t.Errorf("checked %d picture-in-picture frames (%d distinct timecodes) and %d grid frames; want over 100 each, mostly distinct", checkedPiP, distinct, checkedGrid)
	}
}

// A show killed with SIGKILL mid-way must leave a recording that plays up to
// shortly before the kill.
func TestRecordingSurvivesKill9(t *testing.T) {
	out := filepath.Join(t.TempDir(), "killed.mkv")
	cmd := exec.Command(binary, "run", "--headless", "--show", repoPath("examples/two-cameras.toml"), "--record", out)
	cmd.Env = append(cmd.Environ(), "VITRINA_DATA="+t.TempDir())
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), "program started") {
				close(started)
				once = true
			}
		}
	}()
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the show did not start within 30 s")
	}
	// The scenario is a kill 8 s into the show: the wait is the
	// scenario itself, not a guess at when something is ready.
	time.Sleep(8 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	frames := decodeVideo(t, out)
	if len(frames) == 0 {
		t.Fatal("the killed recording has no decodable pictures")
	}
	last := frames[len(frames)-1].PTS
	if last < 6*time.Second || len(frames) < 180 {
		t.Errorf("the killed recording decodes to %v (%d pictures), want at least 6 s", last, len(frames))
	}
}
