package compositor

import (
	"errors"
	"image"
	"testing"
	"time"
)

// fadeCanvas shows source "old" (blue) and has "new" (red) ready.
func fadeCanvas(t *testing.T) *Canvas {
	t.Helper()
	c := newCanvas(t, 128, 72)
	c.AddSource("old", solidSource(128, 72, blue))
	c.AddSource("new", solidSource(128, 72, red))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"old"}}, Transition{})
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 128, 72), blue, 0, "before")
	return c
}

func TestCutIsImmediate(t *testing.T) {
	for _, tr := range []Transition{{}, {Kind: Cut}, {Kind: Cut, Duration: time.Second}} {
		c := fadeCanvas(t)
		mustLayout(t, c, Layout{Kind: Single, Sources: []string{"new"}}, tr)
		regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 128, 72), red, 0, "first frame after a cut")
	}
}

func TestFade(t *testing.T) {
	c := fadeCanvas(t)
	// 1/3 s at 30 fps: ten frames, the tenth all new.
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"new"}}, Transition{Kind: Fade, Duration: time.Second / 3})
	prev := blue
	for n := 1; n <= 10; n++ {
		img := c.Compose(0).Img
		got := at(img, 64, 36)
		regionIs(t, img, img.Rect, got, 0, "a fade frame is uniform")
		switch {
		case n < 10:
			if !between(got, blue, red) {
				t.Fatalf("frame %d of the fade is %v, not between %v and %v", n, got, blue, red)
			}
			// Each frame moves further from the old colour.
			if abs(int(got.Cb)-int(blue.Cb)) <= abs(int(prev.Cb)-int(blue.Cb)) {
				t.Fatalf("frame %d (%v) did not move on from %v", n, got, prev)
			}
		default:
			if got != red {
				t.Fatalf("after the fade the picture is %v, want %v", got, red)
			}
		}
		if n == 5 { // midway: an even mix
			mid := yuv{byte((int(blue.Y) + int(red.Y) + 1) / 2), byte((int(blue.Cb) + int(red.Cb) + 1) / 2), byte((int(blue.Cr) + int(red.Cr) + 1) / 2)}
			if !near(got, mid, 1) {
				t.Fatalf("midway the picture is %v, want about %v", got, mid)
			}
		}
		prev = got
	}
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 128, 72), red, 0, "after the fade")
}

// The default fade is 300 ms: nine frames at 30 fps.
func TestFadeDefaultDuration(t *testing.T) {
	c := fadeCanvas(t)
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"new"}}, Transition{Kind: Fade})
	for n := 1; n < 9; n++ {
		if got := at(c.Compose(0).Img, 0, 0); got == red {
			t.Fatalf("fade ended after %d frames, want 9", n)
		}
	}
	if got := at(c.Compose(0).Img, 0, 0); got != red {
		t.Fatalf("frame 9 is %v, want %v", got, red)
	}
}

// With nothing on air yet there is nothing to fade from.
func TestFadeBeforeFirstFrameCuts(t *testing.T) {
	c := newCanvas(t, 64, 36)
	c.AddSource("new", solidSource(64, 36, red))
	mustLayout(t, c, Layout{Kind: Single, Sources: []string{"new"}}, Transition{Kind: Fade, Duration: time.Second})
	regionIs(t, c.Compose(0).Img, image.Rect(0, 0, 64, 36), red, 0, "first frame")
}

func TestTransitionValidation(t *testing.T) {
	c := fadeCanvas(t)
	for _, tr := range []Transition{{Kind: "wipe"}, {Kind: Fade, Duration: -time.Second}} {
		err := c.SetLayout(Layout{Kind: Single, Sources: []string{"new"}}, tr)
		if !errors.Is(err, ErrBadTransition) {
			t.Errorf("SetLayout with %+v = %v, want ErrBadTransition", tr, err)
		}
	}
	// A rejected change leaves the layout alone.
	if got := c.Layout().Sources[0]; got != "old" {
		t.Errorf("layout changed to %q by a rejected call", got)
	}
	err := c.SetLayout(Layout{Kind: Single, Sources: []string{"ghost"}}, Transition{})
	if !errors.Is(err, ErrUnknownSource) {
		t.Errorf("SetLayout with an unknown source = %v", err)
	}
}

// The eight-bytes-at-a-time blend gives exactly the per-byte formula.
func TestMixPlaneMatchesScalar(t *testing.T) {
	for _, alpha := range []int{0, 1, 77, 128, 255, 256} {
		d := newPlane(21, 3)
		f := newPlane(21, 3)
		want := make([]byte, len(d.pix))
		for i := range d.pix {
			d.pix[i], f.pix[i] = byte(i*37), byte(255-i*11)
			want[i] = byte((int(d.pix[i])*alpha + int(f.pix[i])*(256-alpha) + 128) >> 8)
		}
		mixPlane(d, f, alpha)
		for i := range want {
			if d.pix[i] != want[i] {
				t.Fatalf("alpha %d: byte %d is %d, want %d", alpha, i, d.pix[i], want[i])
			}
		}
	}
}

func abs(n int) int { return max(n, -n) }
