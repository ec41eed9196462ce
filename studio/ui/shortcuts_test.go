package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func typeKey(win fyne.Window, k fyne.KeyName) {
	win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

func typeShortcut(win fyne.Window, k fyne.KeyName, mod fyne.KeyModifier) {
	win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod})
}

func TestKeyboardShortcutsDriveTheEngine(t *testing.T) {
	eng := newFakeEngine()
	_, win := newTestWindow(t, eng, Options{})
	ctrl := fyne.KeyModifierShortcutDefault
	steps := []struct {
		do   func()
		want []string
	}{
		{func() { typeKey(win, fyne.Key2) }, []string{"SetMain closeup cut"}},
		{func() { typeKey(win, fyne.Key3) }, []string{"SetMain clip cut"}},
		{func() { typeShortcut(win, fyne.Key1, fyne.KeyModifierAlt) }, []string{"SetMain wide fade"}},
		{func() { typeShortcut(win, fyne.Key4, ctrl) }, []string{"SetLayout grid [wide closeup clip] cut"}},
		{func() { typeShortcut(win, fyne.Key3, ctrl) }, []string{"SetLayout side-by-side [wide closeup] cut"}},
		{func() { typeShortcut(win, fyne.KeyG, ctrl) }, []string{"Start relay", "Start youtube"}},
	}
	for i, s := range steps {
		s.do()
		for _, want := range s.want {
			if got := eng.next(t); got != want {
				t.Errorf("step %d: engine got %q, want %q", i, got, want)
			}
		}
	}
	typeKey(win, fyne.Key9) // not bound
	eng.none(t)
}

func TestChatShortcutsActOnTheSelectedMessage(t *testing.T) {
	eng, feed := newFakeEngine(), newFakeFeed()
	w, win := newTestWindow(t, eng, Options{Chat: feed})
	w.Chat.Add(
		ChatMessage{ID: "m1", Platform: "youtube", User: "u1", Text: "hi"},
		ChatMessage{ID: "m2", Platform: "twitch", User: "u2", Text: "buy followers", Action: "hold", Rules: []string{"link"}},
	)
	typeKey(win, fyne.KeyK) // K from nothing selected takes the newest
	if m, ok := w.Chat.Selected(); !ok || m.ID != "m1" {
		t.Fatalf("after K the selection is %+v", m)
	}
	typeKey(win, fyne.KeyX)
	if got := <-feed.acts; got != "delete m1" {
		t.Errorf("X: chat got %q", got)
	}
	if n := len(w.Chat.Lists[TabAll].Messages()); n != 0 {
		t.Errorf("the deleted message is still listed (%d left)", n)
	}
	w.Chat.Tabs.SelectIndex(TabHeld)
	typeKey(win, fyne.KeyJ)
	typeKey(win, fyne.KeyA)
	if got := <-feed.acts; got != "approve m2" {
		t.Errorf("A: chat got %q", got)
	}
	if w.Chat.Count(TabHeld) != 0 || len(w.Chat.Lists[TabAll].Messages()) != 1 {
		t.Errorf("approving moves the message from Held to All: held %d, all %d",
			w.Chat.Count(TabHeld), len(w.Chat.Lists[TabAll].Messages()))
	}
}

// Every shortcut is in the help, and no two share a key.
func TestShortcutsAreListedOnce(t *testing.T) {
	w, _ := newTestWindow(t, newFakeEngine(), Options{})
	seen := map[string]bool{}
	for _, s := range w.Shortcuts() {
		if seen[s.Label()] {
			t.Errorf("%s is bound twice", s.Label())
		}
		seen[s.Label()] = true
		if s.Name == "" || s.Run == nil {
			t.Errorf("%s has no name or action", s.Label())
		}
	}
	if len(seen) < 20 {
		t.Errorf("only %d shortcuts", len(seen))
	}
	w.ShowHelp() // builds without panicking
}
