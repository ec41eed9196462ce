// Package compositor builds the program picture: it pulls the latest frame
// of each video source, arranges them by a layout (single, picture-in-picture,
// side by side, 2x2 grid, and for phone canvases stack and rail), blends the
// overlay layers on top, crossfades
// between layouts, and mixes the program sound. It works on I420 planes in
// pure Go, so the program frame goes to the encoder with no conversion.
package compositor

import (
	"fmt"
	"image"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

const (
	minCanvasSide = 16
	maxCanvasSide = 4096
	maxFPS        = 120
	// programFramesKept is how many idle program frames a canvas keeps: in
	// flight at once are the one being composed, two queued for the
	// encoder, the one it encodes, the last picture and a fade's frozen one.
	programFramesKept = 8
)

// Canvas is one program picture (the engine may hold a landscape and a
// portrait one fed by the same sources). Size and FPS are fixed at creation;
// treat them as read-only.
//
// Compose runs on the canvas goroutine while the engine changes layout,
// views and layers from its own: those changes take mu, which Compose holds
// only to take a snapshot, never while it moves pixels.
type Canvas struct {
	Size media.Size
	FPS  int

	mu        sync.Mutex
	sources   map[string]media.VideoSource
	views     map[string]SourceView
	layout    Layout
	layers    []*Layer
	nextOrder int // layer insertion order, to keep equal z stable
	fade      fade
	last      *media.Frame // the last published program frame, with a reference
	seq       int64
	pool      *media.FramePool // program frames, back once the encoder is done

	// composeMu serialises Compose, which owns the scratch buffers below.
	composeMu sync.Mutex
	scale     scaler
	cells     []cellSnap
	laySnap   []layerSnap
	conv420   map[string]*image.YCbCr // per source, for pictures not in 4:2:0

	running       atomic.Bool
	frames        atomic.Int64
	skipped       atomic.Int64
	blendedPixels atomic.Int64 // layer luma pixels blended, to prove work is bounded
	frameHook     atomic.Pointer[func(pts time.Duration)]
}

// OnFrame sets a function called at the start of every Compose with the
// frame's PTS, before the layers are read: what it changes (a countdown's
// digits, a fade's opacity) shows in that very frame. It runs on the
// compose goroutine and must be quick. nil removes it.
func (c *Canvas) OnFrame(fn func(pts time.Duration)) {
	if fn == nil {
		c.frameHook.Store(nil)
		return
	}
	c.frameHook.Store(&fn)
}

// NewCanvas makes a canvas of the given size and frame rate. Sizes must be
// even (I420 chroma is per 2x2 block) and within 16..4096; fps within 1..120.
// It starts black, with a single layout and no sources.
func NewCanvas(size media.Size, fps int) (*Canvas, error) {
	for _, side := range []int{size.W, size.H} {
		if side%2 != 0 || side < minCanvasSide || side > maxCanvasSide {
			return nil, fmt.Errorf("%w: %dx%d (want even sides within %d..%d)",
				ErrBadSize, size.W, size.H, minCanvasSide, maxCanvasSide)
		}
	}
	if fps < 1 || fps > maxFPS {
		return nil, fmt.Errorf("%w: %d (want 1..%d)", ErrBadFPS, fps, maxFPS)
	}
	return &Canvas{
		Size:    size,
		FPS:     fps,
		sources: map[string]media.VideoSource{},
		views:   map[string]SourceView{},
		layout:  Layout{Kind: Single},
		conv420: map[string]*image.YCbCr{},
		pool:    media.NewFramePool(size, programFramesKept),
	}, nil
}

// AddSource registers (or replaces) a video source under id, so layouts can
// name it.
func (c *Canvas) AddSource(id string, src media.VideoSource) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sources[id] = src
}

// Has says whether a source is registered under id.
func (c *Canvas) Has(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.sources[id]
	return ok
}

// RemoveSource forgets a source; a layout still naming it shows black there
// until the layout changes.
func (c *Canvas) RemoveSource(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.sources, id)
	delete(c.views, id)
}

// SetView sets how source id is cropped and fitted, in every cell it fills.
func (c *Canvas) SetView(id string, v SourceView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.views[id] = v
}

// View returns the view of source id (the zero view: whole frame, letterbox).
func (c *Canvas) View(id string) SourceView {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.views[id]
}

// SetLayout changes what is on air. The layout must name sources this canvas
// has. A fade transition crossfades from the last program picture over its
// duration; a cut (or a fade before any frame was composed) is immediate.
func (c *Canvas) SetLayout(l Layout, t Transition) error {
	t, err := t.normalize()
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	err = l.Validate(func(id string) bool { _, ok := c.sources[id]; return ok })
	if err != nil {
		return fmt.Errorf("set layout: %w", err)
	}
	c.layout = l.clone()
	c.fade.stop()
	c.fade = newFade(t, c.last, c.FPS)
	return nil
}

// Layout returns the layout on air.
func (c *Canvas) Layout() Layout {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.layout.clone()
}
