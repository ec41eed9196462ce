package ui

import (
	"fmt"
	"image/color"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/media"
)

// Canvaser is what the preview area uses when a show has more than one
// program canvas (a horizontal and a vertical picture): the canvases, and a
// preview of each.
type Canvaser interface {
	Canvases() []studio.CanvasInfo
	PreviewCanvas(id string, size media.Size, fps int) (<-chan *media.Frame, func(), error)
}

// canvasPreview is the Previewer of one canvas, so a PreviewPane shows it.
// An unknown canvas is logged and previews black rather than stopping the
// window.
type canvasPreview struct {
	eng Canvaser
	id  string
	log *slog.Logger
}

func (c canvasPreview) Preview(size media.Size, fps int) (<-chan *media.Frame, func()) {
	ch, stop, err := c.eng.PreviewCanvas(c.id, size, fps)
	if err != nil {
		c.log.Warn("canvas preview", "canvas", c.id, "err", err)
		return nil, func() {}
	}
	return ch, stop
}

// previewSizeFor is the preview size of a canvas of size when the window
// shows several side by side: the height of the single preview (360), the
// canvas's aspect, even sides (I420). 1280x720 gives 640x360 and 720x1280
// 202x360.
func previewSizeFor(size, single media.Size) media.Size {
	if size.W <= 0 || size.H <= 0 {
		return single
	}
	h := single.H
	w := int(float64(size.W)*float64(h)/float64(size.H)+0.5) &^ 1
	return media.Size{W: max(w, 2), H: h}
}

// CanvasPreview is one canvas's preview as the window shows it when there
// are several: the pane and, above it, the canvas's id and layout.
type CanvasPreview struct {
	ID    string
	Pane  *PreviewPane
	Label *widget.Label
	size  media.Size // the canvas's own size
}

func (c *CanvasPreview) setLayout(kind string) {
	text := fmt.Sprintf("%s  %d×%d", strings.ToUpper(c.ID), c.size.W, c.size.H)
	if kind != "" {
		text += "  · " + kind
	}
	if c.Label.Text != text {
		c.Label.SetText(text)
	}
}

// newCanvasPreviews builds a preview per canvas; nil when the show has one
// canvas (or the engine lists none), which the window previews as always.
func newCanvasPreviews(eng Canvaser, infos []studio.CanvasInfo, single media.Size, log *slog.Logger) []*CanvasPreview {
	if len(infos) < 2 {
		return nil
	}
	out := make([]*CanvasPreview, 0, len(infos))
	for _, ci := range infos {
		c := &CanvasPreview{ID: ci.ID, size: ci.Size,
			Pane:  NewPreviewPane(canvasPreview{eng, ci.ID, log}, previewSizeFor(ci.Size, single)),
			Label: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
		c.setLayout(ci.Layout)
		out = append(out, c)
	}
	return out
}

// previewArea is the preview's place in the window: the one picture, or
// the canvases side by side, each scaled to fit with its own aspect.
func previewArea(single *PreviewPane, many []*CanvasPreview) fyne.CanvasObject {
	if len(many) == 0 {
		return container.NewStack(canvas.NewRectangle(color.Black), single.Image)
	}
	row := &canvasRow{}
	cells := make([]fyne.CanvasObject, len(many))
	for i, c := range many {
		// The min size keeps the area usable; the layout scales the
		// pictures up to the space there is.
		c.Pane.Image.SetMinSize(fyne.NewSize(float32(c.Pane.size.W)/2, float32(c.Pane.size.H)/2))
		row.aspects = append(row.aspects, float32(c.Pane.size.W)/float32(c.Pane.size.H))
		cells[i] = container.NewBorder(c.Label, nil, nil, nil, c.Pane.Image)
		row.label = max(row.label, c.Label.MinSize().Height)
	}
	return container.NewStack(canvas.NewRectangle(color.Black), container.New(row, cells...))
}

// canvasRow lays pictures of the given aspects side by side at one height,
// as large as fits, centred; each cell has a label of height label on top.
type canvasRow struct {
	aspects []float32
	label   float32
}

const canvasGap = 8

func (r *canvasRow) picture(size fyne.Size) float32 {
	var sum float32
	for _, a := range r.aspects {
		sum += a
	}
	gaps := float32(canvasGap * max(len(r.aspects)-1, 0))
	return max(min(size.Height-r.label, (size.Width-gaps)/sum), 0)
}

func (r *canvasRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := r.picture(size)
	total := float32(canvasGap * max(len(objs)-1, 0))
	for i := range objs {
		total += r.aspects[i] * h
	}
	x := (size.Width - total) / 2
	y := (size.Height - h - r.label) / 2
	for i, o := range objs {
		w := r.aspects[i] * h
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h+r.label))
		x += w + canvasGap
	}
}

func (r *canvasRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		if i > 0 {
			w += canvasGap
		}
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}
