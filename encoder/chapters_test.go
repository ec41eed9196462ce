package encoder

import (
	"encoding/json"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

type probedChapter struct {
	Start, End float64
	Title      string
}

// ffprobeChapters reads the chapters a player would list.
func ffprobeChapters(t *testing.T, path string) []probedChapter {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_chapters", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe -show_chapters %s: %v", path, err)
	}
	var r struct {
		Chapters []struct {
			StartTime string            `json:"start_time"`
			EndTime   string            `json:"end_time"`
			Tags      map[string]string `json:"tags"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	var cs []probedChapter
	for _, c := range r.Chapters {
		s, _ := strconv.ParseFloat(c.StartTime, 64)
		e, _ := strconv.ParseFloat(c.EndTime, 64)
		cs = append(cs, probedChapter{s, e, c.Tags["title"]})
	}
	return cs
}

// Chapters added before the first packet, out of order and open-ended all
// land in the Matroska file, on the file's timeline.
func TestMatroskaChaptersAddedDuringTheRecordingLandInTheFile(t *testing.T) {
	needTool(t, "ffprobe")
	const fps = 30
	path := filepath.Join(t.TempDir(), "chapters.mkv")
	r := newRecorder(t, path, 320, 240, fps, media.AAC)
	// The first frame is the first keyframe, so the file's zero is the
	// program's zero and the chapter times read back unchanged.
	if err := r.mux.AddChapter(0, 0, "Gauze shirt"); err != nil { // open: ends at the next one
		t.Fatal(err)
	}
	for range 2 * fps {
		r.step()
	}
	if err := r.mux.AddChapter(3*time.Second, 0, "Линен dress"); err != nil { // open: ends with the file
		t.Fatal(err)
	}
	// Pinned at 1.5 s (open), unpinned at 2.5 s: the same chapter, closed.
	for _, end := range []time.Duration{0, 2500 * time.Millisecond} {
		if err := r.mux.AddChapter(1500*time.Millisecond, end, "Sun hat"); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 * fps {
		r.step()
	}
	r.finish()

	got := ffprobeChapters(t, path)
	want := []probedChapter{{0, 1.5, "Gauze shirt"}, {1.5, 2.5, "Sun hat"}, {3, 4, "Линен dress"}}
	if len(got) != len(want) {
		t.Fatalf("chapters %+v, want %+v", got, want)
	}
	for i, w := range want {
		g := got[i]
		// The last chapter ends with the last packet: within a frame of 4 s.
		if g.Title != w.Title || math.Abs(g.Start-w.Start) > 0.001 || math.Abs(g.End-w.End) > 1.0/fps+0.001 {
			t.Errorf("chapter %d is %+v, want %+v", i, g, w)
		}
	}
	if errs := decodeErrors(t, path); errs != "" {
		t.Errorf("the file with chapters does not decode cleanly: %s", errs)
	}
}

func TestChaptersRefusedWhereTheContainerCannotTakeThem(t *testing.T) {
	for _, name := range []string{"show.mp4", "live.flv"} {
		r := newRecorder(t, filepath.Join(t.TempDir(), name), 320, 240, 30, media.AAC)
		if err := r.mux.AddChapter(0, time.Second, "x"); !errors.Is(err, ErrNoChapters) {
			t.Errorf("%s: AddChapter = %v, want ErrNoChapters", name, err)
		}
		r.finish()
	}
	r := newRecorder(t, filepath.Join(t.TempDir(), "closed.mkv"), 320, 240, 30, media.AAC)
	r.step()
	r.finish()
	if err := r.mux.AddChapter(0, time.Second, "late"); !errors.Is(err, ErrClosed) {
		t.Errorf("AddChapter after Close = %v, want ErrClosed", err)
	}
}

func TestPlaceChapters(t *testing.T) {
	s := time.Second
	cases := []struct {
		name         string
		in           []chapter
		origin, last time.Duration
		want         []placedChapter
	}{
		{"rebased on the first keyframe", []chapter{{10 * s, 12 * s, "a"}}, 9 * s, 20 * s,
			[]placedChapter{{s, 3 * s, "a"}}},
		{"open ones end at the next start or the end", []chapter{{5 * s, -1, "b"}, {0, -1, "a"}}, 0, 8 * s,
			[]placedChapter{{0, 5 * s, "a"}, {5 * s, 8 * s, "b"}}},
		{"clipped to the recording", []chapter{{0, 30 * s, "a"}}, 2 * s, 10 * s,
			[]placedChapter{{0, 10 * s, "a"}}},
		{"wholly before the recording: dropped", []chapter{{0, s, "gone"}, {2 * s, -1, "kept"}}, 3 * s, 4 * s,
			[]placedChapter{{0, 4 * s, "kept"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := placeChapters(c.in, c.origin, c.last)
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("chapter %d: got %+v, want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}
