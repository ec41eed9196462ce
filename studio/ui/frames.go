package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/vitrina-live/vitrina/studio/media"
)

// tick is one reading for the status bar: the time and the preview frames so far.
type tick struct {
	now   time.Time
	shown int64
}

// tick drives the clock, the CPU reading and the meters. Levels are read
// here, off the UI goroutine, and only the result is applied on it.
func (w *Window) tick() {
	defer w.wg.Done()
	meters := time.NewTicker(time.Second / 15)
	defer meters.Stop()
	clock := time.NewTicker(time.Second)
	defer clock.Stop()
	for {
		select {
		case <-w.ctx.Done():
			return
		case <-meters.C:
			levels := w.eng.Levels()
			w.mu.Lock()
			w.levels = levels
			w.mu.Unlock()
			w.frames.kick()
		case now := <-clock.C:
			w.mu.Lock()
			w.clock = &tick{now, w.Preview.Shown()}
			w.mu.Unlock()
			w.frames.kick()
		}
	}
}

// frameEvery is the least time between two paced repaints: 25 a second
// carries the preview at over 20 fps and the chat and meters with it, and
// leaves the UI goroutine time for input and engine events.
const frameEvery = 40 * time.Millisecond

// frame applies everything pending from the preview, the chat, the meters
// and the clock in one go, so they cost one repaint.
func (w *Window) frame() {
	for _, p := range w.previews() {
		p.Swap()
	}
	w.Chat.flushPending()
	w.mu.Lock()
	levels, clock := w.levels, w.clock
	w.levels, w.clock = nil, nil
	w.mu.Unlock()
	if levels != nil {
		w.Audio.ApplyLevels(levels)
	}
	if clock != nil {
		w.Status.Tick(clock.now, clock.shown)
		w.Rundown.Tick(clock.now) // the pinned product's time on air
	}
	w.Chat.Settle(time.Now())
}

// previewShown returns what to do as the i-th preview shows a frame: the
// first frame of the first canvas means the window is up, and once each
// preview has settled it logs where it is on screen (the window tests look
// for moving video exactly there).
func (w *Window) previewShown(i int) func(n int64) {
	return func(n int64) {
		if n == 1 && i == 0 {
			w.ready.Store(true)
			w.Chat.lat = &w.chat
		}
		if n != 30 || w.win == nil {
			return
		}
		p := w.previews()[i]
		img := p.Image
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(img)
		scale := w.win.Canvas().Scale()
		x, y, ww, hh := fitRect(pos.X, pos.Y, img.Size().Width, img.Size().Height, p.size)
		id := w.firstCanvas
		if i < len(w.Canvases) {
			id = w.Canvases[i].ID
		}
		w.log.Info("preview on screen", "canvas", id, "x", int(x*scale), "y", int(y*scale), "w", int(ww*scale), "h", int(hh*scale))
	}
}

// fitRect is where an image of size sits when contained in a box.
func fitRect(x, y, bw, bh float32, size media.Size) (float32, float32, float32, float32) {
	ar := float32(size.W) / float32(size.H)
	w, h := bw, bw/ar
	if h > bh {
		w, h = bh*ar, bh
	}
	return x + (bw-w)/2, y + (bh-h)/2, w, h
}
