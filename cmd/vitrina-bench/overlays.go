package main

import (
	"context"
	"fmt"
	"golang.org/x/sys/unix"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/compositor"
	"github.com/vitrina-live/vitrina/studio/media"
)

const (
	blendFrames  = 1800 // 60 s at 30 fps: enough for rusage to resolve the difference
	blendRepeats = 3    // each measurement is the median of this many
	cardRenders  = 200
)

// overlayBlend measures what 4 overlays cost each 1080p frame once they are
// on the program, against ffmpeg's overlay filter blending the same four
// RGBA images onto a yuv420p picture, both on one core; and what drawing a
// product card costs. Only the blend is compared: each side runs the same
// frames with and without the overlays and the difference is divided by
// the frame count.
func overlayBlend(dir string) (string, error) {
	runtime.LockOSThread() // thread CPU time below must be this goroutine's own
	defer runtime.UnlockOSThread()

	r, err := overlays.New(image.Pt(1920, 1080), overlays.DefaultTheme(), "en")
	if err != nil {
		return "", err
	}
	photo := filepath.Join(dir, "overlay-photo.jpg")
	if err := writeJPEG(photo, 1200, 1200); err != nil {
		return "", err
	}
	product := overlays.Product{
		Title:      "Aurora Wireless Headphones with Active Noise Cancelling",
		PriceMinor: 12999, CompareAtMinor: 17999, Currency: "USD",
		Specs:   []string{"Bluetooth 5.3, two devices at once", "40 h battery, USB-C fast charge", "Foldable, 250 g"},
		Keyword: "12", Photo: photo, Link: "https://shop.example.com/p/aurora-12",
	}
	// A card's first render decodes and scales the photo; later ones (a
	// price or stock change) reuse it.
	cold := threadCPU()
	card, warn := r.Card(product)
	cold = threadCPU() - cold
	if len(warn) > 0 {
		return "", fmt.Errorf("card: %s", strings.Join(warn, "; "))
	}
	var warm []time.Duration
	for i := range cardRenders {
		// A new price each time (a flash sale, a price edit): the card is
		// laid out and drawn again; only the decoded photo is reused.
		p := product
		p.PriceMinor += int64(i + 1)
		t := threadCPU()
		r.Card(p)
		warm = append(warm, threadCPU()-t)
	}
	slices.Sort(warm)

	placed := []struct {
		name string
		p    overlays.Placed
	}{
		{"card", card},
		{"sale", r.FlashSale(85*time.Second, 7, 50)},
		{"promo", r.Promo("SAVE20", "-20%", 10*time.Minute)},
		{"lower-third", r.LowerThird("Anna Bērziņa", "Host · Audio gear expert")},
	}
	area := 0
	for _, x := range placed {
		area += x.p.Img.Rect.Dx() * x.p.Img.Rect.Dy()
	}

	// Vitrina: the compositor's Compose on a 1920x1080 canvas, with the 4
	// layers and with none.
	composeCost := func(withLayers bool) (time.Duration, error) {
		c, err := compositor.NewCanvas(media.Size{W: 1920, H: 1080}, 30)
		if err != nil {
			return 0, err
		}
		if withLayers {
			for i, x := range placed {
				c.AddLayer(x.name, i+1).SetImage(x.p.Img, x.p.At)
			}
		}
		for i := range 30 { // warm up: first-use allocations, caches
			c.Compose(time.Duration(i) * time.Second / 30)
		}
		start := threadCPU()
		for i := range blendFrames {
			c.Compose(time.Duration(i) * time.Second / 30)
		}
		return threadCPU() - start, nil
	}
	vWith, vWithout, err := medianPair(composeCost)
	if err != nil {
		return "", err
	}
	vitrina := perFrame(vWith - vWithout)

	// ffmpeg: the same four PNGs overlaid at the same places.
	var inputs []string
	var graph []string
	last := "0:v"
	for i, x := range placed {
		p := filepath.Join(dir, "overlay-"+x.name+".png")
		if err := writePNG(p, x.p.Img); err != nil {
			return "", err
		}
		inputs = append(inputs, "-i", p)
		out := fmt.Sprintf("o%d", i)
		graph = append(graph, fmt.Sprintf("[%s][%d:v]overlay=x=%d:y=%d:format=yuv420[%s]", last, i+1, x.p.At.X, x.p.At.Y, out))
		last = out
	}
	src := fmt.Sprintf("color=c=0x404040:s=1920x1080:r=30:d=%d,format=yuv420p", blendFrames/30)
	cmdWith := append(append([]string{"ffmpeg", "-v", "error", "-nostdin", "-filter_threads", "1", "-filter_complex_threads", "1",
		"-f", "lavfi", "-i", src}, inputs...),
		"-filter_complex", strings.Join(graph, ";"), "-map", "["+last+"]", "-threads", "1", "-f", "null", "-")
	cmdWithout := []string{"ffmpeg", "-v", "error", "-nostdin", "-filter_threads", "1", "-filter_complex_threads", "1",
		"-f", "lavfi", "-i", src, "-filter_complex", "[0:v]null[o]", "-map", "[o]", "-threads", "1", "-f", "null", "-"}
	ffCost := func(withLayers bool) (time.Duration, error) {
		args := cmdWithout
		if withLayers {
			args = cmdWith
		}
		return childCPU(args)
	}
	fWith, fWithout, err := medianPair(ffCost)
	if err != nil {
		return "", err
	}
	ffmpeg := perFrame(fWith - fWithout)

	var b strings.Builder
	fmt.Fprintf(&b, "## overlay-blend-1080p\n\n")
	fmt.Fprintf(&b, "Four overlays on a 1920x1080 program, drawn by `overlays` at 1080p in English: product card with photo and QR (%dx%d), "+
		"flash sale (%dx%d), promo code (%dx%d) and lower third (%dx%d), %.1f%% of the frame. "+
		"Each side composes %d frames on one core with the four overlays and without them; the difference over the frame count is the blend. "+
		"Vitrina: `compositor.Canvas.Compose` in-process on one locked OS thread (thread CPU time); "+
		"ffmpeg: the `overlay` filter on a yuv420p `color` source with the same four RGBA PNGs at the same places (process CPU from getrusage). "+
		"Median of %d runs each.\n\n",
		card.Img.Rect.Dx(), card.Img.Rect.Dy(), placed[1].p.Img.Rect.Dx(), placed[1].p.Img.Rect.Dy(),
		placed[2].p.Img.Rect.Dx(), placed[2].p.Img.Rect.Dy(), placed[3].p.Img.Rect.Dx(), placed[3].p.Img.Rect.Dy(),
		100*float64(area)/(1920*1080), blendFrames, blendRepeats)
	fmt.Fprintf(&b, "| | Vitrina | ffmpeg overlay | **ratio (Vitrina / ffmpeg)** | target |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| blend, 4 overlays, per frame | **%.3f ms** | %.3f ms | **%.2f** | < 1.5 ms |\n\n", vitrina, ffmpeg, vitrina/ffmpeg)
	fmt.Fprintf(&b, "Composing with and without: Vitrina %.3f / %.3f ms a frame, ffmpeg %.3f / %.3f ms a frame.\n\n",
		perFrame(vWith), perFrame(vWithout), perFrame(fWith), perFrame(fWithout))
	fmt.Fprintf(&b, "| rendering a product card at 1080p | first (decodes the %dx%d JPEG) | a new price (median of %d) | target |\n|---|---|---|---|\n",
		1200, 1200, cardRenders)
	fmt.Fprintf(&b, "| `overlays.Renderer.Card` | %.2f ms | **%.2f ms** | < 5 ms |\n\n", ms(cold), ms(warm[len(warm)/2]))
	fmt.Fprintf(&b, "ffmpeg commands (with, then without the overlays):\n\n```\n%s\n%s\n```\n", shellJoin(cmdWith), shellJoin(cmdWithout))
	return b.String(), nil
}

// medianPair runs f with and without the overlays, alternating, and
// returns the median of each.
func medianPair(f func(withLayers bool) (time.Duration, error)) (with, without time.Duration, err error) {
	var w, wo []time.Duration
	for range blendRepeats {
		a, err := f(true)
		if err != nil {
			return 0, 0, err
		}
		b, err := f(false)
		if err != nil {
			return 0, 0, err
		}
		w, wo = append(w, a), append(wo, b)
	}
	slices.Sort(w)
	slices.Sort(wo)
	return w[len(w)/2], wo[len(wo)/2], nil
}

func perFrame(d time.Duration) float64 { return ms(d) / blendFrames }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// threadCPU is the calling OS thread's user + system CPU time; the caller
// has locked its goroutine to the thread.
func threadCPU() time.Duration {
	// The scheduler's per-thread clock, in nanoseconds; getrusage's
	// per-thread figure only moves on timer ticks, too coarse for one card.
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// childCPU runs a command and returns its user + system CPU time.
func childCPU(args []string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", args[0], err, tail(out))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeJPEG writes a w x h photo-like gradient, standing in for a catalog
// photo.
func writeJPEG(path string, w, h int) error {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(200 + 55*x/w), uint8(120 + 100*y/h), uint8(90 + 60*(x+y)/(w+h)), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shellJoin quotes args for a POSIX shell, for the report.
func shellJoin(args []string) string {
	plain := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-./:=,@%+", r)
	}
	var out []string
	for _, a := range args {
		if a == "" || strings.IndexFunc(a, func(r rune) bool { return !plain(r) }) >= 0 {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}
