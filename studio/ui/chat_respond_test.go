package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func (f *fakeEngine) PinComment(_ context.Context, user, text, answer string) error {
	return f.record("PinComment %s %q %q", user, text, answer)
}

func (f *fakeEngine) UnpinComment(context.Context) error { return f.record("UnpinComment") }

// respondingFeed is a chat whose actions can pin and reply, as the show's
// chat link does.
type respondingFeed struct{ *fakeFeed }

func (f respondingFeed) Pin(_ context.Context, m ChatMessage, answer string) error {
	f.acts <- fmt.Sprintf("pin %s %q", m.ID, answer)
	return nil
}
func (f respondingFeed) Unpin(context.Context) error { f.acts <- "unpin"; return nil }
func (f respondingFeed) Reply(_ context.Context, m ChatMessage, text string) error {
	f.acts <- fmt.Sprintf("reply %s %q", m.ID, text)
	return nil
}

// Pin asks for an answer and puts the message on the program through the
// engine's PinComment; Unpin takes it off. P does the same as the button.
func TestPinAMessageFromTheChatPane(t *testing.T) {
	eng, feed := newFakeEngine(), newFakeFeed()
	w, win := newTestWindow(t, eng, Options{Chat: feed})
	w.Chat.Add(ChatMessage{ID: "m1", Platform: "youtube", User: "u1", Display: "Anna", Text: "Is it dishwasher safe?"})
	if !w.Chat.Pin.Disabled() {
		t.Fatal("Pin enabled with nothing selected")
	}
	w.Chat.Lists[TabAll].List().Select(0)
	if w.Chat.Pin.Disabled() || w.Chat.Unpin.Disabled() {
		t.Fatal("Pin or Unpin disabled with a message selected and an engine that pins")
	}
	if !w.Chat.Reply.Disabled() {
		t.Error("Reply enabled with a chat that cannot reply")
	}
	test.Tap(w.Chat.Pin)
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("Pin opened no dialog")
	}
	d := w.Chat.AskPin()
	test.Type(d.Text, "Yes, it is")
	test.Tap(d.OK)
	if got, want := eng.next(t), `PinComment Anna "Is it dishwasher safe?" "Yes, it is"`; got != want {
		t.Errorf("engine got %q, want %q", got, want)
	}
	test.Tap(w.Chat.Unpin)
	if got := eng.next(t); got != "UnpinComment" {
		t.Errorf("Unpin: engine got %q", got)
	}

	// The shortcut: P, Enter with no answer pins the message alone.
	win.Canvas().Unfocus()
	typeKey(win, fyne.KeyP)
	e, ok := win.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("P: the answer entry has no focus (%T)", win.Canvas().Focused())
	}
	e.OnSubmitted("")
	if got, want := eng.next(t), `PinComment Anna "Is it dishwasher safe?" ""`; got != want {
		t.Errorf("P: engine got %q, want %q", got, want)
	}
	win.Canvas().Unfocus()
	typeShortcut(win, fyne.KeyP, fyne.KeyModifierShift)
	if got := eng.next(t); got != "UnpinComment" {
		t.Errorf("Shift+P: engine got %q", got)
	}
	eng.none(t)
}

// With a chat that can pin and reply, Pin goes through the chat's actions
// (which log it and pin on the engine), and Reply and R post a reply.
func TestReplyAndPinThroughTheChat(t *testing.T) {
	eng, feed := newFakeEngine(), respondingFeed{newFakeFeed()}
	w, win := newTestWindow(t, eng, Options{Chat: feed})
	w.Chat.Add(ChatMessage{ID: "m7", Platform: "twitch", User: "u7", Text: "price?"})
	w.Chat.Lists[TabAll].List().Select(0)
	d := w.Chat.AskPin()
	test.Type(d.Text, "$12")
	test.Tap(d.OK)
	if got := <-feed.acts; got != `pin m7 "$12"` {
		t.Errorf("pin: chat got %q", got)
	}
	eng.none(t) // not twice: the chat pins on the engine
	test.Tap(w.Chat.Reply)
	r := w.Chat.AskReply()
	test.Tap(r.OK) // empty: nothing is sent
	test.Type(r.Text, "12 dollars")
	test.Tap(r.OK)
	if got := <-feed.acts; got != `reply m7 "12 dollars"` {
		t.Errorf("reply: chat got %q", got)
	}
	win.Canvas().Unfocus()
	typeKey(win, fyne.KeyR)
	e, ok := win.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("R: the reply entry has no focus (%T)", win.Canvas().Focused())
	}
	test.Type(e, "thanks")
	e.OnSubmitted(e.Text)
	if got := <-feed.acts; got != `reply m7 "thanks"` {
		t.Errorf("R: chat got %q", got)
	}
	select {
	case a := <-feed.acts:
		t.Errorf("unexpected chat action %q", a)
	default:
	}
}
