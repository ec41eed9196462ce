package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
)

func TestLayoutButtonsSendSetLayout(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	cases := []struct{ button, want string }{
		{LayoutSideBySide, "SetLayout side-by-side [wide closeup] cut"},
		{LayoutGrid, "SetLayout grid [wide closeup clip] cut"},
		{LayoutSingle, "SetLayout single [wide] cut"},
		{LayoutPiP, "SetLayout pip [wide closeup] cut"},
	}
	for _, c := range cases {
		test.Tap(w.Scenes.Layouts[c.button])
		if got := eng.next(t); got != c.want {
			t.Errorf("tapping %s: engine got %q, want %q", c.button, got, c.want)
		}
	}
	// With Fade ticked the same tap crossfades.
	test.Tap(w.Scenes.Fade)
	test.Tap(w.Scenes.Layouts[LayoutGrid])
	if got := eng.next(t); got != "SetLayout grid [wide closeup clip] fade" {
		t.Errorf("grid with fade: engine got %q", got)
	}
	eng.none(t)
}

func TestSceneButtonCutsToItsSource(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	if len(w.Scenes.Sources) != 3 {
		t.Fatalf("%d scene buttons, want one per video source (3)", len(w.Scenes.Sources))
	}
	test.Tap(w.Scenes.Sources[1])
	if got := eng.next(t); got != "SetMain closeup cut" {
		t.Errorf("engine got %q", got)
	}
}

// The scene bar follows the engine: the layout and main source on air are
// highlighted, and the next layout keeps the source on air as main.
func TestLayoutEventMovesTheHighlight(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	if w.Scenes.Layouts[LayoutPiP].Importance != widget.HighImportance {
		t.Fatal("the show's starting layout (pip) is not highlighted")
	}
	w.Apply(studio.Event{Kind: studio.EventLayout, Subject: "grid", State: "[clip wide closeup]"})
	if w.Scenes.Layouts[LayoutGrid].Importance != widget.HighImportance || w.Scenes.Layouts[LayoutPiP].Importance == widget.HighImportance {
		t.Error("after a grid event, grid should be the highlighted layout")
	}
	if w.Scenes.Sources[2].Importance != widget.HighImportance || w.Scenes.Sources[0].Importance == widget.HighImportance {
		t.Error("clip is main now and should be the highlighted source")
	}
	test.Tap(w.Scenes.Layouts[LayoutPiP])
	if got := eng.next(t); got != "SetLayout pip [clip wide] cut" {
		t.Errorf("pip after clip went main: engine got %q", got)
	}
}
