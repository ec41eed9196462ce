package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
)

// DestinationSettings is what the fake engine's destinations are in a show
// file: youtube names its key in the keyring, relay has none.
func (f *fakeEngine) DestinationSettings() []show.Destination {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []show.Destination
	for _, st := range f.dests {
		d := show.Destination{ID: st.Name, Kind: "rtmp", Service: "custom", URL: "rtmp://" + st.Name + ".example/live"}
		if st.Name == "youtube" {
			d = show.Destination{ID: st.Name, Kind: "rtmp", Service: "youtube", URL: "rtmp://a.rtmp.youtube.com/live2", KeyName: "dest-youtube"}
		}
		if c, ok := f.edited[st.Name]; ok {
			d = c
		}
		out = append(out, d)
	}
	return out
}

func (f *fakeEngine) UpdateDestination(_ context.Context, id string, d show.Destination, secret string) error {
	f.mu.Lock()
	if f.edited == nil {
		f.edited = map[string]show.Destination{}
	}
	f.edited[id] = d
	f.mu.Unlock()
	return f.record("Update %s %s %s canvas=%s key_name=%s key_env=%s secret_len=%d", id, d.Service, d.URL, d.Canvas, d.KeyName, d.KeyEnv, len(secret))
}

func (f *fakeEngine) RemoveDestination(_ context.Context, id string) error {
	f.mu.Lock()
	f.dests = slices.DeleteFunc(f.dests, func(s output.Status) bool { return s.Name == id })
	f.mu.Unlock()
	return f.record("Remove %s", id)
}

// fakeSaver keeps what the window saved for the next run.
type fakeSaver struct{ saved [][]show.Destination }

func (s *fakeSaver) Save(now []show.Destination) error {
	s.saved = append(s.saved, now)
	return nil
}

func (s *fakeSaver) last() string {
	if len(s.saved) == 0 {
		return "(nothing saved)"
	}
	var parts []string
	for _, d := range s.saved[len(s.saved)-1] {
		parts = append(parts, d.ID+"="+d.URL)
	}
	return strings.Join(parts, " ")
}

// Edit opens the editor filled in, without the key; saving with no key
// keeps the one in the keyring, a new key replaces it there, and the next
// run is told.
func TestEditDestinationKeepsOrReplacesTheKey(t *testing.T) {
	eng := newFakeEngine()
	keys := &fakeKeys{}
	saver := &fakeSaver{}
	w, win := newTestWindow(t, eng, Options{Keys: keys, SavedDestinations: saver})
	row := w.Destinations.Row("youtube")
	if row.Edit.Hidden || row.Remove.Hidden {
		t.Fatal("Edit and Remove are hidden with an engine that can change destinations")
	}
	test.Tap(row.Edit)
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("Edit opened no dialog")
	}
	e := w.Destinations.EditorFor("youtube")
	if e.Preset.Selected != "youtube" || e.URL.Text != "rtmp://a.rtmp.youtube.com/live2" || e.ID.Text != "youtube" {
		t.Fatalf("editor filled with preset %q url %q name %q", e.Preset.Selected, e.URL.Text, e.ID.Text)
	}
	if !e.ID.Disabled() || e.Key.Text != "" || e.Save.Text != "Save" {
		t.Errorf("name enabled %v, key %q, save %q: want the name fixed, no key shown, Save", !e.ID.Disabled(), e.Key.Text, e.Save.Text)
	}
	e.URL.SetText("rtmps://a.rtmps.youtube.com:443/live2")
	test.Tap(e.Save)
	if got, want := eng.next(t), "Update youtube youtube rtmps://a.rtmps.youtube.com:443/live2 canvas= key_name=dest-youtube key_env= secret_len=0"; got != want {
		t.Errorf("engine got %q, want %q", got, want)
	}
	if len(keys.set) != 0 {
		t.Errorf("no key typed, but the key store got %v", keys.set)
	}
	if got := saver.last(); got != "relay=rtmp://relay.example/live youtube=rtmps://a.rtmps.youtube.com:443/live2" {
		t.Errorf("saved for the next run: %s", got)
	}

	// A show file's destination without a preset or a key gets a key: it
	// goes to the keyring, and the destination names it there from now on.
	e = w.Destinations.EditorFor("relay")
	if e.Preset.Selected != "custom" || !e.Error.Hidden {
		t.Fatalf("relay editor: preset %q, error %q", e.Preset.Selected, e.Error.Text)
	}
	test.Type(e.Key, "new_key_42")
	test.Tap(e.Save)
	if got, want := eng.next(t), "Update relay custom rtmp://relay.example/live canvas= key_name=dest-relay key_env= secret_len=10"; got != want {
		t.Errorf("engine got %q, want %q", got, want)
	}
	if keys.set["dest-relay"] != "new_key_42" {
		t.Errorf("key store got %v", keys.set)
	}
	if e.Key.Text != "" || len(w.Destinations.Rows) != 2 {
		t.Errorf("after saving: key %q left in the entry, %d rows", e.Key.Text, len(w.Destinations.Rows))
	}
}

// Remove asks first; Cancel keeps the destination, Remove stops and removes
// it, its row goes and the next run will not have it.
func TestRemoveDestinationAsksFirst(t *testing.T) {
	eng := newFakeEngine()
	saver := &fakeSaver{}
	w, _ := newTestWindow(t, eng, Options{SavedDestinations: saver})
	row := w.Destinations.Row("relay")
	test.Tap(row.Remove)
	d := w.Destinations.AskRemove("relay")
	test.Tap(d.Cancel)
	eng.none(t)
	test.Tap(d.Remove)
	if got := eng.next(t); got != "Remove relay" {
		t.Errorf("engine got %q", got)
	}
	if w.Destinations.Row("relay") != nil || len(w.Destinations.Rows) != 1 {
		t.Errorf("rows after removing relay: %d", len(w.Destinations.Rows))
	}
	if got := saver.last(); got != "youtube=rtmp://a.rtmp.youtube.com/live2" {
		t.Errorf("saved for the next run: %s", got)
	}
	// The engine's own event for it changes nothing more.
	w.Apply(studio.Event{Kind: studio.EventDestination, Subject: "relay", State: "removed"})
	w.Apply(studio.Event{Kind: studio.EventDestination, Subject: "added-elsewhere", State: "added"})
	if len(w.Destinations.Rows) != 2 || w.Destinations.Row("added-elsewhere") == nil {
		t.Errorf("rows after the events: %d", len(w.Destinations.Rows))
	}
}

// Without a key store a destination added in the window streams this show
// only: it is not saved for the next run, which could not find its key.
func TestAddedDestinationWithoutKeyStoreIsNotSaved(t *testing.T) {
	eng := newFakeEngine()
	saver := &fakeSaver{}
	w, _ := newTestWindow(t, eng, Options{SavedDestinations: saver})
	e := w.Destinations.NewEditor()
	e.Preset.SetSelected("twitch")
	test.Type(e.Key, "k1")
	test.Tap(e.Save)
	if got := eng.next(t); !strings.HasPrefix(got, "Add twitch ") {
		t.Fatalf("engine got %q", got)
	}
	if got := saver.last(); strings.Contains(got, "twitch") {
		t.Errorf("saved for the next run: %s, want no twitch", got)
	}
}
