package main

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

// A destination added in the window in an earlier run of a show (kept in
// the data directory, not the show file) is there in the next run of that
// show: the engine builds it beside the file's own, and the window's
// destinations panel lists both with Edit and Remove. No key is written or
// logged. The panel is kept as docs/screenshots/destinations-panel.png.
func TestWindowHasTheDestinationsSavedInAnEarlierRun(t *testing.T) {
	display := startXvfb(t)
	dir := t.TempDir()
	b, err := os.ReadFile(repoPath("examples/two-cameras.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// Nothing listens on port 9: the rows show their retries and errors.
	src := string(b) + `
[[destination]]
id = "youtube"
service = "youtube"
url = "rtmp://127.0.0.1:9/live2"
key_env = "TEST_YT_KEY"
`
	src = strings.ReplaceAll(src, `"../`, `"`+repoPath("")+`/`)
	showPath := filepath.Join(dir, "shop.toml")
	if err := os.WriteFile(showPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	saved := studio.SavedDestinationsFor(data, showPath)
	f, err := show.Load(showPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := saved.Apply(f); err != nil { // the show file's own, as the window's run would
		t.Fatal(err)
	}
	added := show.Destination{ID: "twitch-backup", Kind: "rtmp", Service: "twitch", URL: "rtmp://127.0.0.1:9/app", KeyEnv: "TEST_TW_KEY"}
	if err := saved.Save(append(f.Destinations, added)); err != nil {
		t.Fatal(err)
	}

	cfg := filepath.Join(dir, "config")
	writeGuideSeen(t, cfg)
	env := []string{"DISPLAY=" + display, "VITRINA_LANG=en", "XDG_CONFIG_HOME=" + cfg, "VITRINA_DATA=" + data,
		"TEST_YT_KEY=yt-secret-1", "TEST_TW_KEY=tw-secret-2", "VITRINA_CHAT_LOAD=5"}
	s := startShow(t, env, "run", "--show", showPath, "--for", "25s", "--record", filepath.Join(dir, "show.mkv"))
	s.waitFor(t, 0, 2*time.Minute, "destination", "destination=twitch-backup", "kind=rtmp")
	s.waitFor(t, 0, 2*time.Minute, "preview on screen")
	// Both have tried their server and wait to retry: their rows say so.
	s.waitFor(t, 0, time.Minute, "destination", "destination=twitch-backup", "state=reconnecting")
	s.waitFor(t, 0, time.Minute, "destination", "destination=youtube", "state=reconnecting")
	time.Sleep(time.Second) // the rows repaint with the retry
	shot := filepath.Join(dir, "window.png")
	img := screenshot(t, display, shot)
	if n := colours(img, image.Rect(0, 0, screenW, screenH), 400); n < 400 {
		t.Errorf("the screen has only %d colours: blank or unpainted", n)
	}
	panel := filepath.Join(dir, "panel.png")
	cropPNG(t, img, destinationsPanel(img), panel)
	keepScreenshot(t, shot, "studio-destinations-window.png")
	keepScreenshot(t, panel, "destinations-panel.png")

	log := s.wait(t, 2*time.Minute)
	for _, secret := range []string{"yt-secret-1", "tw-secret-2"} {
		if strings.Contains(log, secret) {
			t.Errorf("a stream key is in the log")
		}
	}
	if b, err := os.ReadFile(saved.Path); err != nil || strings.Contains(string(b), "secret") {
		t.Errorf("the saved destinations file: %v\n%s", err, b)
	}
}

// destinationsPanel is the part of the window between the separator above
// the destinations and the status bar, in the middle column (between the
// rundown and the chat): the first full-width line, scanning up from the
// status bar, that differs from the rows around it.
func destinationsPanel(img image.Image) image.Rectangle {
	b := img.Bounds()
	x0, x1 := b.Dx()*153/1000, b.Dx()*734/1000
	bottom := b.Dy() - 42
	gray := func(x, y int) int {
		r, g, bl, _ := img.At(x, y).RGBA()
		return int(r>>8+g>>8+bl>>8) / 3
	}
	line := func(y int) bool {
		v := gray(x0+20, y)
		for x := x0 + 20; x < x1-20; x += 3 {
			if d := gray(x, y) - v; d > 3 || d < -3 {
				return false
			}
		}
		// The rows either side are the background, not the line's colour:
		// a gap between two rows is the background itself.
		for _, dy := range []int{-2, 2} {
			n, other := 0, 0
			for x := x0 + 20; x < x1-20; x += 3 {
				n++
				if d := gray(x, y+dy) - v; d > 6 || d < -6 {
					other++
				}
			}
			if other < n*9/10 {
				return false
			}
		}
		return true
	}
	for y := bottom - 10; y > b.Dy()/2; y-- {
		if line(y) {
			return image.Rect(x0, y+1, x1, bottom)
		}
	}
	return image.Rect(x0, b.Dy()*3/4, x1, bottom)
}

func cropPNG(t *testing.T, img image.Image, r image.Rectangle, path string) {
	t.Helper()
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		t.Fatalf("screenshot of type %T cannot be cropped", img)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sub.SubImage(r)); err != nil {
		t.Fatal(err)
	}
}
