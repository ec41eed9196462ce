package studio

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// recordingCanvases is a show of two recording canvases, ids and sizes
// given, each showing one of canvasSources' test patterns, recorded to
// dir/ID.mkv.
func recordingCanvases(dir string, canvases ...canvasSize) string {
	body := "[video]\npreset = \"ultrafast\"\nbitrate_kbps = 500\n" + canvasSources
	for i, c := range canvases {
		main := []string{"wide", "closeup"}[i%2]
		body += fmt.Sprintf("\n[[canvas]]\nid = %q\nwidth = %d\nheight = %d\n[canvas.layout]\nkind = \"single\"\nmain = %q\n[canvas.record]\npath = %q\n",
			c.id, c.w, c.h, main, filepath.Join(dir, c.id+".mkv"))
	}
	return body
}

// canvasSize is one canvas of recordingCanvases.
type canvasSize struct {
	id   string
	w, h int
}

// A canvas too small for overlays (320x180: no card is drawn there) still
// gets a chapter for each product pinned, at the pin, in its recording;
// the canvas with overlays next to it gets its chapters as before, from
// the card's first frame. Both canvases run on the show's one clock, so
// the chapters of the two files start within a frame or two of each other.
func TestChaptersOnACanvasWithoutOverlays(t *testing.T) {
	dir := t.TempDir()
	body := recordingCanvases(dir, canvasSize{"horizontal", 640, 360}, canvasSize{"small", 320, 180})
	cat := fakeCatalog{
		"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, Number: 12},
		"SKU-2": {SKU: "SKU-2", Title: "Straw hat", PriceMinor: 2900, Number: 13},
	}
	s := testStudio(t, body, Config{For: 4 * time.Second, Catalog: cat})
	if s.programs[1].overlays != nil || s.programs[0].overlays == nil {
		t.Fatal("want overlays on the horizontal canvas only")
	}
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)
	started := waitFor(t, events, EventStarted)
	var pins []time.Duration // program time of each pin
	for _, sku := range []string{"SKU-1", "SKU-2"} {
		waitFor(t, events, EventStats) // ~1 s, then ~2 s
		if err := s.Pin(ctx, sku); err != nil {
			t.Fatalf("Pin %s: %v", sku, err)
		}
		for e := waitFor(t, events, EventSelling); e.Subject != "pin"; e = waitFor(t, events, EventSelling) {
		}
		pins = append(pins, time.Since(started.Time))
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}

	starts := map[string][]float64{}
	for _, id := range []string{"horizontal", "small"} {
		path := filepath.Join(dir, id+".mkv")
		chs := chapters(t, path)
		if len(chs) != 2 || chs[0].Tags["title"] != "Linen shirt" || chs[1].Tags["title"] != "Straw hat" {
			t.Errorf("%s.mkv has chapters %+v, want Linen shirt then Straw hat", id, chs)
			continue
		}
		for i, ch := range chs {
			start, _ := strconv.ParseFloat(ch.Start, 64)
			// The pin is applied between the Stats event and pins[i]: the
			// chapter starts within that, give or take a loaded machine.
			at := pins[i].Seconds()
			if start < at-1.2 || start > at+0.4 {
				t.Errorf("%s.mkv: the %s chapter starts at %.3f s, want at the pin (%.3f s)", id, ch.Tags["title"], start, at)
			}
			starts[id] = append(starts[id], start)
		}
		t.Logf("%s.mkv: chapters at %v s", id, starts[id])
	}
	for i := range starts["small"] {
		if len(starts["horizontal"]) > i {
			if d := starts["small"][i] - starts["horizontal"][i]; d < -0.07 || d > 0.07 {
				t.Errorf("chapter %d starts at %.3f s on the small canvas and %.3f s on the horizontal one, want the same frame",
					i+1, starts["small"][i], starts["horizontal"][i])
			}
		}
	}
}

// In a show with a horizontal and a vertical canvas, the host stops the
// vertical one's recording at about 2 s and starts it again at about 3 s
// of a 5 s show: the horizontal file is one file of the whole show, the
// vertical one is two (vertical.mkv and vertical-2.mkv), each decoding
// cleanly, the second from a keyframe. A canvas that is not the show's is
// refused, naming it.
func TestRecordingStopAndStartOneCanvas(t *testing.T) {
	dir := t.TempDir()
	body := recordingCanvases(dir, canvasSize{"horizontal", 320, 180}, canvasSize{"vertical", 180, 320})
	s := testStudio(t, body, Config{For: 5 * time.Second})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)

	var records []string // "canvas state file" of every record event, in order
	next := func(kind EventKind) {
		t.Helper()
		for {
			select {
			case e := <-events:
				if e.Kind == EventOutputState && e.Subject == "record" {
					records = append(records, e.Canvas+" "+e.State+" "+filepath.Base(e.Path))
				}
				if e.Kind == kind && (kind != EventOutputState || e.Subject == "record" && e.State == "recording") {
					return
				}
			case <-ctx.Done():
				t.Fatalf("no %s event; record events so far %v", kind, records)
			}
		}
	}
	horizontal, vertical := filepath.Join(dir, "horizontal.mkv"), filepath.Join(dir, "vertical.mkv")
	next(EventStarted)
	next(EventStats) // ~1 s
	next(EventStats) // ~2 s
	if err := s.SetRecording(ctx, "vertical", false); err != nil {
		t.Fatalf("stopping the vertical recording: %v", err)
	}
	// It returns once the file is finished: it plays now, mid-show.
	if d := mediatest.FFprobe(t, vertical).Duration(); d < 1.5 || d > 2.7 {
		t.Errorf("the stopped vertical recording lasts %.2f s, want about 2", d)
	}
	err := s.SetRecording(ctx, "square", false)
	if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), `"square"`) {
		t.Errorf("stopping an unknown canvas's recording: %v, want bad input naming it", err)
	}
	next(EventStats) // ~3 s
	if err := s.SetRecording(ctx, "vertical", true); err != nil {
		t.Fatalf("starting the vertical recording again: %v", err)
	}
	next(EventOutputState)
	if err := <-runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []string{"horizontal recording horizontal.mkv", "vertical recording vertical.mkv",
		"vertical stopped vertical.mkv", "vertical recording vertical-2.mkv"}
	if strings.Join(records, ", ") != strings.Join(want, ", ") {
		t.Errorf("record events %q, want %q", records, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "horizontal-2.mkv")); err == nil {
		t.Error("the horizontal canvas was split into a second file")
	}

	second := filepath.Join(dir, "vertical-2.mkv")
	for _, c := range []struct {
		path     string
		min, max float64 // seconds
	}{{horizontal, 4.3, 5.5}, {vertical, 1.5, 2.7}, {second, 1.2, 2.5}} {
		frames := decodedFrames(t, c.path)
		if d := float64(frames) / 30; d < c.min || d > c.max {
			t.Errorf("%s decodes to %d frames (%.2f s), want %.1f–%.1f s", filepath.Base(c.path), frames, d, c.min, c.max)
		}
		if out, err := exec.Command("ffmpeg", "-v", "error", "-i", c.path, "-f", "null", "-").CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("%s does not decode cleanly: %v %s", filepath.Base(c.path), err, out)
		}
		t.Logf("%s: %d frames", filepath.Base(c.path), frames)
	}
	if key := firstVideoFrame(t, second); key.KeyFrame != 1 || key.PictType != "I" {
		t.Errorf("vertical-2.mkv starts with %+v, want a keyframe", key)
	}
	if err := s.SetRecording(context.Background(), "vertical", true); !errors.Is(err, ErrEnded) {
		t.Errorf("SetRecording after the show: %v, want ErrEnded", err)
	}
}
