package ui

import (
	"path/filepath"
	"strings"

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

// recordingRow is the pane's recording state; it changes on the UI
// goroutine only.
type recordingRow struct {
	on     bool              // the file is being written (or will be, once the show starts)
	ended  bool              // the show has ended: nothing to toggle
	paths  map[string]string // the file each canvas writes now, by canvas
	canvas []string          // the canvases that record, in order; empty with one canvas
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

// ToggleRecording stops the recording, or starts a new file.
func (p *DestinationsPane) ToggleRecording() {
	rec, ok := p.eng.(Recorder)
	if !ok || !p.RecToggle.Visible() || p.RecToggle.Disabled() {
		return
	}
	if p.rec.on {
		p.run(rec.StopRecording)
	} else {
		p.run(rec.StartRecording)
	}
}

// ApplyOutput follows an output-state event: a destination's, or the
// recording's, with the file it writes.
func (p *DestinationsPane) ApplyOutput(ev studio.Event) {
	if ev.Subject != "record" {
		p.ApplyState(ev.Subject, ev.State, ev.Err)
		return
	}
	p.applyRecord(ev.State, ev.Err)
	if ev.Path != "" && ev.State != "failed" {
		p.showPath(ev.Canvas, ev.Path)
	}
}

// ApplyRecording follows the show: "recording" once it runs, "stopped" at
// its end; and "failed" with the reason.
func (p *DestinationsPane) ApplyRecording(state string, err error) {
	if state == "stopped" { // the show has ended
		p.rec.ended = true
		p.RecToggle.Disable()
	}
	p.applyRecord(state, err)
}

func (p *DestinationsPane) applyRecord(state string, err error) {
	switch state {
	case "recording":
		p.rec.on = true
		if p.Rec.State() != "rec" && p.Rec.Text.Text != tr("NO REC") {
			p.Rec.Set("rec", "● "+tr("REC"))
		}
	case "failed":
		p.rec.on = false
		p.Rec.Set(string(output.Failed), tr("REC FAILED"))
		if err != nil {
			p.RecLabel.SetText(oneLine(err.Error()))
		}
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
	text := tr("Stop recording")
	if !p.rec.on {
		text = tr("Start recording")
	}
	if p.RecToggle.Text != text {
		p.RecToggle.SetText(text)
	}
}

// showPath names the file a canvas records to now: the whole path with
// one canvas, "canvas: file" for each with several.
func (p *DestinationsPane) showPath(canvas, path string) {
	if len(p.rec.canvas) < 2 {
		p.RecLabel.SetText(path)
		return
	}
	p.rec.paths[canvas] = path
	var recs []string
	for _, id := range p.rec.canvas {
		if path := p.rec.paths[id]; path != "" {
			recs = append(recs, id+": "+filepath.Base(path)) // the full paths do not fit on one line
		}
	}
	p.RecLabel.SetText(strings.Join(recs, "  ·  "))
}

// showCanvasRecords lists each canvas's recording, on a show of several.
func (p *DestinationsPane) showCanvasRecords(infos []studio.CanvasInfo) {
	p.rec.paths = map[string]string{}
	for _, c := range infos {
		for _, path := range c.Records {
			p.rec.canvas = append(p.rec.canvas, c.ID)
			p.rec.paths[c.ID] = path
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
	p.showPath(p.rec.canvas[0], p.rec.paths[p.rec.canvas[0]])
}
