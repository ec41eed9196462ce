package studio

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/show"
)

// twoCanvasShow has a horizontal canvas (pip, the inset top-left, away from
// the card) and a vertical one (stack: the close-up over a centre crop of
// the wide shot), fed by the same two test patterns and one tone.
const twoCanvasShow = `
[video]
preset = "ultrafast"
bitrate_kbps = 1500
` + canvasSources + `
[[canvas]]
id = "horizontal"
width = 1280
height = 720
[canvas.layout]
kind = "pip"
main = "wide"
inset = "closeup"
corner = "top-left"

[[canvas]]
id = "vertical"
width = 720
height = 1280
[canvas.layout]
kind = "stack"
main = "closeup"
second = "wide"
[[canvas.crop]]
source = "wide"
fit = "fill"
[[canvas.crop]]
source = "closeup"
fit = "fill"
`

// canvasSources are the canvases' sources: two test patterns, red "wide"
// and blue "closeup", and a tone.
const canvasSources = `
[[source]]
id = "wide"
kind = "testpattern"
color = "#c81e1e"

[[source]]
id = "closeup"
kind = "testpattern"
color = "#1e1ec8"

[[source]]
id = "beep"
kind = "tone"
`

// The acceptance test: one show, a 1280x720 canvas recorded and a
// 720x1280 canvas sent to nginx-rtmp, a pin cue at 3 s. Both come out as
// H.264 at their own size, and the product card is on both from the pin
// on, at the same moment, where each canvas's renderer places it.
func TestTwoCanvasesRecordOneAndStreamTheOtherWithTheCardOnBoth(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "live")
	rec := filepath.Join(t.TempDir(), "horizontal.mkv")
	body := twoCanvasShow + fmt.Sprintf(`
[[destination]]
id = "tiktok"
kind = "rtmp"
url = %q
canvas = "vertical"

[[cue]]
at = "3s"
do = "pin"
product = "SKU-1"
`, nginx.URL("live")+"/vertical")
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Number: 12}}
	s := testStudio(t, body, Config{RecordPath: rec, For: 10 * time.Second, Catalog: cat})
	events := subscribe(t, s)
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var tiktok, started, pinned Event
	for len(events) > 0 {
		switch e := <-events; {
		case e.Kind == EventOutputState && e.Subject == "tiktok" && e.State == "live":
			tiktok = e
		case e.Kind == EventStarted:
			started = e
		case e.Kind == EventSelling && e.Subject == "pin":
			pinned = e
		}
	}
	if tiktok.Canvas != "vertical" {
		t.Errorf("the destination's live event names canvas %q, want vertical", tiktok.Canvas)
	}
	// The program time the pin was applied at: 3 s, later on a loaded
	// machine. The canvases' clocks start with the show.
	pinAt := pinned.Time.Sub(started.Time)
	if pinned.Time.IsZero() || pinAt < 2900*time.Millisecond || pinAt > 4*time.Second {
		t.Fatalf("pin applied %v into the show, want at 3 s", pinAt)
	}
	// Frame counts only guard against a canvas that stopped: a machine
	// short of CPU skips frames rather than drift.
	st := s.Stats()
	if len(st.Canvases) != 2 || st.Canvases[0].Frames < 150 || st.Canvases[1].Frames < 150 || st.Destinations[0].Dropped != 0 {
		t.Errorf("stats %+v: want two canvases of about 300 frames each, nothing dropped", st)
	}
	flv := filepath.Join(nginx.RecordDir, "live", "vertical.flv")
	for _, c := range []struct {
		path string
		w, h int
	}{{rec, 1280, 720}, {flv, 720, 1280}} {
		p := mediatest.FFprobe(t, c.path)
		var video int
		for _, st := range p.Streams {
			if st.CodecType == "video" {
				video++
				if st.CodecName != "h264" || st.Width != c.w || st.Height != c.h {
					t.Errorf("%s: video is %s %dx%d, want h264 %dx%d", filepath.Base(c.path), st.CodecName, st.Width, st.Height, c.w, c.h)
				}
			}
		}
		if d := p.Duration(); video != 1 || d < 9 || d > 10.5 {
			t.Errorf("%s: %d video streams, %.2f s; want one, about 10 s", filepath.Base(c.path), video, d)
		}
	}

	card := s.productCard(cat["SKU-1"])
	h, v := s.programs[0], s.programs[1]
	hCard, _ := h.render.Card(card)
	vCard, _ := v.render.Card(card)
	if hr, vr := hCard.Rect(), vCard.Rect(); hr.Max.X > 700 || vr.Dx() < 600 || vr.Min.Y < 640 {
		t.Errorf("card at %v on the horizontal canvas, %v on the vertical: want a corner and the bottom", hr, vr)
	}
	hFirst := cardFrames(t, rec, hCard.Rect().Inset(8), pinAt, nil)
	vFirst := cardFrames(t, flv, vCard.Rect().Inset(8), pinAt, func(img *image.YCbCr, pts time.Duration) {
		// Stack: the close-up (blue) fills the top half, the wide shot
		// (red, centre-cropped) the bottom; no bars.
		if pts > time.Second && pts < time.Second+40*time.Millisecond {
			top := mediatest.MedianYCbCr(img, image.Rect(40, 200, 680, 600))
			bottom := mediatest.MedianYCbCr(img, image.Rect(40, 680, 680, 900))
			if !mediatest.Near(top, mediatest.HexYCbCr("#1e1ec8"), 16) || !mediatest.Near(bottom, mediatest.HexYCbCr("#c81e1e"), 16) {
				t.Errorf("vertical frame at %v: top %v, bottom %v; want the close-up over the wide shot", pts, top, bottom)
			}
		}
	})
	if d := hFirst - vFirst; d < -100*time.Millisecond || d > 100*time.Millisecond {
		t.Errorf("the card came on at %v on the horizontal canvas and %v on the vertical one", hFirst, vFirst)
	}
	t.Logf("card on air at %v (horizontal) and %v (vertical)", hFirst, vFirst)
}

// cardFrames decodes a recording and checks that the card's region is
// never dark before the pin at pinAt and always dark from 600 ms after it
// (the panel is dark over the red test pattern). It returns the PTS of the
// first frame with the card. each, when not nil, sees every decoded picture.
func cardFrames(t *testing.T, path string, r image.Rectangle, pinAt time.Duration, each func(*image.YCbCr, time.Duration)) time.Duration {
	t.Helper()
	mf, err := encoder.OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	name := filepath.Base(path)
	first := time.Duration(-1)
	var before, after int
	var early, missing []time.Duration // frames with the card too early, without it too late
	for {
		fr, _, err := mf.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fr == nil {
			continue
		}
		if each != nil {
			each(fr.Img, fr.PTS)
		}
		dark := mediatest.MedianYCbCr(fr.Img, r).Y < 60
		if dark && first < 0 && fr.PTS > pinAt-200*time.Millisecond { // black before the sources' first frames

			first = fr.PTS
		}
		switch {
		case fr.PTS > 500*time.Millisecond && fr.PTS < pinAt-200*time.Millisecond:
			before++
			if dark {
				early = append(early, fr.PTS)
			}
		case fr.PTS > pinAt+600*time.Millisecond && fr.PTS < 9500*time.Millisecond:
			after++
			if !dark {
				missing = append(missing, fr.PTS)
			}
		}
	}
	if len(early) > 0 {
		t.Errorf("%s: %d frames have the card before the pin, the first at %v", name, len(early), early[0])
	}
	if len(missing) > 0 {
		t.Errorf("%s: %d frames have no card after the pin, the first at %v", name, len(missing), missing[0])
	}
	if before < 30 || after < 80 {
		t.Errorf("%s: decoded %d frames before the pin and %d after, want about 70 and 175", name, before, after)
	}
	return first
}

const smallCanvases = canvasSources + `
[[canvas]]
id = "horizontal"
width = 640
height = 360
bitrate_kbps = 500
[canvas.layout]
kind = "pip"
main = "wide"
inset = "closeup"
[canvas.record]
path = "h.mkv"

[[canvas]]
id = "vertical"
width = 360
height = 640
bitrate_kbps = 500
[canvas.layout]
kind = "rail"
main = "wide"
[canvas.record]
path = "v.mp4"
[[canvas.crop]]
source = "closeup"
fit = "fill"
`

// Each canvas has its own preview, layout and recording: a layout sent to
// one canvas leaves the other alone, a cut to another camera reaches both,
// and a bad layout changes neither. The show stops with no goroutine left.
func TestCanvasesPreviewAndSwitchOnTheirOwn(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := t.TempDir()
	f, err := show.Parse([]byte(smallCanvases), dir)
	if err != nil {
		t.Fatal(err)
	}
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900}}
	s, err := New(Config{Show: f, For: 3 * time.Second, Catalog: cat, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The rail keeps the card's whole region clear on the vertical canvas.
	v := s.programs[1]
	band := v.layout(show.Layout{Kind: "rail", Main: "wide"}).Rects(v.canvas.Size)[1]
	if card := v.render.Region(overlays.RegionCard); !card.In(band) {
		t.Errorf("rail band %v does not hold the card region %v", band, card)
	}
	cs := s.Canvases()
	if len(cs) != 2 || cs[1].ID != "vertical" || cs[1].Size != (media.Size{W: 360, H: 640}) || cs[1].Layout != "rail" ||
		len(cs[1].Records) != 1 || filepath.Base(cs[1].Records[0]) != "v.mp4" {
		t.Fatalf("Canvases() = %+v", cs)
	}
	if _, _, err := s.PreviewCanvas("square", media.Size{W: 64, H: 64}, 10); !errors.Is(err, ErrBadInput) {
		t.Errorf("previewing an unknown canvas: %v, want ErrBadInput", err)
	}
	hPrev, stopH := s.Preview(media.Size{W: 160, H: 90}, 10)
	defer stopH()
	vPrev, stopV, err := s.PreviewCanvas("vertical", media.Size{W: 90, H: 160}, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer stopV()
	last := func(ch <-chan *media.Frame) chan *media.Frame {
		out := make(chan *media.Frame, 1)
		go func() {
			var l *media.Frame
			for f := range ch {
				l = f
			}
			out <- l
		}()
		return out
	}
	hLast, vLast := last(hPrev), last(vPrev)

	events, unsubscribe := s.Subscribe()
	defer unsubscribe()
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()
	waitFor(t, events, EventStarted)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.SetLayout(ctx, show.Layout{Kind: "pip", Main: "wide", Inset: "drone"}, "cut"); !errors.Is(err, ErrBadInput) {
		t.Errorf("a layout naming an unknown source: %v, want ErrBadInput", err)
	}
	if err := s.SetCanvasLayout(ctx, "square", show.Layout{Kind: "single", Main: "wide"}, "cut"); !errors.Is(err, ErrBadInput) {
		t.Errorf("a layout for an unknown canvas: %v, want ErrBadInput", err)
	}
	if got := s.Canvases(); got[0].Layout != "pip" || got[1].Layout != "rail" {
		t.Errorf("after refused layouts: %s and %s, want pip and rail", got[0].Layout, got[1].Layout)
	}
	if err := s.SetCanvasLayout(ctx, "vertical", show.Layout{Kind: "single", Main: "wide"}, "cut"); err != nil {
		t.Fatal(err)
	}
	if e := waitFor(t, events, EventLayout); e.Canvas != "vertical" || e.State != "[wide]" {
		t.Errorf("layout event %+v, want the vertical canvas on [wide]", e)
	}
	if got := s.Canvases(); got[0].Layout != "pip" || got[1].Layout != "single" {
		t.Errorf("after a vertical-only layout: %s and %s, want pip and single", got[0].Layout, got[1].Layout)
	}
	// One sale, drawn by both canvases' compose goroutines while the
	// engine changes its stock.
	if err := s.StartFlashSale(ctx, "SKU-1", 3900, 20, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStock(ctx, "SKU-1", 12); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMain(ctx, "closeup", "cut"); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for len(seen) < 2 {
		e := waitFor(t, events, EventLayout)
		seen[e.Canvas] = e.State
	}
	if seen["horizontal"] != "[closeup closeup]" || seen["vertical"] != "[closeup]" {
		t.Errorf("after the cut to the close-up: %v", seen)
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	stopH()
	stopV()
	blue := mediatest.HexYCbCr("#1e1ec8")
	for _, c := range []struct {
		name string
		f    *media.Frame
		w, h int
	}{{"horizontal", <-hLast, 160, 90}, {"vertical", <-vLast, 90, 160}} {
		if c.f == nil || c.f.Img.Rect.Dx() != c.w || c.f.Img.Rect.Dy() != c.h {
			t.Fatalf("%s preview: %v, want %dx%d", c.name, c.f, c.w, c.h)
		}
		if m := mediatest.MedianYCbCr(c.f.Img, c.f.Img.Rect.Inset(10)); !mediatest.Near(m, blue, 16) {
			t.Errorf("%s preview median %v: not the close-up", c.name, m)
		}
	}
	for _, c := range []struct {
		path string
		w, h int
	}{{filepath.Join(dir, "h.mkv"), 640, 360}, {filepath.Join(dir, "v.mp4"), 360, 640}} {
		p := mediatest.FFprobe(t, c.path)
		if len(p.Streams) != 2 || p.Streams[0].Width != c.w || p.Streams[0].Height != c.h || p.Duration() < 2.8 {
			t.Errorf("%s: %+v, want %dx%d video and audio, 3 s", filepath.Base(c.path), p, c.w, c.h)
		}
	}
}
