package compositor

import (
	"image"
	"slices"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// cellSnap is what Compose needs to draw one cell, copied out under the lock.
type cellSnap struct {
	rect image.Rectangle
	id   string
	src  media.VideoSource // nil: an empty cell or a source since removed
	view SourceView
}

// Compose makes one program frame. Each cell shows its source's latest
// frame (black when the source has none yet), the visible layers go on top
// in z order, and a running fade blends in the frozen previous picture.
//
// The frame comes with one reference, the caller's, and is never written
// while anyone holds it: the encoder and a preview may keep it as long as
// they like. Releasing it (media.Frame.Release) lets a later Compose reuse
// its buffer; a caller that does not simply leaves it to the collector.
func (c *Canvas) Compose(pts time.Duration) *media.Frame {
	c.composeMu.Lock()
	defer c.composeMu.Unlock()

	if h := c.frameHook.Load(); h != nil {
		(*h)(pts) // overlays animate and count down on the frame's own time
	}
	from, alpha, seq := c.snapshot()
	// A recycled frame holds an old picture: the cells below tile the
	// whole canvas and each paints every pixel of its own, or black.
	f := c.pool.Get()
	img := f.Img
	if len(c.cells) == 0 {
		fillRect(img, img.Rect, blackY, blackC, blackC)
	}
	for _, cell := range c.cells {
		c.drawCell(img, cell)
	}
	for _, l := range c.laySnap {
		c.blendedPixels.Add(int64(l.blend(img)))
	}
	if from != nil {
		crossfade(img, from.Img, alpha)
		from.Release()
	}
	f.PTS, f.Seq = pts, seq

	c.mu.Lock()
	old := c.last
	c.last = f.Retain()
	c.mu.Unlock()
	old.Release()
	return f
}

// snapshot copies the state one frame needs into Compose's own scratch, and
// advances the fade and the sequence number.
func (c *Canvas) snapshot() (from *media.Frame, alpha int, seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cells = c.cells[:0]
	for i, r := range c.layout.Rects(c.Size) {
		cell := cellSnap{rect: r}
		if i < len(c.layout.Sources) {
			cell.id = c.layout.Sources[i]
			cell.src = c.sources[cell.id]
			cell.view = c.views[cell.id]
		}
		c.cells = append(c.cells, cell)
	}
	c.laySnap = c.laySnap[:0]
	for _, l := range c.layers {
		if s, ok := l.snap(); ok {
			c.laySnap = append(c.laySnap, s)
		}
	}
	slices.SortStableFunc(c.laySnap, func(a, b layerSnap) int {
		if a.z != b.z {
			return a.z - b.z
		}
		return a.order - b.order
	})
	from, alpha = c.fade.next()
	seq = c.seq
	c.seq++
	return from, alpha, seq
}

// drawCell scales the cell's source into it, with letterbox bars as needed.
func (c *Canvas) drawCell(dst *image.YCbCr, cell cellSnap) {
	var f *media.Frame
	if cell.src != nil {
		f = cell.src.LatestFrame()
		defer f.Release() // the source may reuse it once it is scaled
	}
	if f == nil || f.Img == nil {
		fillRect(dst, cell.rect, blackY, blackC, blackC)
		return
	}
	src := f.Img
	if src.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		scratch := c.conv420[cell.id]
		src = to420(src, &scratch)
		c.conv420[cell.id] = scratch
	}
	from, to, ok := place(src.Rect, cell.view, cell.rect)
	if !ok {
		fillRect(dst, cell.rect, blackY, blackC, blackC)
		return
	}
	fillBars(dst, cell.rect, to)
	sy, scb, scr := yuvPlanes(src, from)
	dy, dcb, dcr := yuvPlanes(dst, to)
	c.scale.scalePlane(dy, sy)
	c.scale.scalePlane(dcb, scb)
	c.scale.scalePlane(dcr, scr)
}
