package studio

import (
	"image"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/compositor"
)

// animTime is how long an overlay takes to slide and fade in or out.
const animTime = 300 * time.Millisecond

// overlayItem is one overlay on the program: its layer, what it shows, and
// where it is in its entrance or exit. Times are program PTS, so what the
// viewer sees follows the frames, not the wall clock.
type overlayItem struct {
	layer  *compositor.Layer
	render overlayRender
	key    string
	placed overlays.Placed
	from   image.Point // the offset it slides in from

	shown   bool          // the entrance has started
	showAt  time.Duration // PTS of the entrance's first frame
	hiding  bool
	hideAt  time.Duration // PTS the exit starts; set from a cue's show_for
	autoOff time.Duration // >0: exit this long after the entrance
	gone    bool
}

// overlayRender says, for the frame at pts, a key that changes only when the
// picture does (a countdown's second, a stock count) and how to draw that
// picture; the driver draws it, and converts it for the layer, only when the
// key changes, not on every frame.
type overlayRender func(pts time.Duration) (key string, draw func() overlays.Placed)

// overlayDriver keeps the overlays on one canvas in step with its frames.
// Commands change items from the engine loop; the program calls frame from
// the canvas's compose goroutine (clock.go).
type overlayDriver struct {
	canvas *compositor.Canvas
	r      *overlays.Renderer

	mu    sync.Mutex
	items map[string]*overlayItem // by role: "card", "sale", "promo", ...
	last  time.Duration           // the last frame's PTS
}

func newOverlayDriver(c *compositor.Canvas, r *overlays.Renderer) *overlayDriver {
	return &overlayDriver{canvas: c, r: r, items: map[string]*overlayItem{}}
}

// show puts content in a role's place from the next frame on, replacing
// what was there without a new entrance when it was already on screen.
// showFor > 0 takes it off again that long after it appeared.
func (d *overlayDriver) show(role string, z int, slide image.Point, showFor time.Duration, render overlayRender) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if it, ok := d.items[role]; ok && !it.hiding && !it.gone {
		it.render, it.key, it.autoOff = render, "", showFor
		if showFor > 0 && it.shown {
			it.autoOff = d.last - it.showAt + showFor
		}
		return
	}
	if it, ok := d.items[role]; ok {
		d.canvas.RemoveLayer(it.layer)
	}
	l := d.canvas.AddLayer(role, z)
	l.SetVisible(false)
	d.items[role] = &overlayItem{layer: l, render: render, from: slide, autoOff: showFor}
}

// hide starts a role's exit at the next frame.
func (d *overlayDriver) hide(role string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if it, ok := d.items[role]; ok && !it.hiding {
		it.hiding, it.hideAt = true, -1
	}
}

// frame runs before each compose with its PTS.
func (d *overlayDriver) frame(pts time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last = pts
	for role, it := range d.items {
		if !it.shown {
			it.shown, it.showAt = true, pts
		}
		if it.hiding && it.hideAt < 0 {
			it.hideAt = pts
		}
		if !it.hiding && it.autoOff > 0 && pts >= it.showAt+it.autoOff {
			it.hiding, it.hideAt = true, it.showAt+it.autoOff
		}
		if key, draw := it.render(pts); key != it.key || it.placed.Img == nil {
			p := draw()
			it.key, it.placed = key, p
			it.layer.SetImage(p.Img, p.At)
		}
		in := progress(pts - it.showAt)
		if it.hiding {
			in = min(in, 1-progress(pts-it.hideAt))
			if pts-it.hideAt >= animTime {
				d.canvas.RemoveLayer(it.layer)
				it.gone = true
				delete(d.items, role)
				continue
			}
		}
		// Ease out: most of the travel happens in the first frames, so the
		// card is on screen from the frame of the cue.
		e := 1 - (1-in)*(1-in)
		off := image.Pt(int(float64(it.from.X)*(1-e)), int(float64(it.from.Y)*(1-e)))
		it.layer.Move(it.placed.At.Add(off))
		it.layer.SetOpacity(0.35 + 0.65*e)
		it.layer.SetVisible(true)
	}
}

func progress(d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return min(1, float64(d)/float64(animTime))
}
