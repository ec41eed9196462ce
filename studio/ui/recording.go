package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

// The recording row of the destinations panel: its tally chip (● REC while
// the program goes to the file, REC STOPPED while the host has stopped it,
// REC FAILED), the file it writes, and a Stop recording / Start recording
// button (Ctrl+R) for an engine that is a Recorder. A recording stopped and
// started again goes on in a new file next to the first (show-2.mkv), and
// the row names the new one.
//
// In a show of several canvases that record, the row names each canvas's
// file, or REC STOPPED / REC FAILED for a canvas that does not record now,
// and the chip shows ● REC while any canvas records. With an engine that
// is a CanvasRecorder a choice next to the button, as in the scene bar,
// points it at every canvas ("All canvases") or at one.

// CanvasRecorder stops and starts one canvas's recording only (canvas ""
// is every canvas); *studio.Studio is one. Without it the button acts on
// every canvas.
type CanvasRecorder interface {
	SetRecording(ctx context.Context, canvas string, on bool) error
}

// recordingRow is the pane's recording state; it changes on the UI
// goroutine only.
type recordingRow struct {
	on     bool              // a file is being written (or will be, once the show starts): any canvas's
	ended  bool              // the show has ended: nothing to toggle
	paths  map[string]string // the file each canvas writes now, by canvas
	canvas []string          // the canvases that record, in order; empty with one canvas
	states map[string]string // with several: each canvas's recording, stopped or failed
	target string            // the canvas the button acts on; "" every canvas
}

// newRecToggle makes the Stop recording / Start recording button, hidden
// when the show does not record or the engine cannot toggle it.
func (p *DestinationsPane) newRecToggle(recordPath string) {
	p.rec.on = recordPath != ""
	p.RecToggle = widget.NewButton(tr("Stop recording"), p.ToggleRecording)
	if _, ok := p.eng.(Recorder); !ok || recordPath == "" {
		p.RecToggle.Hide()
	}
}

// ToggleRecording stops the recording, or starts a new file: every
// canvas's, or the chosen canvas's only.
func (p *DestinationsPane) ToggleRecording() {
	rec, ok := p.eng.(Recorder)
	if !ok || !p.RecToggle.Visible() || p.RecToggle.Disabled() {
		return
	}
	on := p.recording()
	if cr, ok := p.eng.(CanvasRecorder); ok && p.rec.target != "" {
		id := p.rec.target
		p.run(func(ctx context.Context) error { return cr.SetRecording(ctx, id, !on) })
		return
	}
	if on {
		p.run(rec.StopRecording)
	} else {
		p.run(rec.StartRecording)
	}
}

// recording says whether what the button acts on records now: the chosen
// canvas, or any canvas.
func (p *DestinationsPane) recording() bool {
	if p.rec.target != "" {
		return p.rec.states[p.rec.target] == "recording"
	}
	return p.rec.on
}

// ApplyOutput follows an output-state event: a destination's, or the
// recording's, with the file it writes.
func (p *DestinationsPane) ApplyOutput(ev studio.Event) {
	if ev.Subject != "record" {
		p.ApplyState(ev.Subject, ev.State, ev.Err)
		return
	}
	if ev.Path != "" && ev.State != "failed" && len(p.rec.canvas) > 1 {
		p.rec.paths[ev.Canvas] = ev.Path
	}
	p.applyRecord(ev.Canvas, ev.State, ev.Err)
	if ev.Path != "" && ev.State != "failed" && len(p.rec.canvas) < 2 {
		p.RecLabel.SetText(ev.Path)
	}
}

// ApplyRecording follows the show: "recording" once it runs, "stopped" at
// its end; and "failed" with the reason.
func (p *DestinationsPane) ApplyRecording(state string, err error) {
	if state == "stopped" { // the show has ended
		p.rec.ended = true
		p.RecToggle.Disable()
		if p.RecTarget != nil {
			p.RecTarget.Disable()
		}
	}
	p.applyRecord("", state, err)
}

// applyRecord follows one canvas's recording ("" every canvas's).
func (p *DestinationsPane) applyRecord(canvas, state string, err error) {
	if len(p.rec.canvas) > 1 {
		for _, id := range p.rec.canvas {
			if canvas == "" || canvas == id {
				p.rec.states[id] = state
			}
		}
		state = p.overall()
	}
	switch state {
	case "recording":
		p.rec.on = true
		if p.Rec.State() != "rec" && p.Rec.Text.Text != tr("NO REC") {
			p.Rec.Set("rec", "● "+tr("REC"))
		}
	case "failed":
		p.rec.on = false
		p.Rec.Set(string(output.Failed), tr("REC FAILED"))
	case "stopped":
		p.rec.on = false
		if p.Rec.State() == "rec" {
			text := tr("REC STOPPED")
			if p.rec.ended {
				text = tr("REC")
			}
			p.Rec.Set(string(output.Stopped), text)
		}
	}
	if len(p.rec.canvas) > 1 {
		p.showRecords()
	}
	if err != nil && (state == "failed" || len(p.rec.canvas) > 1) {
		msg := err.Error()
		if len(p.rec.canvas) > 1 && canvas != "" {
			msg = canvas + ": " + msg
		}
		p.RecLabel.SetText(oneLine(msg))
	}
	p.showToggle()
}

// overall is the chip's state with several canvases: recording while any
// canvas records, failed when none does and one failed, else stopped.
func (p *DestinationsPane) overall() string {
	state := "stopped"
	for _, id := range p.rec.canvas {
		switch p.rec.states[id] {
		case "recording":
			return "recording"
		case "failed":
			state = "failed"
		}
	}
	return state
}

// showToggle names what the button does to its target.
func (p *DestinationsPane) showToggle() {
	text := tr("Stop recording")
	if !p.recording() {
		text = tr("Start recording")
	}
	if p.RecToggle.Text != text {
		p.RecToggle.SetText(text)
	}
}

// showRecords names, with several canvases, each canvas's file, or that
// its recording is stopped or failed.
func (p *DestinationsPane) showRecords() {
	var recs []string
	for _, id := range p.rec.canvas {
		path := p.rec.paths[id]
		if path == "" {
			continue
		}
		what := filepath.Base(path) // the full paths do not fit on one line
		switch p.rec.states[id] {
		case "stopped":
			if !p.rec.ended {
				what = tr("REC STOPPED")
			}
		case "failed":
			what = tr("REC FAILED")
		}
		recs = append(recs, id+": "+what)
	}
	p.RecLabel.SetText(strings.Join(recs, "  ·  "))
}

// showCanvasRecords lists each canvas's recording, on a show of several,
// and with two or more that record and an engine that is a
// CanvasRecorder, offers the choice of canvas for the button.
func (p *DestinationsPane) showCanvasRecords(infos []studio.CanvasInfo) {
	p.rec.paths, p.rec.states = map[string]string{}, map[string]string{}
	for _, c := range infos {
		if len(c.Records) > 0 {
			p.rec.canvas = append(p.rec.canvas, c.ID)
			p.rec.paths[c.ID] = c.Records[len(c.Records)-1]
			p.rec.states[c.ID] = "recording" // once the show runs
		}
	}
	if len(p.rec.canvas) == 0 {
		return
	}
	if p.Rec.Text.Text == tr("NO REC") {
		p.Rec.Set(string(output.Idle), tr("REC"))
		p.rec.on = true
		if _, ok := p.eng.(Recorder); ok {
			p.RecToggle.Show()
		}
	}
	if len(p.rec.canvas) < 2 {
		p.RecLabel.SetText(p.rec.paths[p.rec.canvas[0]])
		return
	}
	p.showRecords()
	if _, ok := p.eng.(CanvasRecorder); ok && p.RecToggle.Visible() {
		p.useRecordTargets()
	}
}

// useRecordTargets puts the choice of canvas before the button: "All
// canvases" or one canvas, by its id in capitals, as the scene bar does.
func (p *DestinationsPane) useRecordTargets() {
	p.RecTarget = newCanvasChoice(p.rec.canvas, func(id string) {
		p.rec.target = id
		p.showToggle()
	})
	p.recButtons.Objects = append([]fyne.CanvasObject{p.RecTarget}, p.recButtons.Objects...)
	p.recButtons.Refresh()
}

// SelectRecordCanvas points the recording button at one canvas by id, or
// at every canvas with "".
func (p *DestinationsPane) SelectRecordCanvas(id string) { selectCanvas(p.RecTarget, id) }
