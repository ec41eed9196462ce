package studio

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// The host stops the recording at about 2 s and starts it again at about
// 3 s of a 5 s show: the first file is finished and plays its 2 s, the
// second is a new file (show-2.mkv exists already, so show-3.mkv) that
// starts on a keyframe, plays about 2 s and has the product pinned before
// the stop as a chapter from its start; the RTMP destination streams all
// 5 s without reconnecting or dropping anything.
func TestRecordingStopAndStartMakesASecondFile(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "live")
	body := smallShow + rtmpDestination("relay", nginx.URL("live")+"/stream") + `
[[cue]]
at = "500ms"
do = "pin"
product = "SKU-1"
`
	body = wider(body) // room for the card
	dir := t.TempDir()
	rec := filepath.Join(dir, "show.mkv")
	taken := filepath.Join(dir, "show-2.mkv")
	if err := os.WriteFile(taken, []byte("an earlier show's part"), 0o644); err != nil {
		t.Fatal(err)
	}
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, Number: 12}}
	s := testStudio(t, body, Config{RecordPath: rec, For: 5 * time.Second, Catalog: cat})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)

	var records []string // "state path" of every record event, in order
	connects := 0
	// next reads events until one of kind (and, for output states, of
	// subject) arrives.
	next := func(kind EventKind, subject string) Event {
		t.Helper()
		for {
			select {
			case e := <-events:
				if e.Kind == EventOutputState && e.Subject == "record" {
					records = append(records, e.State+" "+filepath.Base(e.Path))
				}
				if e.Kind == EventOutputState && e.Subject == "relay" && e.State == "connecting" {
					connects++
				}
				if e.Kind == kind && (subject == "" || e.Subject == subject) {
					return e
				}
			case <-ctx.Done():
				t.Fatalf("no %s %s event; record events so far %v", kind, subject, records)
			}
		}
	}
	next(EventStarted, "")
	next(EventStats, "") // ~1 s
	next(EventStats, "") // ~2 s
	if err := s.StopRecording(ctx); err != nil {
		t.Fatalf("StopRecording: %v", err)
	}
	// It returns once the file is finished: it plays now, mid-show.
	if d := mediatest.FFprobe(t, rec).Duration(); d < 1.5 || d > 2.7 {
		t.Errorf("the stopped recording lasts %.2f s, want about 2", d)
	}
	if err := s.StopRecording(ctx); err != nil {
		t.Errorf("stopping a stopped recording: %v", err)
	}
	next(EventStats, "") // ~3 s
	if err := s.StartRecording(ctx); err != nil {
		t.Fatalf("StartRecording: %v", err)
	}
	for next(EventOutputState, "record").State != "recording" {
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if err := s.StartRecording(context.Background()); !errors.Is(err, ErrEnded) {
		t.Errorf("StartRecording after the show: %v, want ErrEnded", err)
	}
	second := filepath.Join(dir, "show-3.mkv")
	want := []string{"recording show.mkv", "stopped show.mkv", "recording show-3.mkv"}
	if strings.Join(records, ", ") != strings.Join(want, ", ") {
		t.Errorf("record events %q, want %q", records, want)
	}
	if b, err := os.ReadFile(taken); err != nil || string(b) != "an earlier show's part" {
		t.Errorf("the existing show-2.mkv was touched: %q, %v", b, err)
	}

	for _, c := range []struct {
		path     string
		min, max float64 // seconds
	}{{rec, 1.5, 2.7}, {second, 1.2, 2.5}} {
		p := mediatest.FFprobe(t, c.path)
		var codecs []string
		for _, st := range p.Streams {
			codecs = append(codecs, st.CodecName)
		}
		if strings.Join(codecs, "+") != "h264+aac" {
			t.Errorf("%s has streams %v, want h264 and aac", filepath.Base(c.path), codecs)
		}
		frames := decodedFrames(t, c.path)
		if d := float64(frames) / 30; d < c.min || d > c.max {
			t.Errorf("%s decodes to %d frames (%.2f s), want %.1f–%.1f s", filepath.Base(c.path), frames, d, c.min, c.max)
		}
		if out, err := exec.Command("ffmpeg", "-v", "error", "-i", c.path, "-f", "null", "-").CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("%s does not decode cleanly: %v %s", filepath.Base(c.path), err, out)
		}
		t.Logf("%s: %d frames, %.2f s", filepath.Base(c.path), frames, p.Duration())
	}
	if key := firstVideoFrame(t, second); key.KeyFrame != 1 || key.PictType != "I" {
		t.Errorf("the second file starts with %+v, want a keyframe", key)
	}
	for _, c := range []struct {
		path     string
		min, max float64
	}{{rec, 0.3, 0.8}, {second, 0, 0.1}} {
		chs := chapters(t, c.path)
		if len(chs) != 1 || chs[0].Tags["title"] != "Linen shirt" {
			t.Errorf("%s has chapters %+v, want one for Linen shirt", filepath.Base(c.path), chs)
			continue
		}
		if start, _ := strconv.ParseFloat(chs[0].Start, 64); start < c.min || start > c.max {
			t.Errorf("%s: the chapter starts at %.3f s, want %.1f–%.1f", filepath.Base(c.path), start, c.min, c.max)
		}
	}

	if connects != 1 {
		t.Errorf("the destination connected %d times, want once", connects)
	}
	if st := s.Destinations()[0]; st.Dropped != 0 || st.Bytes == 0 {
		t.Errorf("destination %+v: want bytes sent and nothing dropped", st)
	}
	flv := mediatest.FFprobe(t, filepath.Join(nginx.RecordDir, "live", "stream.flv"))
	if d := flv.Duration(); d < 4.3 || d > 5.5 {
		t.Errorf("the destination carried %.2f s, want the whole 5 s show", d)
	}
}

// A start that cannot open its file (the recordings' folder is gone, as
// when a drive is unplugged) fails with the reason and the show goes on; a
// later start, once the folder is back, records; a start while recording
// changes nothing.
func TestRecordingStartFailsWhenTheFolderIsGone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "recordings")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "show.mkv")
	s := testStudio(t, smallShow, Config{RecordPath: rec, For: 4 * time.Second})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)
	waitFor(t, events, EventStarted)
	waitFor(t, events, EventStats)
	if err := s.StopRecording(ctx); err != nil {
		t.Fatal(err)
	}
	moved := dir + "-unplugged"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	err := s.StartRecording(ctx)
	if err == nil || !strings.Contains(err.Error(), "show-2.mkv") {
		t.Errorf("starting into a missing folder: %v, want an error naming the file", err)
	}
	for e := waitFor(t, events, EventOutputState); e.Subject != "record" || e.State != "failed"; e = waitFor(t, events, EventOutputState) {
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.StartRecording(ctx); err != nil {
		t.Fatalf("starting once the folder is back: %v", err)
	}
	if err := s.StartRecording(ctx); err != nil {
		t.Errorf("starting while recording: %v", err)
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if d := mediatest.FFprobe(t, filepath.Join(moved, "show.mkv")).Duration(); d < 0.7 || d > 1.7 {
		t.Errorf("the first file lasts %.2f s, want about 1", d)
	}
	if d := mediatest.FFprobe(t, filepath.Join(dir, "show-2.mkv")).Duration(); d < 1 || d > 3.2 {
		t.Errorf("the file started once the folder was back lasts %.2f s, want 2–3", d)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want show-2.mkv alone (a start while recording opens none)", len(entries))
	}
}

// A show without a recording says so when asked to toggle it.
func TestRecordingToggleWithoutARecording(t *testing.T) {
	s := testStudio(t, smallShow, Config{For: 1500 * time.Millisecond})
	got := make(chan error, 1)
	go func() { got <- s.StartRecording(context.Background()) }() // served once the show runs
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-got; !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "does not record") {
		t.Errorf("StartRecording on a show without a recording: %v", err)
	}
}

func decodedFrames(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
		"-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("ffprobe %s: frames %q", path, out)
	}
	return n
}

type probedFrame struct {
	KeyFrame int    `json:"key_frame"`
	PictType string `json:"pict_type"`
}

func firstVideoFrame(t *testing.T, path string) probedFrame {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
		"-show_entries", "frame=key_frame,pict_type", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p struct{ Frames []probedFrame }
	if err := json.Unmarshal(out, &p); err != nil || len(p.Frames) == 0 {
		t.Fatalf("ffprobe %s frames: %s %v", path, out, err)
	}
	return p.Frames[0]
}

type probedChapter struct {
	Start string `json:"start_time"`
	Tags  map[string]string
}

func chapters(t *testing.T, path string) []probedChapter {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_chapters", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p struct{ Chapters []probedChapter }
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p.Chapters
}
