package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// newCanvasChoice is the choice the scene bar and the recording row put
// before their buttons in a show of several canvases: "All canvases", or
// one canvas by its id in capitals. changed gets the chosen canvas's id,
// "" for all; it runs once at once, with "".
func newCanvasChoice(ids []string, changed func(id string)) *widget.Select {
	all := tr("All canvases")
	options := []string{all}
	for _, id := range ids {
		options = append(options, strings.ToUpper(id))
	}
	sel := widget.NewSelect(options, func(s string) {
		chosen := ""
		for _, id := range ids {
			if strings.ToUpper(id) == s {
				chosen = id
			}
		}
		changed(chosen)
	})
	sel.SetSelected(all)
	return sel
}

// selectCanvas points a canvas choice at one canvas by id, or at every
// canvas with ""; nil (a show of one canvas) has none to point.
func selectCanvas(sel *widget.Select, id string) {
	if sel == nil {
		return
	}
	if id == "" {
		sel.SetSelectedIndex(0)
		return
	}
	sel.SetSelected(strings.ToUpper(id))
}
