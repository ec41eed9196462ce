package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/store"
)

// testRecording records seconds of a moving picture and a tone the way the
// studio records a show: H.264 with a keyframe every 2 s, AAC, Matroska.
func testRecording(t *testing.T, path string, seconds int) {
	t.Helper()
	const w, h, fps = 320, 180, 30
	v, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: w, Height: h, FPS: fps, Encoder: "x264", BitrateKbps: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	a, err := encoder.NewAudioEncoder(encoder.AudioConfig{Codec: media.AAC})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	vi, ai := v.Info(), a.Info()
	mx, err := encoder.NewMuxer(encoder.MuxConfig{URL: path, Video: &vi, Audio: &ai})
	if err != nil {
		t.Fatal(err)
	}
	write := func(pkts []media.Packet, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkts {
			if err := mx.WritePacket(p); err != nil {
				t.Fatal(err)
			}
		}
	}
	chunk := make([]float32, 2*media.SampleRate/fps)
	for n := range seconds * fps {
		f := media.NewFrame(w, h)
		for i := range f.Img.Y {
			f.Img.Y[i] = uint8(16 + (i+n*7)%200) // motion, so every frame codes
		}
		f.PTS, f.Seq = time.Duration(n)*time.Second/fps, int64(n)
		write(v.Encode(f))
		write(a.Encode(media.AudioChunk{Samples: chunk, PTS: f.PTS}))
	}
	write(v.Flush())
	write(a.Flush())
	if err := mx.Close(); err != nil {
		t.Fatal(err)
	}
}

// seedShow stores a show with its recording and events, as the studio
// would have during it; ended 0 leaves it without an end, like a studio
// killed mid-show.
func seedShow(t *testing.T, data, title, recording string, ended time.Duration, evs ...store.ShowEvent) int64 {
	t.Helper()
	ctx := context.Background()
	db := openStore(t, data)
	start := time.Date(2026, 6, 12, 19, 0, 0, 0, time.Local)
	id, err := db.StartShow(ctx, title, recording, start)
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		evs[i].ShowID, evs[i].At = id, start.Add(evs[i].Offset)
	}
	if err := db.AppendEvents(ctx, evs...); err != nil {
		t.Fatal(err)
	}
	if ended > 0 {
		if err := db.EndShow(ctx, id, start.Add(ended)); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func showEvent(at time.Duration, kind, sku string, data any) store.ShowEvent {
	e := store.ShowEvent{Offset: at, Kind: kind, SKU: sku}
	if data != nil {
		e.Data, _ = json.Marshal(data)
	}
	return e
}

func TestClipsCutOneMP4PerProductSegment(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "show.mkv")
	testRecording(t, rec, 10)
	ms := time.Millisecond
	data := t.TempDir()
	id := seedShow(t, data, "Spring drop", rec, 10*time.Second,
		showEvent(1000*ms, "pin", "GZ-PUR-S", map[string]string{"title": "Gauze shirt, purple"}),
		showEvent(3000*ms, "viewers", "", map[string]int{"count": 12}),
		showEvent(4500*ms, "pin", "SH/HAT", map[string]string{"title": "Соломенная шляпа"}),
		showEvent(8200*ms, "unpin", "", nil),
	)
	out := filepath.Join(dir, "clips")
	code, stdout, stderr := vitrinaData(t, data, "clips", strconv.FormatInt(id, 10), "--out", out)
	if code != 0 {
		t.Fatalf("vitrina clips exited %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []struct {
		file     string
		from, to float64
	}{
		{"01-GZ-PUR-S-gauze-shirt-purple.mp4", 1.0, 4.5},
		{"02-SH_HAT-соломенная-шляпа.mp4", 4.5, 8.2},
	}
	if len(lines) != len(want) {
		t.Fatalf("want a line per clip, got:\n%s", stdout)
	}
	const frame, gop = 1.0 / 30, 2.0
	for i, w := range want {
		path := filepath.Join(out, w.file)
		if !strings.HasSuffix(lines[i], path) || !strings.HasPrefix(lines[i], fmt.Sprintf("%02d ", i+1)) {
			t.Errorf("line %d is %q, want it to number the clip and end with %s", i, lines[i], path)
		}
		p := mediatest.FFprobe(t, path)
		codecs := map[string]string{}
		for _, s := range p.Streams {
			codecs[s.CodecType] = s.CodecName
		}
		if codecs["video"] != "h264" || codecs["audio"] != "aac" {
			t.Errorf("%s carries %v, want h264 and aac copied", w.file, codecs)
		}
		// Up to a GOP early at the start, a frame (and an AAC frame) at the end.
		seg := w.to - w.from
		if d := p.Duration(); d < seg-frame || d > seg+gop+frame+0.025 {
			t.Errorf("%s lasts %.3f s, want the segment's %.3f s plus at most a GOP", w.file, d, seg)
		}
		assertDecodes(t, path, time.Duration((seg-frame)*float64(time.Second)))
	}
}

// A studio killed with -9 leaves a recording with no trailer and a show
// with no end: the clips still come from the events, up to the tear.
func TestClipsOfAShowThatDied(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full.mkv")
	testRecording(t, full, 10)
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "killed.mkv")
	if err := os.WriteFile(rec, b[:len(b)*7/10], 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	seedShow(t, data, "Crashed", rec, 0,
		showEvent(500*time.Millisecond, "pin", "A", nil),
		showEvent(3*time.Second, "pin", "B", nil),
		showEvent(9500*time.Millisecond, "viewers", "", map[string]int{"count": 3}), // the last sign of life
	)
	code, stdout, stderr := vitrinaData(t, data, "clips", "latest")
	if code != 0 {
		t.Fatalf("vitrina clips exited %d: %s", code, stderr)
	}
	clips := filepath.Join(dir, "killed-clips")
	for _, name := range []string{"01-A.mp4", "02-B.mp4"} {
		if !strings.Contains(stdout, filepath.Join(clips, name)) {
			t.Fatalf("no %s in the output:\n%s", name, stdout)
		}
		assertDecodes(t, filepath.Join(clips, name), 2*time.Second)
	}
}

func TestClipsRefusesWhatItCannotCut(t *testing.T) {
	data := t.TempDir()
	seedShow(t, data, "No recording", "", time.Minute, showEvent(0, "pin", "A", nil))
	for _, args := range [][]string{{"clips"}, {"clips", "nope"}, {"clips", "latest"}, {"clips", "latest", "extra"}} {
		code, _, stderr := vitrinaData(t, data, args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("vitrina %v: exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
}
