package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

// The host stops the recording with the button, starts it again (Ctrl+R
// works too), and the chip, the button and the file name follow the
// engine's events; once the show has ended the button does nothing.
func TestRecordingButtonStopsAndStartsTheRecording(t *testing.T) {
	eng := newFakeEngine()
	w, win := newTestWindow(t, eng, Options{RecordPath: "/tmp/show.mkv"})
	d := w.Destinations
	if !d.RecToggle.Visible() || d.RecToggle.Text != "Stop recording" {
		t.Fatalf("recording button before the show: visible %v, %q", d.RecToggle.Visible(), d.RecToggle.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventStarted, Time: time.Now()})
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: "main", State: "recording", Path: "/tmp/show.mkv"})
	if d.Rec.Text.Text != "● REC" || d.RecLabel.Text != "/tmp/show.mkv" {
		t.Errorf("recording row once the show runs: %q %q", d.Rec.Text.Text, d.RecLabel.Text)
	}

	test.Tap(d.RecToggle)
	if got := eng.next(t); got != "StopRecording" {
		t.Fatalf("the button sent %q, want StopRecording", got)
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: "main", State: "stopped", Path: "/tmp/show.mkv"})
	if d.Rec.Text.Text != "REC STOPPED" || d.Rec.State() != string(output.Stopped) || d.RecToggle.Text != "Start recording" {
		t.Errorf("after the stop: chip %q (%s), button %q", d.Rec.Text.Text, d.Rec.State(), d.RecToggle.Text)
	}

	test.Tap(d.RecToggle)
	if got := eng.next(t); got != "StartRecording" {
		t.Fatalf("the button sent %q, want StartRecording", got)
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: "main", State: "recording", Path: "/tmp/show-2.mkv"})
	if d.Rec.Text.Text != "● REC" || d.Rec.State() != "rec" || d.RecLabel.Text != "/tmp/show-2.mkv" || d.RecToggle.Text != "Stop recording" {
		t.Errorf("after the start: chip %q (%s), file %q, button %q", d.Rec.Text.Text, d.Rec.State(), d.RecLabel.Text, d.RecToggle.Text)
	}

	typeShortcut(win, fyne.KeyR, fyne.KeyModifierShortcutDefault)
	if got := eng.next(t); got != "StopRecording" {
		t.Errorf("Ctrl+R sent %q, want StopRecording", got)
	}

	w.Apply(studio.Event{Kind: studio.EventStopped, Time: time.Now()})
	if !d.RecToggle.Disabled() {
		t.Error("the recording button is still enabled after the show ended")
	}
	test.Tap(d.RecToggle)
	typeShortcut(win, fyne.KeyR, fyne.KeyModifierShortcutDefault)
	eng.none(t)
}

// A show that does not record has no button; one with two canvases names
// each canvas's current file.
func TestRecordingRowWithoutRecordingAndWithTwoCanvases(t *testing.T) {
	w, win := newTestWindow(t, newFakeEngine(), Options{})
	if w.Destinations.RecToggle.Visible() {
		t.Error("a show without a recording shows the recording button")
	}
	typeShortcut(win, fyne.KeyR, fyne.KeyModifierShortcutDefault) // nothing to toggle

	two := newFakeEngine()
	two.twoCanvases()
	two.canvases[0].Records = []string{"/rec/h.mkv"}
	two.canvases[1].Records = []string{"/rec/v.mp4"}
	w, _ = newTestWindow(t, two, Options{})
	d := w.Destinations
	if !d.RecToggle.Visible() || d.RecLabel.Text != "horizontal: h.mkv  ·  vertical: v.mp4" {
		t.Fatalf("two canvases: button visible %v, files %q", d.RecToggle.Visible(), d.RecLabel.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: "vertical", State: "recording", Path: "/rec/v-2.mp4"})
	if d.RecLabel.Text != "horizontal: h.mkv  ·  vertical: v-2.mp4" {
		t.Errorf("after vertical's new file: %q", d.RecLabel.Text)
	}
	two.none(t)
}

// With two canvases that record, a choice next to the button points it at
// every canvas or one: the host stops the vertical canvas's recording
// only (the engine is asked for that canvas), the row says the vertical
// one is stopped while the horizontal one goes on (the chip stays ● REC),
// starts it again with Ctrl+R, and with "All canvases" the button stops
// every canvas's as before.
func TestRecordingButtonForOneCanvas(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	eng.canvases[0].Records = []string{"/rec/h.mkv"}
	eng.canvases[1].Records = []string{"/rec/v.mp4"}
	w, win := newTestWindow(t, eng, Options{})
	d := w.Destinations
	if d.RecTarget == nil || !d.RecToggle.Visible() {
		t.Fatal("two recording canvases: no choice of canvas for the recording button")
	}
	if got := strings.Join(d.RecTarget.Options, ","); got != "All canvases,HORIZONTAL,VERTICAL" || d.RecTarget.Selected != "All canvases" {
		t.Errorf("the choice offers %q, selected %q; want All canvases, HORIZONTAL, VERTICAL with All canvases", got, d.RecTarget.Selected)
	}
	w.Apply(studio.Event{Kind: studio.EventStarted, Time: time.Now()})
	record := func(canvas, state, path string) {
		w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", Canvas: canvas, State: state, Path: path})
	}
	record("horizontal", "recording", "/rec/h.mkv")
	record("vertical", "recording", "/rec/v.mp4")

	d.RecTarget.SetSelected("VERTICAL")
	test.Tap(d.RecToggle)
	if got := eng.next(t); got != "SetRecording vertical false" {
		t.Fatalf("the button for the vertical canvas sent %q, want SetRecording vertical false", got)
	}
	record("vertical", "stopped", "/rec/v.mp4")
	if d.Rec.Text.Text != "● REC" || d.RecLabel.Text != "horizontal: h.mkv  ·  vertical: REC STOPPED" || d.RecToggle.Text != "Start recording" {
		t.Errorf("vertical stopped: chip %q, row %q, button %q", d.Rec.Text.Text, d.RecLabel.Text, d.RecToggle.Text)
	}
	d.SelectRecordCanvas("horizontal")
	if d.RecToggle.Text != "Stop recording" {
		t.Errorf("with the horizontal canvas, which records, chosen the button says %q", d.RecToggle.Text)
	}

	d.SelectRecordCanvas("vertical")
	typeShortcut(win, fyne.KeyR, fyne.KeyModifierShortcutDefault)
	if got := eng.next(t); got != "SetRecording vertical true" {
		t.Fatalf("Ctrl+R for the vertical canvas sent %q, want SetRecording vertical true", got)
	}
	record("vertical", "recording", "/rec/v-2.mp4")
	if d.RecLabel.Text != "horizontal: h.mkv  ·  vertical: v-2.mp4" || d.RecToggle.Text != "Stop recording" {
		t.Errorf("vertical started again: row %q, button %q", d.RecLabel.Text, d.RecToggle.Text)
	}

	d.SelectRecordCanvas("")
	test.Tap(d.RecToggle)
	if got := eng.next(t); got != "StopRecording" {
		t.Fatalf("the button for all canvases sent %q, want StopRecording", got)
	}
	record("horizontal", "stopped", "/rec/h.mkv")
	record("vertical", "stopped", "/rec/v-2.mp4")
	if d.Rec.Text.Text != "REC STOPPED" || d.RecLabel.Text != "horizontal: REC STOPPED  ·  vertical: REC STOPPED" || d.RecToggle.Text != "Start recording" {
		t.Errorf("all stopped: chip %q, row %q, button %q", d.Rec.Text.Text, d.RecLabel.Text, d.RecToggle.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventStopped, Time: time.Now()})
	if !d.RecToggle.Disabled() || !d.RecTarget.Disabled() || d.RecLabel.Text != "horizontal: h.mkv  ·  vertical: v-2.mp4" {
		t.Errorf("after the show: button disabled %v, choice disabled %v, row %q", d.RecToggle.Disabled(), d.RecTarget.Disabled(), d.RecLabel.Text)
	}
	eng.none(t)

	one, _ := newTestWindow(t, newFakeEngine(), Options{RecordPath: "/tmp/show.mkv"})
	if one.Destinations.RecTarget != nil {
		t.Error("a show of one canvas offers a choice of canvas for the recording")
	}
}
