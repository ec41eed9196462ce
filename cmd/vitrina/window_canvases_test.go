package main

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The real window on a show of two canvases (examples/two-canvases.toml):
// the horizontal and the vertical picture are previewed side by side, each
// with its own shape, and both are live video.
func TestWindowPreviewsTwoCanvases(t *testing.T) {
	load := loadAverage()
	display := startXvfb(t)
	dir := t.TempDir()
	// The example, with its catalog found from a copy in a temporary folder,
	// so its recordings go there and not into examples/.
	b, err := os.ReadFile(repoPath("examples/two-canvases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), `"../assets/catalog/demo.csv"`, strconv.Quote(repoPath("assets/catalog/demo.csv")), 1)
	// A destination on each canvas, to a port where nothing listens: the
	// rows say which canvas each streams.
	src += `
[[destination]]
id = "youtube"
kind = "rtmp"
url = "rtmp://127.0.0.1:9/live"
key_env = "TEST_YT_KEY"

[[destination]]
id = "tiktok"
kind = "rtmp"
url = "rtmp://127.0.0.1:9/live"
key_env = "TEST_TT_KEY"
canvas = "vertical"
`
	showPath := filepath.Join(dir, "two-canvases.toml")
	if err := os.WriteFile(showPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config")
	writeGuideSeen(t, cfg)
	env := []string{"DISPLAY=" + display, "VITRINA_LANG=en", "XDG_CONFIG_HOME=" + cfg, "VITRINA_CHAT_LOAD=10",
		"TEST_YT_KEY=yt-key-1", "TEST_TT_KEY=tt-key-2"}
	s := startShow(t, env, "run", "--show", showPath, "--for", "30s")

	origin := image.Point{}
	rects := map[string]image.Rectangle{}
	for _, c := range []string{"horizontal", "vertical"} {
		i, _ := s.waitFor(t, 0, 2*time.Minute, "preview on screen", "canvas="+c)
		if origin == (image.Point{}) {
			origin = windowOrigin(t, display)
		}
		rects[c] = previewRect(t, s.lineAt(i)).Add(origin)
	}
	h, v := rects["horizontal"], rects["vertical"]
	t.Logf("previews on screen: horizontal %v (%dx%d), vertical %v (%dx%d)", h, h.Dx(), h.Dy(), v, v.Dx(), v.Dy())
	if v.Min.X < h.Max.X || abs(v.Min.Y-h.Min.Y) > 2 || h.Dy() != v.Dy() {
		t.Errorf("the previews are not side by side at one height: %v and %v", h, v)
	}
	for _, c := range []struct {
		name string
		r    image.Rectangle
		want float64
	}{{"horizontal", h, 16.0 / 9}, {"vertical", v, 9.0 / 16}} {
		if got := float64(c.r.Dx()) / float64(c.r.Dy()); got < c.want*0.95 || got > c.want*1.05 {
			t.Errorf("the %s preview is %dx%d (aspect %.2f), want aspect %.2f", c.name, c.r.Dx(), c.r.Dy(), got, c.want)
		}
		if c.r.Dy() < 300 {
			t.Errorf("the %s preview is only %d pixels high", c.name, c.r.Dy())
		}
	}

	// After the cues (the pin at 3 s, the vertical canvas's rail at 6 s).
	s.waitFor(t, 0, time.Minute, "layout", "kind=rail")
	time.Sleep(time.Second)
	first := filepath.Join(dir, "a.png")
	a := screenshot(t, display, first)
	if n := colours(a, image.Rect(0, 0, screenW, screenH), 400); n < 400 {
		t.Errorf("the screen has only %d colours: blank or unpainted", n)
	}
	// The wide camera's blue is on both; the close-up's green is the main
	// picture of neither after the rail, but is the horizontal inset.
	blue := color.RGBA{0x1e, 0x5a, 0xa0, 0xff}
	green := color.RGBA{0x2e, 0x8b, 0x57, 0xff}
	for name, r := range rects {
		if got := share(a, r, blue, 30); got < 0.1 {
			t.Errorf("only %.1f%% of the %s preview is the wide camera's blue", 100*got, name)
		}
	}
	if got := share(a, h, green, 30); got < 0.01 {
		t.Errorf("only %.1f%% of the horizontal preview is the close-up's green (its inset)", 100*got)
	}
	// Both are live: each changes between shots.
	for name, r := range rects {
		var diff float64
		deadline := time.Now().Add(10 * time.Second)
		for i := 0; diff < 0.005 && time.Now().Before(deadline); i++ {
			b := screenshot(t, display, filepath.Join(dir, fmt.Sprintf("%s%d.png", name, i)))
			diff = changed(a, b, r)
		}
		if diff < 0.005 {
			t.Errorf("the %s preview did not change in 10 s (%.2f%% of pixels): not live video", name, 100*diff)
		}
		t.Logf("%s: %.1f%% of the preview changed between two shots", name, 100*diff)
	}
	keepScreenshot(t, first, "studio-two-canvases.png")

	log := s.wait(t, 2*time.Minute)
	line := ""
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "ui responsiveness") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no ui responsiveness line:\n%s", log)
	}
	m := regexp.MustCompile(`canvas_fps="horizontal=([\d.]+) vertical=([\d.]+)"`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no canvas_fps for both canvases in %q", line)
	}
	hf, _ := strconv.ParseFloat(m[1], 64)
	vf, _ := strconv.ParseFloat(m[2], 64)
	t.Logf("two canvases, load average %.1f before on %d cores: previews at %.1f and %.1f fps", load, runtime.NumCPU(), hf, vf)
	want := 15.0
	if busy := float64(runtime.NumCPU()) / 2; load >= busy || runtime.NumCPU() < 4 {
		// Two x264 720p encodes take most of a core, and software GL paints
		// on the same CPUs: on a machine this small or this busy the target
		// cannot be judged (14–16 fps measured on 2 quiet cores), so judge
		// usability, as the chat load test does.
		t.Logf("%d cores, load %.1f: checking ≥ 5 fps instead of the target ≥ 15", runtime.NumCPU(), load)
		want = 5
	}
	if hf < want || vf < want {
		t.Errorf("previews at %.1f and %.1f fps, want ≥ %.0f each", hf, vf, want)
	}
}

// previewRect reads x, y, w and h from a "preview on screen" line.
func previewRect(t *testing.T, line string) image.Rectangle {
	t.Helper()
	var r [4]int
	for k, key := range []string{"x", "y", "w", "h"} {
		m := regexp.MustCompile(`\b` + key + `=(\d+)`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("no %s in %q", key, line)
		}
		r[k], _ = strconv.Atoi(m[1])
	}
	return image.Rect(r[0], r[1], r[0]+r[2], r[1]+r[3])
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
