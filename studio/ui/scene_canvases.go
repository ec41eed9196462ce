package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Layouts of a vertical canvas: the two sources one above the other, and
// one source with a band at the bottom for the product card.
const (
	LayoutStack = "stack"
	LayoutRail  = "rail"
)

// CanvasSwitcher is what the scene bar uses in a show of several canvases
// to cut or change the layout of one canvas only; *studio.Studio has it.
type CanvasSwitcher interface {
	SetCanvasLayout(ctx context.Context, canvas string, l show.Layout, transition string) error
	SetCanvasMain(ctx context.Context, canvas, id, transition string) error
}

// canvasOnAir is one canvas as the scene bar knows it.
type canvasOnAir struct {
	id       string
	vertical bool
	kind     string
	current  []string
}

// useCanvases gives the scene bar a choice of canvas when the show has
// several and the engine can switch them one at a time: every canvas (as
// with one), or one of them, whose layout the buttons then show and change.
// A vertical canvas gets Stack and Rail as well.
func (p *ScenePane) useCanvases(infos []studio.CanvasInfo) {
	if _, ok := p.eng.(CanvasSwitcher); !ok || len(infos) < 2 {
		return
	}
	var ids []string
	for i, c := range infos {
		on := canvasOnAir{id: c.ID, vertical: c.Size.H > c.Size.W, kind: c.Layout}
		if i == 0 {
			on.kind, on.current = p.kind, p.current
		}
		p.canvases = append(p.canvases, on)
		ids = append(ids, c.ID)
	}
	names := map[string]string{LayoutStack: tr("Stack"), LayoutRail: tr("Rail")}
	for _, k := range []string{LayoutStack, LayoutRail} {
		b := widget.NewButton(names[k], func() { p.SetLayout(k) })
		b.Hide()
		p.Layouts[k] = b
		p.layoutsRow.Add(b)
	}
	if len(p.ids) < 2 {
		p.Layouts[LayoutStack].Disable()
	}
	p.Target = newCanvasChoice(ids, func(id string) {
		p.target = id
		p.showTarget()
	})
	p.layoutsRow.Objects = append([]fyne.CanvasObject{p.Target}, p.layoutsRow.Objects...)
	p.layoutsRow.Refresh()
}

// SelectCanvas points the bar at one canvas by id, or at every canvas
// with "".
func (p *ScenePane) SelectCanvas(id string) { selectCanvas(p.Target, id) }

// shown is the canvas whose layout the buttons light: the target, or the
// first canvas when the bar acts on all.
func (p *ScenePane) shown() *canvasOnAir {
	for i := range p.canvases {
		if p.canvases[i].id == p.target {
			return &p.canvases[i]
		}
	}
	return &p.canvases[0]
}

func (p *ScenePane) showTarget() {
	c := p.shown()
	vertical := p.target != "" && c.vertical
	for _, k := range []string{LayoutStack, LayoutRail} {
		if vertical {
			p.Layouts[k].Show()
		} else {
			p.Layouts[k].Hide()
		}
	}
	p.kind, p.current = c.kind, c.current
	p.highlight()
}

// ApplyCanvas follows a layout event of one canvas.
func (p *ScenePane) ApplyCanvas(canvas, kind, state string) {
	if len(p.canvases) == 0 {
		p.Apply(kind, state)
		return
	}
	for i := range p.canvases {
		c := &p.canvases[i]
		if c.id == canvas {
			c.kind, c.current = kind, sourcesOf(state)
		}
	}
	if p.shown().id == canvas {
		p.showTarget()
	}
}
