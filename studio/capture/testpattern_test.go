package capture

import (
	"context"
	"errors"
	"image"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

func TestTestPatternRunsWithIncreasingTimecode(t *testing.T) {
	defer goleak.VerifyNone(t)
	epoch := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	t0 := time.Now()
	p := newPattern(t, &TestPattern{ID: "wide", FPS: 60, Clock: func() time.Time { return epoch.Add(time.Since(t0)) }})
	if p.LatestFrame() != nil {
		t.Fatal("a frame before Run")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()

	var seen []*media.Frame
	waitFor(t, 5*time.Second, "five distinct frames", func() bool {
		if f := p.LatestFrame(); f != nil && (len(seen) == 0 || seen[len(seen)-1] != f) {
			seen = append(seen, f)
		}
		return len(seen) >= 5
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v after cancel, want nil", err)
	}

	strip := TimecodeRect(p.Size)
	var lastMs int64 = -1
	var lastSeq int64 = -1
	for _, f := range seen {
		if got := sizeOf(f.Img); got != (media.Size{W: 1280, H: 720}) {
			t.Fatalf("frame size %v, want the 1280x720 default", got)
		}
		ms, n, err := ReadTimecode(f.Img, strip)
		if err != nil {
			t.Fatalf("frame %d: %v", f.Seq, err)
		}
		if int64(n) != f.Seq || f.Seq <= lastSeq {
			t.Errorf("frame %d carries number %d (previous %d)", f.Seq, n, lastSeq)
		}
		if ms < epoch.UnixMilli() || ms < lastMs {
			t.Errorf("frame %d: capture time %d not from the injected clock or going back (previous %d)", f.Seq, ms, lastMs)
		}
		lastMs, lastSeq = ms, f.Seq
	}
}

func TestTestPatternMoves(t *testing.T) {
	p := newPattern(t, &TestPattern{ID: "motion", Size: media.Size{W: 640, H: 360}, FPS: 30})
	now := time.Now()
	var centres []image.Point
	for _, seq := range []int64{0, 10, 20, 45} {
		c, ok := yellowCentre(p.render(seq, now, 0).Img)
		if !ok {
			t.Fatalf("frame %d: no bright box to be seen", seq)
		}
		centres = append(centres, c)
	}
	for i := 1; i < len(centres); i++ {
		if centres[i] == centres[i-1] {
			t.Errorf("box stood still at %v between samples %d and %d", centres[i], i-1, i)
		}
	}
}

// yellowCentre finds the bouncing box by its colour (low Cb) and returns the
// centre of its chroma samples, in luma coordinates.
func yellowCentre(img *image.YCbCr) (image.Point, bool) {
	var sx, sy, n int
	for y := range img.Rect.Dy() / 2 {
		for x := range img.Rect.Dx() / 2 {
			if img.Cb[y*img.CStride+x] < 60 {
				sx, sy, n = sx+2*x, sy+2*y, n+1
			}
		}
	}
	if n == 0 {
		return image.Point{}, false
	}
	return image.Pt(sx/n, sy/n), true
}

func TestTestPatternBackground(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       *TestPattern
		allowed []string
	}{
		{"explicit colour", &TestPattern{ID: "a", Color: "#336699"}, []string{"#336699"}},
		{"palette colour by ID", &TestPattern{ID: "closeup"}, palette},
		{"another ID", &TestPattern{ID: "wide"}, palette},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPattern(t, tc.p)
			if !slices.Contains(tc.allowed, p.Color) {
				t.Fatalf("colour %q not in %v", p.Color, tc.allowed)
			}
			c, _ := parseColor(p.Color)
			wy, wcb, wcr := media.RGBToYCbCr(c.R, c.G, c.B)
			img := p.render(0, time.Now(), 0).Img
			// The bottom-right corner: the box starts top-left and the bar left.
			x, y := img.Rect.Dx()-4, img.Rect.Dy()-4
			got := img.YCbCrAt(x, y)
			if absDiff(got.Y, wy) > 2 || absDiff(got.Cb, wcb) > 2 || absDiff(got.Cr, wcr) > 2 {
				t.Fatalf("corner is %v, want %v %v %v (%s)", got, wy, wcb, wcr, p.Color)
			}
		})
	}
	a := newPattern(t, &TestPattern{ID: "same"})
	b := newPattern(t, &TestPattern{ID: "same"})
	if a.Color != b.Color {
		t.Errorf("one ID, two colours: %s and %s", a.Color, b.Color)
	}
}

func TestTestPatternShowsLabel(t *testing.T) {
	blank := newPattern(t, &TestPattern{ID: "x", Label: " ", Color: "#202020"})
	labelled := newPattern(t, &TestPattern{ID: "x", Label: "CLOSE-UP", Color: "#202020"})
	// The box starts in the top-left corner; frame 0 leaves the middle to the label.
	middle := image.Rect(0, 720/3, 1280, 720*2/3)
	if n := whitePixels(blank.render(0, time.Now(), 0).Img, middle); n != 0 {
		t.Fatalf("%d white pixels with a blank label", n)
	}
	if n := whitePixels(labelled.render(0, time.Now(), 0).Img, middle); n < 5000 {
		t.Fatalf("label covers only %d white pixels; want large letters", n)
	}
}

func whitePixels(img *image.YCbCr, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c := img.YCbCrAt(x, y); c.Y > 220 && absDiff(c.Cb, 128) < 10 {
				n++
			}
		}
	}
	return n
}

func TestTestPatternRejectsBadConfig(t *testing.T) {
	for _, p := range []*TestPattern{
		{ID: "odd", Size: media.Size{W: 641, H: 360}},
		{ID: "tiny", Size: media.Size{W: 64, H: 64}},
		{ID: "fps", FPS: -1},
		{ID: "colour", Color: "blue"},
		{ID: "hex", Color: "#12345g"},
	} {
		if err := p.Initialize(); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: err = %v, want ErrInvalidConfig", p.ID, err)
		}
	}
}

// TestTestPatternFramesAreNotReused checks what the compositor relies on: a
// frame it holds never changes under it, while the frames everyone else has
// released are recycled around it.
func TestTestPatternFramesAreNotReused(t *testing.T) {
	defer goleak.VerifyNone(t)
	p := newPattern(t, &TestPattern{ID: "keep", Size: media.Size{W: 320, H: 180}, FPS: 120})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = p.Run(ctx) })
	defer wg.Wait()
	defer cancel()
	waitFor(t, 5*time.Second, "first frame", func() bool { return p.LatestFrame() != nil })
	held := p.LatestFrame()
	snapshot := slices.Clone(held.Img.Y)
	waitFor(t, 5*time.Second, "ten more frames", func() bool {
		f := p.LatestFrame()
		defer f.Release() // as the compositor does once it has drawn a frame
		return f.Seq >= held.Seq+10
	})
	if !slices.Equal(snapshot, held.Img.Y) {
		t.Fatal("a published frame changed after it was handed out")
	}
	held.Release()
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
