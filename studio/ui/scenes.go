package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio/show"
)

// Layout kinds, as show files and the engine name them.
const (
	LayoutSingle     = "single"
	LayoutPiP        = "pip"
	LayoutSideBySide = "side-by-side"
	LayoutGrid       = "grid"
)

var layoutKinds = []string{LayoutSingle, LayoutPiP, LayoutSideBySide, LayoutGrid}

// ScenePane is the scene bar: a button per video source that cuts to it,
// the four layouts, and cut or fade.
type ScenePane struct {
	Sources []*widget.Button // one per video source, in show order
	Layouts map[string]*widget.Button
	Fade    *widget.Check
	Box     fyne.CanvasObject

	eng     Switcher
	ids     []string
	base    show.Layout // the show file's layout: pip corner and scale
	kind    string      // the layout on air
	current []string    // its sources, main first
	run     Commands

	// With several canvases: which one the bar acts on (Target; "" is
	// every canvas) and what each has on air. See scene_canvases.go.
	Target     *widget.Select
	target     string
	canvases   []canvasOnAir
	layoutsRow *fyne.Container
}

// NewScenePane builds the scene bar; initial is the show's starting layout
// (the engine has no query for the current one).
func NewScenePane(eng Switcher, initial show.Layout, run Commands) *ScenePane {
	p := &ScenePane{eng: eng, base: initial, kind: initial.Kind, current: initial.IDs(),
		Layouts: map[string]*widget.Button{}, run: run.orDefault()}
	row := container.NewHBox()
	for _, s := range eng.Sources() {
		if !s.Video {
			continue
		}
		id, n := s.ID, len(p.ids)+1
		p.ids = append(p.ids, id)
		b := widget.NewButton(fmt.Sprintf("%d  %s", n, strings.ToUpper(id)), func() { p.Cut(id) })
		p.Sources = append(p.Sources, b)
		row.Add(b)
	}
	p.Fade = widget.NewCheck(tr("Fade"), nil)
	layouts := container.NewHBox()
	p.layoutsRow = layouts
	names := map[string]string{LayoutSingle: tr("Single"), LayoutPiP: tr("Picture in picture"),
		LayoutSideBySide: tr("Side by side"), LayoutGrid: tr("2×2")}
	for _, k := range layoutKinds {
		b := widget.NewButton(names[k], func() { p.SetLayout(k) })
		p.Layouts[k] = b
		layouts.Add(b)
	}
	if len(p.ids) < 2 {
		p.Layouts[LayoutPiP].Disable()
		p.Layouts[LayoutSideBySide].Disable()
	}
	p.Box = container.NewVBox(
		container.NewHBox(widget.NewLabelWithStyle(tr("Scenes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), row),
		container.NewHBox(widget.NewLabelWithStyle(tr("Layout"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), layouts, p.Fade),
	)
	p.highlight()
	return p
}

func (p *ScenePane) transition() string {
	if p.Fade.Checked {
		return "fade"
	}
	return "cut"
}

// Cut puts source id in the main place.
func (p *ScenePane) Cut(id string) { p.cutWith(id, p.transition()) }

func (p *ScenePane) cutWith(id, how string) {
	if cs, ok := p.eng.(CanvasSwitcher); ok && p.target != "" {
		target := p.target
		p.run(func(ctx context.Context) error { return cs.SetCanvasMain(ctx, target, id, how) })
		return
	}
	p.run(func(ctx context.Context) error { return p.eng.SetMain(ctx, id, how) })
}

// CutTo cuts to the n-th video source (1-based), as the number keys do.
func (p *ScenePane) CutTo(n int) {
	if n >= 1 && n <= len(p.ids) {
		p.Cut(p.ids[n-1])
	}
}

// SetLayout switches to a layout kind, keeping the source on air as main
// and filling the other places with the next sources in show order.
func (p *ScenePane) SetLayout(kind string) {
	l := p.layoutFor(kind)
	if l.Kind == "" {
		return
	}
	how := p.transition()
	if cs, ok := p.eng.(CanvasSwitcher); ok && p.target != "" {
		target := p.target
		p.run(func(ctx context.Context) error { return cs.SetCanvasLayout(ctx, target, l, how) })
		return
	}
	p.run(func(ctx context.Context) error { return p.eng.SetLayout(ctx, l, how) })
}

func (p *ScenePane) layoutFor(kind string) show.Layout {
	main := ""
	if len(p.current) > 0 {
		main = p.current[0]
	} else if len(p.ids) > 0 {
		main = p.ids[0]
	}
	if main == "" {
		return show.Layout{}
	}
	order := []string{main}
	for _, id := range append(append([]string{}, p.current...), p.ids...) {
		if !slices.Contains(order, id) && slices.Contains(p.ids, id) {
			order = append(order, id)
		}
	}
	switch kind {
	case LayoutSingle:
		return show.Layout{Kind: kind, Main: main}
	case LayoutPiP:
		if len(order) < 2 {
			return show.Layout{}
		}
		l := show.Layout{Kind: kind, Main: main, Inset: order[1], Corner: "bottom-right"}
		if p.base.Kind == LayoutPiP {
			l.Corner, l.Scale = p.base.Corner, p.base.Scale
		}
		return l
	case LayoutSideBySide, LayoutStack:
		if len(order) < 2 {
			return show.Layout{}
		}
		return show.Layout{Kind: kind, Main: main, Second: order[1]}
	case LayoutRail:
		return show.Layout{Kind: kind, Main: main}
	case LayoutGrid:
		return show.Layout{Kind: kind, Sources: order[:min(4, len(order))]}
	}
	return show.Layout{}
}

// Apply follows a layout event: Subject is the kind, State the sources as
// the engine prints them ("[wide closeup]").
func (p *ScenePane) Apply(kind, state string) {
	p.kind = kind
	p.current = sourcesOf(state)
	p.highlight()
}

// sourcesOf reads the sources of a layout event as the engine prints them
// ("[wide closeup]"), main first.
func sourcesOf(state string) []string { return strings.Fields(strings.Trim(state, "[]")) }

// OnAir is the layout kind and the sources on air, main first.
func (p *ScenePane) OnAir() (string, []string) { return p.kind, p.current }

func (p *ScenePane) highlight() {
	main := ""
	if len(p.current) > 0 {
		main = p.current[0]
	}
	for i, b := range p.Sources {
		setImportance(b, p.ids[i] == main)
	}
	for k, b := range p.Layouts {
		setImportance(b, k == p.kind)
	}
}

func setImportance(b *widget.Button, on bool) {
	want := widget.MediumImportance
	if on {
		want = widget.HighImportance
	}
	if b.Importance != want {
		b.Importance = want
		b.Refresh()
	}
}
