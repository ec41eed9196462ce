package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// flushed returns a channel closed once the pane has applied n messages.
func flushed(p *ChatPane, n int) chan struct{} {
	done := make(chan struct{})
	var got atomic.Int64
	p.afterFlush = func(k int) {
		if got.Add(int64(k)) == int64(n) {
			close(done)
		}
	}
	return done
}

// waitMessages waits for a channel from flushed.
func waitMessages(t *testing.T, done chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the chat pane did not apply every message")
	}
}

// texts lists every canvas.Text drawn inside o.
func texts(o fyne.CanvasObject) string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && t.Visible() {
			out = append(out, t.Text)
		}
	}
	return strings.Join(out, "|")
}

func TestChatEventUpdatesTheList(t *testing.T) {
	eng, feed := newFakeEngine(), newFakeFeed()
	w, _ := newTestWindow(t, eng, Options{Chat: feed, Rundown: fakeRundown{}})
	w.Chat.titleEvery, w.Chat.listEvery = 0, 0
	done := flushed(w.Chat, 6)
	w.Chat.Start()
	t.Cleanup(w.Chat.Stop)

	feed.in <- ChatMessage{ID: "1", Platform: "youtube", User: "ann", Display: "Ann", Badges: []string{"moderator"}, Text: "welcome all"}
	feed.in <- ChatMessage{ID: "2", Platform: "twitch", User: "bob", Display: "Bob", Text: "is the kettle 1.7 l?",
		Queues: []string{"question"}, Products: []string{"KET-01"}}
	feed.in <- ChatMessage{ID: "3", Platform: "relay", User: "cy", Display: "Cy", Text: "12 12 12", Queues: []string{"want"}, Products: []string{"MUG-BLU"}}
	feed.in <- ChatMessage{ID: "3b", Platform: "relay", User: "cy", Display: "Cy", Text: "the lamp?", Products: []string{"LAMP-9"}}
	feed.in <- ChatMessage{ID: "4", Platform: "relay", User: "dd", Text: "free followers", Action: "hold", Rules: []string{"link"}, Queues: []string{"held"}}
	feed.in <- ChatMessage{ID: "5", Platform: "relay", User: "ee", Text: "slur", Action: "block"}
	waitMessages(t, done)

	all := w.Chat.Lists[TabAll].Messages()
	if len(all) != 4 || all[0].ID != "1" || all[2].ID != "3" {
		t.Fatalf("All tab: %+v", all)
	}
	shown := texts(w.Chat.Lists[TabAll].List())
	for _, want := range []string{"YT", "MOD Ann", "welcome all", "TW", "is the kettle 1.7 l?", "SHOP"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the All list does not show %q; it shows %s", want, shown)
		}
	}
	if strings.Contains(shown, "free followers") || strings.Contains(shown, "slur") {
		t.Error("held or blocked messages are in the All list")
	}
	titles := []string{}
	for _, it := range w.Chat.Tabs.Items {
		titles = append(titles, it.Text)
	}
	if got := strings.Join(titles, ","); got != "All,Held (1),Questions (1),Want it (1)" {
		t.Errorf("tab titles %q", got)
	}
	// The strip names the rundown's products by title; one the rundown
	// does not list keeps its SKU.
	if got := w.Chat.Interest.Text; !strings.Contains(got, "Kettle ×1") || !strings.Contains(got, "Blue mug ×1") ||
		!strings.Contains(got, "LAMP-9 ×1") || strings.Contains(got, "MUG-BLU") {
		t.Errorf("interest strip %q", got)
	}
}

// A chat much busier than a moderator can read keeps the newest messages
// and counts every one.
func TestChatKeepsTheNewestUnderLoad(t *testing.T) {
	feed := newFakeFeed()
	test.NewTempApp(t)
	p := NewChatPane(feed, inline, nil, nil)
	p.titleEvery, p.listEvery = 0, 0
	const n = 2*chatKeep + 100
	done := flushed(p, n)
	p.Start()
	t.Cleanup(p.Stop)
	go func() {
		for i := range n {
			feed.in <- ChatMessage{ID: string(rune('a'+i%26)) + time.Duration(i).String(), Platform: "relay", User: "u", Text: "hi", Queues: []string{"question"}}
		}
	}()
	waitMessages(t, done)
	if got := len(p.Lists[TabAll].Messages()); got > 2*chatKeep || got < chatKeep {
		t.Errorf("All keeps %d messages, want between %d and %d", got, chatKeep, 2*chatKeep)
	}
	if p.Count(TabQuestions) != n {
		t.Errorf("Questions counts %d, want %d", p.Count(TabQuestions), n)
	}
}
