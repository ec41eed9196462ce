package ui

import (
	"errors"
	"testing"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

// The engine is what the window drives: these fail to compile when the
// engine's commands and the panes' interfaces drift apart.
var (
	_ Program            = (*studio.Studio)(nil)
	_ Seller             = (*studio.Studio)(nil)
	_ DestinationAdder   = (*studio.Studio)(nil)
	_ DestinationChanger = (*studio.Studio)(nil)
	_ CanvasSwitcher     = (*studio.Studio)(nil)
	_ CommentPinner      = (*studio.Studio)(nil)
	_ Recorder           = (*studio.Studio)(nil)
	_ CanvasRecorder     = (*studio.Studio)(nil)
	_ DestinationSaver   = (*studio.SavedDestinations)(nil)
)

type mapCatalog map[string]show.Product

func (m mapCatalog) Product(ref string) (show.Product, error) {
	if p, ok := m[ref]; ok {
		return p, nil
	}
	return show.Product{}, errors.New("no such product")
}

func TestCueRundownFollowsTheCues(t *testing.T) {
	mug := show.Product{SKU: "MUG-BLU", Handle: "mug", Title: "Blue mug"}
	ket := show.Product{SKU: "KET-01", Handle: "kettle", Title: "Kettle"}
	c := mapCatalog{"MUG-BLU": mug, "mug": mug, "KET-01": ket}
	f := &show.File{Cues: []show.Cue{
		{At: "30s", Do: "pin", Product: "MUG-BLU"},
		{At: "5s", Do: "layout", Kind: "grid"},
		{At: "10s", Do: "pin", Product: "KET-01"},
		{At: "45s", Do: "flash_sale", Product: "mug"}, // the mug again, by handle
		{At: "50s", Do: "pin", Product: "NOPE"},
	}}
	got := NewCueRundown(f, c).Products()
	if len(got) != 2 || got[0].SKU != "KET-01" || got[1].SKU != "MUG-BLU" {
		t.Errorf("rundown %+v, want the kettle (10 s) then the mug (30 s)", got)
	}
}
