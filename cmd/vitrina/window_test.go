package main

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The studio window, opened for real on a private X server (Xvfb) while
// the show streams. VITRINA_SCREENSHOTS=DIR keeps the screenshots.

const screenW, screenH = 1600, 900

// startXvfb starts a private X server and returns its DISPLAY. Xvfb picks a
// free display itself and writes its number to -displayfd once it accepts
// clients, so there is nothing to guess or wait out.
func startXvfb(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"Xvfb", "import", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (`make deps` installs xvfb, imagemagick and x11-utils): %v", tool, err)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH),
		"-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	num := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		num <- strings.TrimSpace(line)
	}()
	select {
	case n := <-num:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb did not say which display it took (%q)", n)
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not start within 30 s")
	}
	return ""
}

// writeGuideSeen makes cfg a configuration folder of a studio that has
// shown its guide already: not a first run, whose guide would cover the
// window.
func writeGuideSeen(t *testing.T, cfg string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(cfg, "vitrina"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg, "vitrina", "settings.json"), []byte(`{"guide_seen": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
}

// windowShow opens the real window on display in language lang, with a
// synthetic chat of chatRate messages a second, and waits until its preview
// is on screen. It returns the show and the preview's rectangle on screen.
func windowShow(t *testing.T, display, lang string, chatRate int, dur string) (*liveShow, image.Rectangle) {
	t.Helper()
	cfg := t.TempDir()
	writeGuideSeen(t, cfg)
	env := []string{"DISPLAY=" + display, "VITRINA_LANG=" + lang, "XDG_CONFIG_HOME=" + cfg,
		"VITRINA_CHAT_LOAD=" + strconv.Itoa(chatRate)}
	s := startShow(t, env, "run", "--show", repoPath("examples/shop.toml"), "--for", dur,
		"--record", filepath.Join(t.TempDir(), "show.mkv"))
	i, _ := s.waitFor(t, 0, 2*time.Minute, "preview on screen")
	rect := previewRect(t, s.lineAt(i)).Add(windowOrigin(t, display))
	if rect.Dx() < 640 || rect.Dy() < 360 {
		t.Errorf("the preview is %dx%d on screen, smaller than 640x360", rect.Dx(), rect.Dy())
	}
	return s, rect
}

// windowOrigin finds the studio window among the X server's windows and
// returns where it sits on the screen.
func windowOrigin(t *testing.T, display string) image.Point {
	t.Helper()
	out, err := exec.Command("xwininfo", "-display", display, "-root", "-tree").CombinedOutput()
	if err != nil {
		t.Fatalf("xwininfo: %v\n%s", err, out)
	}
	// 0x200007 "two-cameras — Vitrina": ("vitrina" "vitrina")  1600x900+0+0  +0+0
	re := regexp.MustCompile(`"[^"]*Vitrina[^"]*".*\s(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)`)
	for _, l := range strings.Split(string(out), "\n") {
		if m := re.FindStringSubmatch(l); m != nil {
			x, _ := strconv.Atoi(m[3])
			y, _ := strconv.Atoi(m[4])
			return image.Pt(x, y)
		}
	}
	t.Fatalf("no Vitrina window on %s:\n%s", display, out)
	return image.Point{}
}

// screenshot takes the whole screen with ImageMagick's import.
func screenshot(t *testing.T, display, path string) image.Image {
	t.Helper()
	if out, err := exec.Command("import", "-display", display, "-window", "root", path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// changed is the share of pixels in r that differ between a and b.
func changed(a, b image.Image, r image.Rectangle) float64 {
	n, diff := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			n++
			if !near(a.At(x, y), b.At(x, y), 24) {
				diff++
			}
		}
	}
	return float64(diff) / float64(max(n, 1))
}

// share is the share of pixels in r within tol of c.
func share(img image.Image, r image.Rectangle, c color.Color, tol int) float64 {
	n, hit := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			n++
			if near(img.At(x, y), c, tol) {
				hit++
			}
		}
	}
	return float64(hit) / float64(max(n, 1))
}

func near(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { v := int(x>>8) - int(y>>8); return v <= tol && -v <= tol }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

// colours counts the distinct colours in r, up to limit.
func colours(img image.Image, r image.Rectangle, limit int) int {
	seen := map[color.RGBA]bool{}
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), 0}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func keepScreenshot(t *testing.T, src, name string) {
	dir := os.Getenv("VITRINA_SCREENSHOTS")
	if dir == "" {
		return
	}
	b, err := os.ReadFile(src)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if err != nil {
		t.Errorf("keeping %s: %v", name, err)
	}
}

// Without a screen, the window path says what to do instead, before it
// builds (or records) anything.
func TestRunWithoutADisplaySaysHeadless(t *testing.T) {
	cmd := exec.Command(binary, "run", "--for", "1s")
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "DISPLAY=") {
			env = append(env, e)
		}
	}
	data := t.TempDir()
	cmd.Env = append(env, "VITRINA_DATA="+data)
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("vitrina run with no DISPLAY: %v, want exit 1\n%s", err, out)
	}
	if !strings.Contains(string(out), "--headless") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Errorf("want one line that points to --headless, got %q", out)
	}
	if entries, _ := os.ReadDir(filepath.Join(data, "recordings")); len(entries) != 0 {
		t.Errorf("it recorded %d files before failing", len(entries))
	}
}
