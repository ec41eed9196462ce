package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// AddDestination records the call (never the secret) and lists the new
// destination, off air, as the engine does.
func (f *fakeEngine) AddDestination(_ context.Context, d show.Destination, secret string) error {
	f.mu.Lock()
	f.dests = append(f.dests, output.Status{Name: d.ID, State: output.Idle})
	f.mu.Unlock()
	return f.record("Add %s %s %s canvas=%s key_name=%s secret_len=%d", d.ID, d.Service, d.URL, d.Canvas, d.KeyName, len(secret))
}

type fakeKeys struct{ set map[string]string }

func (k *fakeKeys) Set(name, secret string) error {
	if k.set == nil {
		k.set = map[string]string{}
	}
	k.set[name] = secret
	return nil
}
func (k *fakeKeys) Where() string { return "OS keyring (test)" }

func TestAddDestinationFromAPreset(t *testing.T) {
	eng := newFakeEngine()
	keys := &fakeKeys{}
	w, win := newTestWindow(t, eng, Options{Keys: keys})
	if w.Destinations.Add.Hidden {
		t.Fatal("Add destination… is hidden with an engine that can add one")
	}
	test.Tap(w.Destinations.Add)
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("Add destination… opened no dialog")
	}
	e := w.Destinations.NewEditor()
	if e.ID.Text != "youtube-2" {
		t.Errorf("the first preset's name is %q, want youtube-2 (youtube is taken)", e.ID.Text)
	}
	e.Preset.SetSelected("twitch")
	if e.URL.Text != "rtmp://live.twitch.tv/app" || e.ID.Text != "twitch" {
		t.Fatalf("twitch preset filled url %q, name %q", e.URL.Text, e.ID.Text)
	}
	if !e.Key.Password {
		t.Error("the key entry is not a password entry")
	}
	if !strings.Contains(e.Where.Text, "OS keyring (test)") {
		t.Errorf("the dialog does not say where the key goes: %q", e.Where.Text)
	}
	e.ID.SetText("twitch-main")
	test.Type(e.Key, "live_123_abc")
	test.Tap(e.Save)

	if got, want := eng.next(t), "Add twitch-main twitch rtmp://live.twitch.tv/app canvas= key_name=dest-twitch-main secret_len=12"; got != want {
		t.Errorf("engine got %q, want %q", got, want)
	}
	if keys.set["dest-twitch-main"] != "live_123_abc" || len(keys.set) != 1 {
		t.Errorf("key store got %v", keys.set)
	}
	if !e.Error.Hidden {
		t.Errorf("error shown after a good save: %q", e.Error.Text)
	}
	if e.Key.Text != "" {
		t.Error("the key is still in the entry after saving")
	}
	row := w.Destinations.Row("twitch-main")
	if row == nil || row.Chip.Text.Text != "OFF AIR" || row.Toggle.Text != "Go live" {
		t.Fatalf("new row: %+v", row)
	}
	test.Tap(row.Toggle)
	if got := eng.next(t); got != "Start twitch-main" {
		t.Errorf("Go live on the new row: engine got %q", got)
	}
}

func TestAddDestinationBadInputChangesNothing(t *testing.T) {
	eng := newFakeEngine()
	keys := &fakeKeys{}
	w, _ := newTestWindow(t, eng, Options{Keys: keys})
	rows := len(w.Destinations.Rows)
	for _, c := range []struct{ preset, id, url, key, want string }{
		{"custom", "mine", "not a url", "k", "not a valid URL"},
		{"facebook", "fb", "rtmp://live-api-s.facebook.com/rtmp", "k", "not rtmp://"},
		{"youtube", "yt", "", "", "stream key"},
		{"youtube", "relay", "", "k", "already a destination"},
		{"youtube", "a b", "", "k", "Name:"},
	} {
		e := w.Destinations.NewEditor()
		e.Preset.SetSelected(c.preset)
		e.ID.SetText(c.id)
		if c.url != "" {
			e.URL.SetText(c.url)
		}
		test.Type(e.Key, c.key)
		test.Tap(e.Save)
		if e.Error.Hidden || !strings.Contains(e.Error.Text, c.want) {
			t.Errorf("%+v: error %q (hidden %v), want %q", c, e.Error.Text, e.Error.Hidden, c.want)
		}
	}
	eng.none(t)
	if len(keys.set) != 0 || len(w.Destinations.Rows) != rows {
		t.Errorf("bad input changed things: keys %v, %d rows", keys.set, len(w.Destinations.Rows))
	}
}

// With several canvases the editor asks which one, and the row says it.
func TestAddDestinationPicksACanvas(t *testing.T) {
	eng := newFakeEngine()
	eng.twoCanvases()
	w, _ := newTestWindow(t, eng, Options{})
	e := w.Destinations.NewEditor()
	if e.Canvas == nil {
		t.Fatal("no canvas select with two canvases")
	}
	e.Preset.SetSelected("tiktok")
	e.URL.SetText("rtmps://push.tiktok.example/live")
	e.Canvas.SetSelected("vertical")
	test.Type(e.Key, "tt")
	test.Tap(e.Save)
	got := eng.next(t)
	if want := "Add tiktok tiktok rtmps://push.tiktok.example/live canvas=vertical key_name= secret_len=2"; got != want {
		t.Errorf("engine got %q, want %q", got, want)
	}
	if r := w.Destinations.Row("tiktok"); r == nil || r.Canvas.Text != "→ VERTICAL" {
		t.Errorf("tiktok row: %+v", r)
	}
}
