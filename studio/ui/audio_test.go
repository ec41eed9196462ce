package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
)

func TestMuteButtonMutesAndFollowsTheEngine(t *testing.T) {
	eng := newFakeEngine()
	w, _ := newTestWindow(t, eng, Options{})
	if len(w.Audio.Channels) != 2 {
		t.Fatalf("%d audio rows, want clip and tone", len(w.Audio.Channels))
	}
	tone := w.Audio.Channel("tone")
	test.Tap(tone.Mute)
	if got := eng.next(t); got != "SetMute tone true" {
		t.Errorf("engine got %q", got)
	}
	if !tone.Muted() || tone.Mute.Text != "Muted" {
		t.Errorf("after mute: muted %v, button %q", tone.Muted(), tone.Mute.Text)
	}
	// Unmuted elsewhere (a cue, the control API): the button follows.
	w.Apply(studio.Event{Kind: studio.EventAudio, Subject: "tone", State: "mute=false"})
	if tone.Muted() || tone.Mute.Text != "Mute" {
		t.Errorf("after an unmute event: muted %v, button %q", tone.Muted(), tone.Mute.Text)
	}
	w.Apply(studio.Event{Kind: studio.EventAudio, Subject: "tone", State: "gain=-6.0dB"})
	if tone.Gain.Value != -6 {
		t.Errorf("gain slider at %v after a gain event", tone.Gain.Value)
	}
}

func TestMetersShowLevels(t *testing.T) {
	w, _ := newTestWindow(t, newFakeEngine(), Options{})
	w.Audio.ApplyLevels(map[string]float64{"clip": -12, "tone": -120})
	clip, tone := w.Audio.Channel("clip"), w.Audio.Channel("tone")
	if clip.Meter.Value < 0.79 || clip.Meter.Value > 0.81 || clip.Meter.TextFormatter() != "-12 dB" {
		t.Errorf("clip at -12 dBFS: meter %v %q", clip.Meter.Value, clip.Meter.TextFormatter())
	}
	if tone.Meter.Value != 0 || tone.Meter.TextFormatter() != "−∞ dB" {
		t.Errorf("silence: meter %v %q", tone.Meter.Value, tone.Meter.TextFormatter())
	}
}
