package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

func (f *fakeEngine) SetCanvasLayout(_ context.Context, canvas string, l show.Layout, tr string) error {
	return f.record("SetCanvasLayout %s %s %v %s", canvas, l.Kind, l.IDs(), tr)
}

func (f *fakeEngine) SetCanvasMain(_ context.Context, canvas, id, tr string) error {
	return f.record("SetCanvasMain %s %s %s", canvas, id, tr)
}

// With two canvases the scene bar acts on the one chosen: a layout button
// for the vertical canvas reaches the engine for that canvas only, and the
// vertical canvas has Stack and Rail besides the four.
func TestLayoutButtonsActOnTheChosenCanvas(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	w, _ := newTestWindow(t, eng, Options{})
	sc := w.Scenes
	if sc.Target == nil || sc.Target.Selected != "All canvases" {
		t.Fatalf("no canvas choice with two canvases, or not all at first: %+v", sc.Target)
	}
	if !sc.Layouts[LayoutStack].Hidden || !sc.Layouts[LayoutRail].Hidden {
		t.Error("Stack and Rail shown while the bar acts on every canvas")
	}
	test.Tap(sc.Layouts[LayoutSingle])
	if got := eng.next(t); got != "SetLayout single [wide] cut" {
		t.Errorf("all canvases, single: engine got %q", got)
	}

	sc.Target.SetSelected("VERTICAL")
	if sc.Layouts[LayoutStack].Hidden || sc.Layouts[LayoutRail].Hidden {
		t.Fatal("Stack and Rail hidden for the vertical canvas")
	}
	for _, c := range []struct{ button, want string }{
		{LayoutSingle, "SetCanvasLayout vertical single [wide] cut"},
		{LayoutStack, "SetCanvasLayout vertical stack [wide closeup] cut"},
		{LayoutRail, "SetCanvasLayout vertical rail [wide] cut"},
	} {
		test.Tap(sc.Layouts[c.button])
		if got := eng.next(t); got != c.want {
			t.Errorf("vertical, %s: engine got %q, want %q", c.button, got, c.want)
		}
	}
	// The shortcut and a cut act on it too.
	w.Shortcuts()[8].Run() // Ctrl+1: single
	if got := eng.next(t); got != "SetCanvasLayout vertical single [wide] cut" {
		t.Errorf("Ctrl+1 on the vertical canvas: engine got %q", got)
	}
	test.Tap(sc.Sources[1])
	if got := eng.next(t); got != "SetCanvasMain vertical closeup cut" {
		t.Errorf("cut on the vertical canvas: engine got %q", got)
	}
	eng.none(t)

	// The buttons light what the chosen canvas has on air, not the other.
	w.Apply(studio.Event{Kind: studio.EventLayout, Canvas: "horizontal", Subject: "grid", State: "[wide closeup clip]"})
	w.Apply(studio.Event{Kind: studio.EventLayout, Canvas: "vertical", Subject: "stack", State: "[closeup wide]"})
	if sc.Layouts[LayoutStack].Importance != widget.HighImportance || sc.Layouts[LayoutGrid].Importance == widget.HighImportance {
		t.Error("the vertical canvas is chosen, but its stack is not lit (or the horizontal grid is)")
	}
	sc.SelectCanvas("horizontal")
	if !sc.Layouts[LayoutStack].Hidden || sc.Layouts[LayoutGrid].Importance != widget.HighImportance {
		t.Error("horizontal chosen: Stack still shown, or its grid not lit")
	}
	test.Tap(sc.Layouts[LayoutPiP])
	if got := eng.next(t); got != "SetCanvasLayout horizontal pip [wide closeup] cut" {
		t.Errorf("horizontal, pip: engine got %q", got)
	}
}
