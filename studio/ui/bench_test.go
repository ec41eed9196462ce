package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/output"
)

// The UI goroutine's share of a busy chat: at 1,000 messages a second and
// 25 paced frames a second, each frame takes in 40 messages and redraws the
// open list. This is the work that competes with painting; the end-to-end
// figure comes from the real window (cmd/vitrina's TestWindowStaysResponsive).
func BenchmarkChatFrame40Messages(b *testing.B) {
	test.NewTempApp(b)
	feed := newFakeFeed()
	p := NewChatPane(feed, inline, nil, nil)
	p.listEvery = 0 // worst case: the list is redrawn every frame
	win := test.NewTempWindow(b, p.Box)
	win.Resize(fyne.NewSize(420, 800))
	msgs := make([]ChatMessage, 40)
	for i := range msgs {
		msgs[i] = ChatMessage{ID: fmt.Sprint(i), Platform: loadPlatforms[i%3], User: "u", Display: fmt.Sprintf("Viewer %d", i),
			Text: loadLines[i%len(loadLines)].text, Queues: loadLines[i%len(loadLines)].queues, Received: time.Now()}
	}
	b.ResetTimer()
	for b.Loop() {
		p.mu.Lock()
		p.pending = append(p.pending, msgs...)
		p.mu.Unlock()
		p.flushPending()
	}
}

// An engine event on its way to the widgets: the destinations' counters
// and the status bar, once a second in a show.
func BenchmarkApplyStatsEvent(b *testing.B) {
	eng := newFakeEngine()
	test.NewTempApp(b)
	w := New(test.NewTempWindow(b, nil), eng, Options{run: inline})
	st := output.Status{Name: "relay", State: output.Live, Dropped: 3}
	st.BitrateKbps = 3500
	ev := studio.Event{Kind: studio.EventStats, Stats: studio.Stats{Frames: 100, Destinations: []output.Status{st}}}
	for b.Loop() {
		ev.Stats.Frames++
		w.Apply(ev)
	}
}
