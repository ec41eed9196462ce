package record

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// recordFrom records 3 s of program time starting at start (the recording
// was switched on mid-show), adding the chapters while packets flow.
func recordFrom(t *testing.T, path string, start time.Duration, chapters func(*Output)) {
	t.Helper()
	enc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: 160, Height: 120, FPS: 30, Encoder: "x264", BitrateKbps: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	var fan output.Fanout
	o := &Output{Path: path, Video: enc.Info(), Queue: fan.Subscribe("record", 1000)}
	if err := o.Initialize(); err != nil {
		t.Fatal(err)
	}
	ran := make(chan error, 1)
	go func() { ran <- o.Run(context.Background(), nil) }()
	for n := range 90 {
		f := media.NewFrame(160, 120)
		f.PTS, f.Seq = start+time.Duration(n)*time.Second/30, int64(n)
		pkts, err := enc.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkts {
			fan.Publish(p)
		}
		if n == 45 {
			chapters(o)
		}
	}
	pkts, err := enc.Flush()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkts {
		fan.Publish(p)
	}
	fan.Close()
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestChaptersOnTheProgramClockLandInTheRecording(t *testing.T) {
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Skip("ffprobe not installed")
	}
	path := filepath.Join(t.TempDir(), "show.mkv")
	recordFrom(t, path, 5*time.Second, func(o *Output) {
		for _, c := range []struct {
			start, end time.Duration
			title      string
		}{{5500 * time.Millisecond, 0, "Gauze shirt"}, {6500 * time.Millisecond, 7 * time.Second, "Sun hat"}} {
			if err := o.AddChapter(c.start, c.end, c.title); err != nil {
				t.Error(err)
			}
		}
	})
	out, err := exec.Command("ffprobe", "-v", "error", "-show_chapters", "-of", "json", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Chapters []struct {
			Start string            `json:"start_time"`
			End   string            `json:"end_time"`
			Tags  map[string]string `json:"tags"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		start, end float64
		title      string
	}{{0.5, 1.5, "Gauze shirt"}, {1.5, 2, "Sun hat"}}
	if len(r.Chapters) != len(want) {
		t.Fatalf("chapters %+v, want %+v", r.Chapters, want)
	}
	for i, w := range want {
		s, _ := strconv.ParseFloat(r.Chapters[i].Start, 64)
		e, _ := strconv.ParseFloat(r.Chapters[i].End, 64)
		if r.Chapters[i].Tags["title"] != w.title || math.Abs(s-w.start) > 0.001 || math.Abs(e-w.end) > 0.001 {
			t.Errorf("chapter %d is %s %s–%s, want %s %.1f–%.1f", i, r.Chapters[i].Tags["title"], r.Chapters[i].Start, r.Chapters[i].End, w.title, w.start, w.end)
		}
	}
}

func TestChaptersRefusedOnFragmentedMP4AndBeforeInitialize(t *testing.T) {
	var o Output
	if err := o.AddChapter(0, time.Second, "x"); !errors.Is(err, encoder.ErrClosed) {
		t.Errorf("AddChapter before Initialize = %v, want ErrClosed", err)
	}
	path := filepath.Join(t.TempDir(), "show.mp4")
	recordFrom(t, path, 0, func(o *Output) {
		if err := o.AddChapter(0, time.Second, "x"); !errors.Is(err, encoder.ErrNoChapters) {
			t.Errorf("AddChapter on fragmented MP4 = %v, want ErrNoChapters", err)
		}
	})
}
