package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/control"
)

// platformChatShow reads the viewer page's chat over the [platform] socket,
// and streams a small test pattern so that the page has its video.
const platformChatShow = `
[show]
title = "Relay chat"
` + smallPattern + platformRoom + `
[[chat]]
kind = "platform"
`

// smallPattern is a show's small test pattern, cam, at 15 fps.
const smallPattern = `
[video]
width = 640
height = 360
fps = 15

[[source]]
id = "cam"
kind = "testpattern"
`

// chat lists the show's chat through GET /api/chat.
func (c controlAPI) chat(queue string) []control.ChatMessage {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.url+"chat?queue="+queue, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	r := relayDo(c.t, req)
	if r.code != http.StatusOK {
		c.t.Fatalf("control chat?queue=%s: %d %s", queue, r.code, r.body)
	}
	var out struct{ Messages []control.ChatMessage }
	if err := json.Unmarshal([]byte(r.body), &out); err != nil {
		c.t.Fatalf("control chat: %q: %v", r.body, err)
	}
	return out.Messages
}

// waitChat waits for a message with text in a queue of the studio's chat.
func (c controlAPI) waitChat(queue, text string) control.ChatMessage {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		for _, m := range c.chat(queue) {
			if m.Text == text {
				return m
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no %q in the studio's %q queue: %+v", text, queue, c.chat(""))
		}
		time.Sleep(50 * time.Millisecond) // polling the API: there is no push for the test to wait on
	}
}

// A line typed on the viewer page reaches the studio's moderation queue over
// the platform link's one host socket; the moderator deletes it through the
// control API, and it disappears from the page. Spam typed there is held
// by the studio's auto-moderation, and a ban on its author reaches the page.
func TestPlatformChatEndToEnd(t *testing.T) {
	relay, base := startRelayCmd(t)
	dir := showFolder(t, fmt.Sprintf(platformChatShow, base+"/show/whip", eventsURL(base)), "")
	s, api := runControlled(t, dir, t.TempDir(), []string{"TEST_PLATFORM_TOKEN=" + relayToken}, "--for", "120s")
	s.waitFor(t, 0, 30*time.Second, "platform events", "state=live")
	relay.waitFor(t, 0, 30*time.Second, "relay: publishing", "kind=video")

	b := openViewer(t, base+"/show/?nick=anna")
	b.do(map[string]any{"cmd": "type", "selector": "#chat-input", "text": "is the tote waterproof?"})
	line := `#messages li`
	b.do(map[string]any{"cmd": "wait", "selector": line, "text": "is the tote waterproof?"})

	// The studio's pipeline has it, from anna, in the question queue.
	m := api.waitChat("question", "is the tote waterproof?")
	if m.Platform != "relay" || m.Display != "anna" || m.Action != "allow" || m.Deleted {
		t.Errorf("the studio's copy: %+v", m)
	}
	if all := api.chat(""); len(all) != 1 {
		t.Errorf("the studio's chat has %d messages, want 1: %+v", len(all), all)
	}

	// The moderator deletes it: the relay removes it from the page.
	api.post("moderate", fmt.Sprintf(`{"action":"delete","message_id":%q,"reason":"test","moderator":"mia"}`, m.ID))
	b.do(map[string]any{"cmd": "wait", "selector": line, "text": "is the tote waterproof?", "gone": true})
	if got := api.waitChat("", "is the tote waterproof?"); !got.Deleted {
		t.Errorf("the studio does not list the message as deleted: %+v", got)
	}
	s.waitFor(t, 0, 10*time.Second, "chat: the relay applied", "action=delete")

	// Spam: the relay has no hold, so the page shows it, but the studio
	// holds it for review and keeps it out of its pane.
	const spam = "buy cheap followers at spam.example now"
	b.do(map[string]any{"cmd": "type", "selector": "#chat-input", "text": spam})
	held := api.waitChat("held", spam)
	if held.Action != "hold" || len(held.Rules) == 0 {
		t.Errorf("the spam as held: %+v", held)
	}
	// And the moderator's delete of the held line works like any other.
	api.post("moderate", fmt.Sprintf(`{"action":"delete","message_id":%q,"moderator":"mia"}`, held.ID))
	b.do(map[string]any{"cmd": "wait", "selector": line, "text": spam, "gone": true})
	// A ban on its author reaches the relay: the page is told, and its
	// next line is refused, never reaching the studio.
	api.post("moderate", fmt.Sprintf(`{"action":"ban","message_id":%q,"reason":"spam","moderator":"mia"}`, held.ID))
	b.do(map[string]any{"cmd": "wait", "selector": "#notice", "text": "The host has banned you"})
	b.do(map[string]any{"cmd": "type", "selector": "#chat-input", "text": "let me back in"})
	b.do(map[string]any{"cmd": "wait", "selector": "#notice", "text": "you are banned from this chat"}) // the relay's refusal
	for _, m := range api.chat("") {
		if m.Text == "let me back in" {
			t.Errorf("a banned viewer's line reached the studio: %+v", m)
		}
	}

	b.close()
	log := s.stop(t, 30*time.Second)
	if strings.Contains(log, relayToken) {
		t.Errorf("the studio printed the relay token")
	}
	// One host socket: the relay never replaced the studio's connection.
	if strings.Contains(log, "another host connection") || strings.Contains(log, "state=reconnecting") {
		t.Errorf("the studio's host socket was replaced or dropped:\n%s", log)
	}
	relay.stop(t, 15*time.Second)
}
