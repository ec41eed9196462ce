package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/service"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Editing and removing destinations, and keeping them for the show's next
// run (DestinationSaver).

// EditorFor builds the editor for destination id, filled in as the engine
// has it; nil when the engine cannot edit destinations or has no such one.
// The name stays as it is, and the stored key is never shown: a key typed
// replaces it, an empty one keeps it.
func (p *DestinationsPane) EditorFor(id string) *DestinationEditor {
	ch, ok := p.eng.(DestinationChanger)
	if !ok {
		return nil
	}
	for _, d := range ch.DestinationSettings() {
		if d.ID == id {
			return p.newEditor(&d)
		}
	}
	return nil
}

// ShowEdit opens the editor for destination id.
func (p *DestinationsPane) ShowEdit(id string) {
	if e := p.EditorFor(id); e != nil {
		e.Show()
	}
}

// prefill shows d in the editor: its preset ("custom" for a show file's
// destination without one), its URL and canvas; the name cannot change.
func (e *DestinationEditor) prefill(d show.Destination) {
	preset := d.Service
	if _, err := service.Lookup(preset); err != nil {
		preset = "custom"
	}
	e.ID.SetText(d.ID)
	e.ID.Disable()
	e.Preset.SetSelected(preset)
	e.auto = false
	e.URL.SetText(d.URL)
	if e.Canvas != nil && d.Canvas != "" {
		e.Canvas.SetSelected(d.Canvas)
	}
	e.Key.SetPlaceHolder(tr("leave empty to keep the current key"))
}

// RemoveDialog asks before a destination is removed.
type RemoveDialog struct {
	Remove, Cancel *widget.Button
	dlg            dialog.Dialog
}

// AskRemove asks whether to remove destination id, stopping it if it is on
// air; nil without a window.
func (p *DestinationsPane) AskRemove(id string) *RemoveDialog {
	w := p.window()
	if w == nil {
		return nil
	}
	d := &RemoveDialog{}
	msg := tr("Remove {{.ID}}? It stops if it is live, and the next run of this show will not have it.", map[string]any{"ID": id})
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	d.Cancel = widget.NewButton(tr("Cancel"), func() { d.dlg.Hide() })
	d.Remove = widget.NewButton(tr("Remove"), func() { d.dlg.Hide(); p.Remove(id) })
	d.Remove.Importance = widget.DangerImportance
	body := container.NewBorder(nil, container.NewCenter(container.NewHBox(d.Cancel, d.Remove)), nil, nil, label)
	d.dlg = dialog.NewCustomWithoutButtons(tr("Remove destination"), body, w)
	d.dlg.Resize(fyne.NewSize(420, 0))
	d.dlg.Show()
	return d
}

// Remove takes destination id out of the show, and out of its next run.
func (p *DestinationsPane) Remove(id string) {
	ch, ok := p.eng.(DestinationChanger)
	if !ok {
		return
	}
	p.run(func(ctx context.Context) error {
		if err := ch.RemoveDestination(ctx, id); err != nil {
			return err
		}
		saveErr := p.save()
		fyne.Do(func() { p.removed(id) })
		if saveErr != nil {
			return fmt.Errorf("%s: %w", tr("Saved for this show only: the next run will not have it"), saveErr)
		}
		return nil
	})
}

// save keeps the engine's destinations for the show's next run, leaving out
// the ones added here whose key is in memory only.
func (p *DestinationsPane) save() error {
	ch, ok := p.eng.(DestinationChanger)
	if p.saver == nil || !ok {
		return nil
	}
	p.saveMu.Lock() // two quick changes: the later state is the one kept
	defer p.saveMu.Unlock()
	now := ch.DestinationSettings()
	p.mu.Lock()
	now = slices.DeleteFunc(now, func(d show.Destination) bool { return p.unsaved[d.ID] })
	p.mu.Unlock()
	return p.saver.Save(now)
}

func (p *DestinationsPane) memoryOnly(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.unsaved == nil {
		p.unsaved = map[string]bool{}
	}
	p.unsaved[id] = true
}

// added shows a new destination's row, off air.
func (p *DestinationsPane) added(d show.Destination) {
	if p.Row(d.ID) != nil {
		return
	}
	if p.empty != nil {
		p.rows.Remove(p.empty)
		p.empty = nil
	}
	r := p.addRow(output.Status{Name: d.ID, State: output.Idle})
	p.showCanvas(r, d.Canvas)
	p.updateAll()
}

// updated follows an edit: the row keeps its place; its canvas may change.
func (p *DestinationsPane) updated(id string, d show.Destination) {
	if r := p.Row(id); r != nil {
		p.showCanvas(r, d.Canvas)
	}
}

func (p *DestinationsPane) showCanvas(r *DestinationRow, canvas string) {
	if len(p.add.canvases) < 2 {
		return
	}
	if canvas == "" {
		canvas = p.add.canvases[0].ID
	}
	r.showCanvas(canvas)
}

// showCanvas names, on the row, the canvas the destination streams.
func (r *DestinationRow) showCanvas(canvas string) {
	r.Canvas.SetText("→ " + strings.ToUpper(canvas))
	r.Canvas.Show()
}

// removed takes a destination's row away.
func (p *DestinationsPane) removed(id string) {
	i := slices.IndexFunc(p.Rows, func(r *DestinationRow) bool { return r.ID == id })
	if i < 0 {
		return
	}
	p.rows.Remove(p.Rows[i].box)
	p.Rows = slices.Delete(p.Rows, i, i+1)
	p.updateAll()
	if len(p.Rows) == 0 {
		p.showEmpty()
	}
}

// showEmpty says the show has no destinations, with nothing to go live or
// stop.
func (p *DestinationsPane) showEmpty() {
	p.GoLive.Disable()
	p.StopAll.Disable()
	p.empty = widget.NewLabel(tr("No destinations in this show: add [[destination]] to the show file."))
	p.rows.Add(p.empty)
}

// ApplyDestination follows an EventDestination: a destination added,
// edited or removed by another part of the studio (the control API).
func (p *DestinationsPane) ApplyDestination(id, change, canvas string) {
	switch change {
	case "added":
		p.added(show.Destination{ID: id, Canvas: canvas})
	case "updated":
		p.updated(id, show.Destination{ID: id, Canvas: canvas})
	case "removed":
		p.removed(id)
	}
}
