package ui

import (
	"strings"
	"testing"
)

// The interest strip names every variant the chat counts by the chat's
// own product names ("Linen shirt, L"), which the rundown, one row per
// product, does not list; a ref the chat cannot name takes the rundown's
// title, and one neither knows keeps its SKU.
func TestChatInterestNamesVariants(t *testing.T) {
	eng, feed := newFakeEngine(), newFakeFeed()
	names := map[string]string{"TEE-L": "Linen shirt, L", "TEE-M": "Linen shirt, M"}
	w, _ := newTestWindow(t, eng, Options{Chat: feed, Rundown: fakeRundown{},
		ProductName: func(ref string) string { return names[ref] }})
	w.Chat.titleEvery, w.Chat.listEvery = 0, 0
	done := flushed(w.Chat, 3)
	w.Chat.Start()
	t.Cleanup(w.Chat.Stop)

	feed.in <- ChatMessage{ID: "1", Platform: "relay", User: "ann", Text: "I want the L shirt", Queues: []string{"want"}, Products: []string{"TEE-L"}}
	feed.in <- ChatMessage{ID: "2", Platform: "relay", User: "bob", Text: "kettle!", Queues: []string{"want"}, Products: []string{"KET-01"}}
	feed.in <- ChatMessage{ID: "3", Platform: "relay", User: "cy", Text: "the lamp?", Products: []string{"LAMP-9"}}
	waitMessages(t, done)

	got := w.Chat.Interest.Text
	for _, want := range []string{"Linen shirt, L ×1", "Kettle ×1", "LAMP-9 ×1"} {
		if !strings.Contains(got, want) {
			t.Errorf("interest strip %q does not show %q", got, want)
		}
	}
	if strings.Contains(got, "TEE-L") || strings.Contains(got, "Linen shirt, M") {
		t.Errorf("interest strip %q shows the SKU or another variant", got)
	}
}
