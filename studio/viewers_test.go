package studio

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// greyStill writes a flat grey 640x360 PNG and returns its path: on a
// program of it, an overlay is the only thing that can change a region.
func greyStill(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "grey.png")
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for i := range img.Pix {
		img.Pix[i] = 0x80
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// greyShow is a 640x360 show of the grey still and a tone, with the given
// [overlays] keys.
func greyShow(t *testing.T, overlays string) string {
	t.Helper()
	return fmt.Sprintf(`
[video]
width = 640
height = 360
fps = 30
bitrate_kbps = 800

[[source]]
id = "still"
kind = "image"
path = %q

[[source]]
id = "beep"
kind = "tone"

[layout]
kind = "single"
main = "still"

[overlays]
%s
`, greyStill(t), overlays)
}

// regionY is the median luma of r on each picture of the recording after
// the first 300 ms (the sources' first frames are black), by PTS.
func regionY(t *testing.T, rec string, r image.Rectangle) map[time.Duration]uint8 {
	t.Helper()
	ys := map[time.Duration]uint8{}
	eachPicture(t, rec, func(v *media.Frame) {
		if v.PTS > 300*time.Millisecond {
			ys[v.PTS] = mediatest.MedianYCbCr(v.Img, r).Y
		}
	})
	if len(ys) == 0 {
		t.Fatal("the recording has no pictures")
	}
	return ys
}

// setViewersAfterFirstStats runs s, sets the viewer count after the first
// second's stats and returns the count's event and when (in program time)
// the command returned.
func setViewersAfterFirstStats(t *testing.T, s *Studio, n int) (Event, time.Duration) {
	t.Helper()
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)
	var started, viewers Event
	var setAt time.Duration
	for done := false; !done; {
		select {
		case e := <-events:
			switch e.Kind {
			case EventStarted:
				started = e
			case EventStats:
				if setAt == 0 {
					if err := s.SetViewers(ctx, n); err != nil {
						t.Fatal(err)
					}
					setAt = time.Since(started.Time)
				}
			case EventViewers:
				viewers = e
			}
		case err := <-runErr:
			if err != nil {
				t.Fatal(err)
			}
			done = true
		}
	}
	for len(events) > 0 {
		if e := <-events; e.Kind == EventViewers {
			viewers = e
		}
	}
	return viewers, setAt
}

// With [overlays] viewers_badge on, the relay's viewer count goes on the
// program in the viewers badge's place, from the command on, and out as an
// event for the window and the control API.
func TestViewersBadgeShowsTheCount(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s := testStudio(t, greyShow(t, "viewers_badge = true"), Config{RecordPath: rec, For: 3 * time.Second})
	ev, setAt := setViewersAfterFirstStats(t, s, 1234)
	if ev.Kind != EventViewers || ev.Viewers != 1234 || ev.State != "1234" {
		t.Errorf("viewers event %+v, want the count 1234", ev)
	}
	checkViewersBadge(t, rec, s.render.Viewers(1234).Rect(), setAt)
	// The driver draws it once for a count, again only when the count
	// changes.
	for _, p := range s.programs {
		p.overlays.mu.Lock()
		it := p.overlays.items["viewers"]
		p.overlays.mu.Unlock()
		if it == nil || it.key != "viewers:1234" {
			t.Errorf("canvas %s: the viewers badge is %+v, want the key viewers:1234", p.cfg.ID, it)
		}
	}
}

// checkViewersBadge checks the recording at rec has the viewers badge's
// dark panel in r from about setAt (program time) on, and not before.
func checkViewersBadge(t *testing.T, rec string, r image.Rectangle, setAt time.Duration) {
	t.Helper()
	before, after := 0, 0
	var first time.Duration = -1
	for pts, y := range regionY(t, rec, r) {
		dark := y < 100 // the badge's dark panel over the grey (Y 128)
		if dark && (first < 0 || pts < first) {
			first = pts
		}
		switch {
		case pts < setAt-400*time.Millisecond && dark: // a loaded machine composes a little behind
			before++
		case pts > setAt+time.Second && dark:
			after++
		case pts > setAt+time.Second:
			t.Errorf("no viewers badge in %v at %v, a second after the count (median Y %d)", r, pts, y)
		}
	}
	t.Logf("%s: count set at %v of program time; badge from %v; %d pictures with it a second later", filepath.Base(rec), setAt, first, after)
	if before > 0 {
		t.Errorf("%d pictures before the count had the badge", before)
	}
	if after == 0 {
		t.Error("the viewers badge never showed")
	}
}

// On a show with a horizontal and a vertical canvas, each draws the count
// where its own renderer places the badge (top left of the vertical one).
func TestViewersBadgeOnBothCanvases(t *testing.T) {
	dir := t.TempDir()
	recH, recV := filepath.Join(dir, "horizontal.mkv"), filepath.Join(dir, "vertical.mkv")
	body := fmt.Sprintf(`
[video]
bitrate_kbps = 800

[[source]]
id = "still"
kind = "image"
path = %q

[[source]]
id = "beep"
kind = "tone"

[overlays]
viewers_badge = true

[[canvas]]
id = "horizontal"
width = 640
height = 360
[canvas.layout]
kind = "single"
main = "still"
[canvas.record]
path = %q

[[canvas]]
id = "vertical"
width = 360
height = 640
[canvas.layout]
kind = "single"
main = "still"
[[canvas.crop]]
source = "still"
fit = "fill"
[canvas.record]
path = %q
`, greyStill(t), recH, recV)
	s := testStudio(t, body, Config{For: 3 * time.Second})
	ev, setAt := setViewersAfterFirstStats(t, s, 1234)
	if ev.Viewers != 1234 {
		t.Errorf("viewers event %+v, want the count 1234", ev)
	}
	if len(s.programs) != 2 {
		t.Fatalf("%d canvases, want 2", len(s.programs))
	}
	rh, rv := s.programs[0].render.Viewers(1234).Rect(), s.programs[1].render.Viewers(1234).Rect()
	if rv.Min.X > 360/4 || rv.Min.Y > 640/4 {
		t.Errorf("the vertical canvas's badge is at %v, want it top left", rv)
	}
	checkViewersBadge(t, recH, rh, setAt)
	checkViewersBadge(t, recV, rv, setAt)
}

// Without it (the default), the count is an event only: the program keeps
// its picture.
func TestViewersBadgeOffKeepsTheProgram(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "show.mkv")
	s := testStudio(t, greyShow(t, ""), Config{RecordPath: rec, For: 3 * time.Second})
	ev, _ := setViewersAfterFirstStats(t, s, 1234)
	if ev.Viewers != 1234 {
		t.Errorf("viewers event %+v, want the count 1234", ev)
	}
	r := s.render.Viewers(1234).Rect()
	for pts, y := range regionY(t, rec, r) {
		if y < 100 {
			t.Fatalf("a viewers badge is on the program at %v (median Y %d in %v) with viewers_badge off", pts, y, r)
		}
	}
	if err := s.SetViewers(context.Background(), -1); err == nil {
		t.Error("a negative count was taken")
	}
}

// With [overlays] live_badge on, the LIVE pill is on the program while a
// destination is live (here nginx-rtmp), in the sale colour, and leaves
// when the host stops the destination.
func TestLiveBadgeWhileADestinationIsLive(t *testing.T) {
	nginx := mediatest.StartNginxRTMP(t, "live")
	rec := filepath.Join(t.TempDir(), "show.mkv")
	body := greyShow(t, "live_badge = true") + rtmpDestination("youtube", nginx.URL("live")+"/show")
	s := testStudio(t, body, Config{RecordPath: rec, For: 5 * time.Second})
	events := subscribe(t, s)
	ctx, _, runErr := runInBackground(t, s)
	var started, live, stopped Event
	statsLive := 0
	for done := false; !done; {
		select {
		case e := <-events:
			switch {
			case e.Kind == EventStarted:
				started = e
			case e.Kind == EventOutputState && e.Subject == "youtube" && e.State == "live" && live.Time.IsZero():
				live = e
			case e.Kind == EventOutputState && e.Subject == "youtube" && e.State == "stopped" && stopped.Time.IsZero():
				stopped = e
			case e.Kind == EventStats && !live.Time.IsZero():
				// Two seconds live, then the host stops it.
				if statsLive++; statsLive == 2 {
					if err := s.StopDestination(ctx, "youtube"); err != nil {
						t.Fatal(err)
					}
				}
			}
		case err := <-runErr:
			if err != nil {
				t.Fatal(err)
			}
			done = true
		}
	}
	for len(events) > 0 {
		if e := <-events; e.Kind == EventOutputState && e.Subject == "youtube" && e.State == "stopped" && stopped.Time.IsZero() {
			stopped = e
		}
	}
	if live.Time.IsZero() || stopped.Time.IsZero() {
		t.Fatalf("the destination went live at %v and stopped at %v: want both", live.Time, stopped.Time)
	}
	liveAt, stoppedAt := live.Time.Sub(started.Time), stopped.Time.Sub(started.Time)
	r := s.render.LiveBadge().Rect().Inset(4)
	red := 0
	var first, last time.Duration = -1, -1
	eachPicture(t, rec, func(v *media.Frame) {
		if v.PTS <= 300*time.Millisecond {
			return
		}
		m := mediatest.MedianYCbCr(v.Img, r)
		if m.Cr <= 160 { // the red pill; the grey has Cr 128
			return
		}
		red++
		if first < 0 {
			first = v.PTS
		}
		last = v.PTS
		if v.PTS < liveAt-400*time.Millisecond {
			t.Errorf("LIVE at %v, before the destination went live at %v", v.PTS, liveAt)
		}
		if v.PTS > stoppedAt+time.Second {
			t.Errorf("LIVE at %v, a second after the destination stopped at %v", v.PTS, stoppedAt)
		}
	})
	t.Logf("live from %v to %v of program time; LIVE badge from %v to %v on %d pictures", liveAt, stoppedAt, first, last, red)
	if red == 0 {
		t.Fatalf("no LIVE badge in %v although the destination was live from %v", r, liveAt)
	}
	if first > liveAt+time.Second {
		t.Errorf("the LIVE badge came at %v, over a second after the destination went live at %v", first, liveAt)
	}
	if last < stoppedAt-500*time.Millisecond {
		t.Errorf("the LIVE badge left at %v, before the destination stopped at %v", last, stoppedAt)
	}
}
