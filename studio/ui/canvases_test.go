package ui

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/media"
)

// A show of two canvases gets two previews side by side, each of its own
// shape and labelled with its canvas, each showing its own canvas's frames.
func TestTwoCanvasesGetTwoPreviews(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	w, _ := newTestWindow(t, eng, Options{})
	if len(w.Canvases) != 2 {
		t.Fatalf("%d canvas previews, want 2", len(w.Canvases))
	}
	h, v := w.Canvases[0], w.Canvases[1]
	if h.ID != "horizontal" || v.ID != "vertical" || w.Preview != h.Pane {
		t.Fatalf("previews %q, %q (first is the window's Preview: %v)", h.ID, v.ID, w.Preview == h.Pane)
	}
	if h.Pane.size != (media.Size{W: 640, H: 360}) || v.Pane.size != (media.Size{W: 202, H: 360}) {
		t.Errorf("preview sizes %v and %v, want 640x360 and 202x360", h.Pane.size, v.Pane.size)
	}
	if !strings.Contains(h.Label.Text, "HORIZONTAL") || !strings.Contains(v.Label.Text, "VERTICAL") ||
		!strings.Contains(v.Label.Text, "stack") {
		t.Errorf("labels %q and %q", h.Label.Text, v.Label.Text)
	}

	// On screen: side by side, the vertical one to the right, each filling
	// its place with its own aspect.
	d := fyne.CurrentApp().Driver()
	hp, vp := d.AbsolutePositionForObject(h.Pane.Image), d.AbsolutePositionForObject(v.Pane.Image)
	hs, vs := h.Pane.Image.Size(), v.Pane.Image.Size()
	if hs.Width < 300 || vs.Width < 90 || !h.Pane.Image.Visible() || !v.Pane.Image.Visible() {
		t.Fatalf("previews %v and %v on screen: too small or hidden", hs, vs)
	}
	if vp.X < hp.X+hs.Width || absf(vp.Y-hp.Y) > 1 {
		t.Errorf("the vertical preview at %v is not right of the horizontal one at %v (%v)", vp, hp, hs)
	}
	for _, c := range []struct {
		name string
		size fyne.Size
		want float32
	}{{"horizontal", hs, 16.0 / 9}, {"vertical", vs, 202.0 / 360}} {
		if got := c.size.Width / c.size.Height; absf(got-c.want) > 0.03 {
			t.Errorf("the %s preview's place is %v (aspect %.2f), want aspect %.2f", c.name, c.size, got, c.want)
		}
	}

	// Each shows its own canvas.
	w.Start()
	t.Cleanup(w.Stop)
	red, green := color.RGBA{0xe0, 0x40, 0x10, 0xff}, color.RGBA{0x2e, 0x8b, 0x57, 0xff}
	for _, c := range []struct {
		cp   *CanvasPreview
		want color.RGBA
		size media.Size
	}{{h, red, media.Size{W: 640, H: 360}}, {v, green, media.Size{W: 202, H: 360}}} {
		eng.mu.Lock()
		asked := eng.previewSizes[c.cp.ID]
		eng.mu.Unlock()
		if asked != c.size {
			t.Errorf("the window asked for %s at %v, want %v", c.cp.ID, asked, c.size)
		}
		y, cb, cr := media.RGBToYCbCr(c.want.R, c.want.G, c.want.B)
		eng.canvasPreview[c.cp.ID] <- i420(c.size.W, c.size.H, y, cb, cr)
		deadline := time.Now().Add(5 * time.Second)
		for c.cp.Pane.Shown() == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("the %s preview showed no frame", c.cp.ID)
			}
			time.Sleep(10 * time.Millisecond)
		}
		got := c.cp.Pane.Image.Image.(*image.RGBA).RGBAAt(5, 5)
		if !near(got, c.want, 3) {
			t.Errorf("the %s preview shows %v, want %v", c.cp.ID, got, c.want)
		}
	}
}

// The scene bar follows the first canvas's layout; another canvas's layout
// shows only on that canvas's label.
func TestSceneBarFollowsTheFirstCanvas(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	w, _ := newTestWindow(t, eng, Options{})
	w.Apply(studio.Event{Kind: studio.EventLayout, Canvas: "vertical", Subject: "rail", State: "[wide]"})
	if kind, _ := w.Scenes.OnAir(); kind != LayoutPiP {
		t.Errorf("a layout of the vertical canvas moved the scene bar to %q", kind)
	}
	if !strings.Contains(w.Canvases[1].Label.Text, "rail") || strings.Contains(w.Canvases[0].Label.Text, "rail") {
		t.Errorf("labels %q and %q after the vertical canvas's rail", w.Canvases[0].Label.Text, w.Canvases[1].Label.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventLayout, Canvas: "horizontal", Subject: LayoutGrid, State: "[wide closeup]"})
	if kind, _ := w.Scenes.OnAir(); kind != LayoutGrid {
		t.Errorf("the first canvas's grid left the scene bar at %q", kind)
	}
	if w.Scenes.Layouts[LayoutGrid].Importance != widget.HighImportance {
		t.Error("the grid button is not highlighted")
	}
}

// With several canvases each destination row names the one it streams;
// with one, rows stay as they were.
func TestDestinationRowsNameTheirCanvas(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	w, _ := newTestWindow(t, eng, Options{})
	for id, want := range map[string]string{"relay": "HORIZONTAL", "youtube": "VERTICAL"} {
		r := w.Destinations.Row(id)
		if r == nil || !r.Canvas.Visible() || !strings.Contains(r.Canvas.Text, want) {
			t.Errorf("row %s: canvas label %+v, want %s shown", id, r.Canvas, want)
		}
	}

	one, _ := newTestWindow(t, newFakeEngine(), Options{})
	if len(one.Canvases) != 0 {
		t.Errorf("a show of one canvas has %d canvas previews", len(one.Canvases))
	}
	if r := one.Destinations.Row("relay"); r.Canvas.Visible() {
		t.Errorf("one canvas, yet the row names it: %q", r.Canvas.Text)
	}
}

func TestPreviewSizeKeepsTheCanvasAspect(t *testing.T) {
	single := media.Size{W: 640, H: 360}
	for in, want := range map[media.Size]media.Size{
		{W: 1280, H: 720}:  {W: 640, H: 360},
		{W: 720, H: 1280}:  {W: 202, H: 360},
		{W: 1080, H: 1920}: {W: 202, H: 360},
		{W: 1080, H: 1080}: {W: 360, H: 360},
		{}:                 single,
	} {
		if got := previewSizeFor(in, single); got != want {
			t.Errorf("previewSizeFor(%v) = %v, want %v", in, got, want)
		}
	}
}

func absf(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
