package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

// DestinationsPane lists where the show goes: a row per destination with
// its state chip, bit rate, drops, last error and a Go live / Stop button,
// Go live for all, and the recording's tally with its Stop recording /
// Start recording button (recording.go).
type DestinationsPane struct {
	Rows      []*DestinationRow
	GoLive    *widget.Button // every destination that is not on air
	StopAll   *widget.Button
	Rec       *Chip
	RecLabel  *widget.Label
	RecToggle *widget.Button // Stop recording / Start recording
	// RecTarget chooses the canvas RecToggle acts on, or all of them; nil
	// unless two canvases or more record (recording.go).
	RecTarget *widget.Select
	Box       fyne.CanvasObject

	// Add opens the editor for a new destination; hidden when the
	// engine cannot add one.
	Add *widget.Button

	eng   Outputs
	run   Commands
	rows  *fyne.Container
	empty *widget.Label // the word shown while there are no rows
	add   addContext
	saver DestinationSaver // nil: changes last for this run only
	rec   recordingRow
	// recButtons holds RecTarget, once there is one, and RecToggle.
	recButtons *fyne.Container

	mu      sync.Mutex
	unsaved map[string]bool // added here with the key in memory only
	saveMu  sync.Mutex      // one save at a time, each of the engine's latest
}

// DestinationRow is one destination.
type DestinationRow struct {
	ID      string
	Chip    *Chip
	Bitrate *widget.Label
	Dropped *widget.Label
	Error   *widget.Label
	// Canvas is the canvas it streams, shown when the show has several.
	Canvas *widget.Label
	Toggle *widget.Button // Go live or Stop, by state
	// Edit opens the editor, filled in; Remove asks, then removes. Both
	// hidden when the engine cannot change destinations.
	Edit, Remove *widget.Button
	state        output.State
	box          fyne.CanvasObject
}

// NewDestinationsPane builds a row per destination of eng; recordPath is
// where the show records ("" when it does not).
func NewDestinationsPane(eng Outputs, recordPath string, run Commands) *DestinationsPane {
	p := &DestinationsPane{eng: eng, run: run.orDefault()}
	p.rows = container.NewVBox()
	for _, st := range eng.Destinations() {
		p.addRow(st)
	}
	p.GoLive = widget.NewButton(tr("Go live everywhere"), p.GoLiveAll)
	p.GoLive.Importance = widget.DangerImportance
	p.StopAll = widget.NewButton(tr("Stop all"), p.StopEverything)
	p.Add = widget.NewButton(tr("Add destination…"), p.ShowAdd)
	if _, ok := eng.(DestinationAdder); !ok {
		p.Add.Hide()
	}
	p.updateAll()
	if len(p.Rows) == 0 {
		p.showEmpty()
	}
	p.Rec = newChip()
	p.RecLabel = widget.NewLabel("")
	p.RecLabel.Truncation = fyne.TextTruncateEllipsis
	if recordPath == "" {
		p.Rec.Set(string(output.Idle), tr("NO REC"))
		p.RecLabel.SetText(tr("This show does not record"))
	} else {
		p.Rec.Set(string(output.Idle), tr("REC"))
		p.RecLabel.SetText(recordPath)
	}
	p.newRecToggle(recordPath)
	head := container.NewBorder(nil, nil,
		widget.NewLabelWithStyle(tr("Destinations"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(p.Add, p.GoLive, p.StopAll))
	p.recButtons = container.NewHBox(p.RecToggle)
	rec := container.NewBorder(nil, nil, p.Rec.Box, p.recButtons, p.RecLabel)
	p.Box = container.NewVBox(head, p.rows, rec)
	return p
}

// addRow adds a destination's row below the others.
func (p *DestinationsPane) addRow(st output.Status) *DestinationRow {
	r := &DestinationRow{ID: st.Name, Chip: newChip(), Bitrate: widget.NewLabel("—"),
		Dropped: widget.NewLabel(""), Error: widget.NewLabel(""), Canvas: widget.NewLabel("")}
	r.Canvas.Hide()
	r.Error.Truncation = fyne.TextTruncateEllipsis
	r.Error.Importance = widget.DangerImportance
	r.Toggle = widget.NewButton(tr("Go live"), func() { p.toggle(r) })
	r.Edit = widget.NewButtonWithIcon(tr("Edit"), theme.DocumentCreateIcon(), func() { p.ShowEdit(r.ID) })
	r.Remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.AskRemove(r.ID) })
	if _, ok := p.eng.(DestinationChanger); !ok {
		r.Edit.Hide()
		r.Remove.Hide()
	}
	p.Rows = append(p.Rows, r)
	p.applyStatus(r, st)
	left := container.NewHBox(r.Chip.Box, widget.NewLabelWithStyle(st.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		r.Canvas, r.Bitrate, r.Dropped)
	r.box = container.NewBorder(nil, nil, left, container.NewHBox(r.Edit, r.Remove, r.Toggle), r.Error)
	p.rows.Add(r.box)
	return r
}

// ShowCanvases names, on each row, the canvas the destination streams, and
// lists every canvas's recordings, when the show has more than one canvas;
// with one there is nothing to tell apart and the rows stay as they are.
func (p *DestinationsPane) ShowCanvases(infos []studio.CanvasInfo) {
	if len(infos) < 2 {
		return
	}
	for _, c := range infos {
		for _, id := range c.Destinations {
			if r := p.Row(id); r != nil {
				r.showCanvas(c.ID)
			}
		}
	}
	p.showCanvasRecords(infos)
}

func onAir(s output.State) bool {
	return s == output.Live || s == output.Connecting || s == output.Reconnecting
}

func (p *DestinationsPane) toggle(r *DestinationRow) {
	if onAir(r.state) {
		p.run(func(ctx context.Context) error { return p.eng.StopDestination(ctx, r.ID) })
	} else {
		p.run(func(ctx context.Context) error { return p.eng.StartDestination(ctx, r.ID) })
	}
}

// GoLiveAll starts every destination that is not on air.
func (p *DestinationsPane) GoLiveAll() {
	for _, r := range p.Rows {
		if !onAir(r.state) {
			p.run(func(ctx context.Context) error { return p.eng.StartDestination(ctx, r.ID) })
		}
	}
}

// StopEverything stops every destination on air; the recording goes on.
func (p *DestinationsPane) StopEverything() {
	for _, r := range p.Rows {
		if onAir(r.state) {
			p.run(func(ctx context.Context) error { return p.eng.StopDestination(ctx, r.ID) })
		}
	}
}

// Row finds a destination's row.
func (p *DestinationsPane) Row(id string) *DestinationRow {
	for _, r := range p.Rows {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// ApplyState follows an output-state event.
func (p *DestinationsPane) ApplyState(id, state string, err error) {
	if id == "record" {
		p.applyRecord("", state, err)
		return
	}
	r := p.Row(id)
	if r == nil {
		return
	}
	p.applyStatus(r, output.Status{Name: id, State: output.State(state), Err: err})
}

// ApplyStats follows the periodic counters.
func (p *DestinationsPane) ApplyStats(dests []output.Status) {
	for _, st := range dests {
		if r := p.Row(st.Name); r != nil {
			p.applyStatus(r, st)
			p.applyCounters(r, st)
		}
	}
}

func (p *DestinationsPane) applyStatus(r *DestinationRow, st output.Status) {
	r.state = st.State
	r.Chip.Set(string(st.State), stateText(st.State))
	text := tr("Go live")
	if onAir(st.State) {
		text = tr("Stop")
	}
	if r.Toggle.Text != text {
		r.Toggle.SetText(text)
	}
	msg := ""
	if st.Err != nil {
		msg = oneLine(st.Err.Error())
		if st.State == output.Reconnecting && st.Retry > 0 {
			msg = tr("retry in {{.S}} s: ", map[string]any{"S": int(st.Retry.Seconds() + 0.5)}) + msg
		}
	}
	if r.Error.Text != msg {
		r.Error.SetText(msg)
	}
	p.updateAll()
}

// updateAll enables "Go live everywhere" while a destination is off air
// and "Stop all" while one is on air: with every destination live there
// is nothing left to go live on.
func (p *DestinationsPane) updateAll() {
	if p.GoLive == nil {
		return // building: NewDestinationsPane calls it once the buttons are there
	}
	off, on := false, false
	for _, r := range p.Rows {
		if onAir(r.state) {
			on = true
		} else {
			off = true
		}
	}
	for _, b := range []struct {
		btn *widget.Button
		on  bool
	}{{p.GoLive, off}, {p.StopAll, on}} {
		if b.on && b.btn.Disabled() {
			b.btn.Enable()
		} else if !b.on && !b.btn.Disabled() {
			b.btn.Disable()
		}
	}
}

func (p *DestinationsPane) applyCounters(r *DestinationRow, st output.Status) {
	kbps := "—"
	if onAir(st.State) && st.BitrateKbps > 0 {
		kbps = fmt.Sprintf("%d kbps", st.BitrateKbps)
	}
	if st.RTT > 0 {
		kbps += fmt.Sprintf(" · RTT %d ms", st.RTT.Milliseconds())
	}
	if r.Bitrate.Text != kbps {
		r.Bitrate.SetText(kbps)
	}
	drop := ""
	if st.Dropped > 0 {
		drop = tr("dropped {{.N}}", map[string]any{"N": st.Dropped})
	}
	if r.Dropped.Text != drop {
		r.Dropped.SetText(drop)
	}
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "; ") }
