package irc

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

// The connector against a real ngircd: messages arrive as events; a ban
// sends MODE +b and KICK, and the banned user's later messages never
// arrive; after the server restarts, the connector comes back by itself.
func TestConnectorAgainstNgircd(t *testing.T) {
	srv := mediatest.StartNgircd(t)
	events := make(chan Event, 256)
	c := &Client{Addr: fmt.Sprintf("127.0.0.1:%d", srv.Port), Nick: "vitrina", Channel: "#shop",
		OnEvent: func(e Event) { events <- e }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	states := make(chan output.State, 64)
	h := &output.Handler{Name: "irc", Output: c, OnChange: func(s output.Status) { states <- s.State }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	t0 := time.Now()
	defer func() { t.Logf("total %v", time.Since(t0)) }()
	waitState(t, states, output.Live) // first in the channel: ngircd makes us its operator

	t.Logf("live %v", time.Since(t0))
	buyer := mediatest.JoinIRC(t, srv.Port, "buyer", "#shop")
	spammer := mediatest.JoinIRC(t, srv.Port, "spammer", "#shop")
	buyer.Say("#shop", "is the blue one in size M?")
	spammer.Say("#shop", "cheap followers at spam.example")
	waitChat(t, events, "buyer", "is the blue one in size M?")
	waitChat(t, events, "spammer", "cheap followers at spam.example")

	if err := c.Ban("spammer", "spam"); err != nil {
		t.Fatal(err)
	}
	spammer.Expect(t, "KICK #shop spammer")
	spammer.Send("JOIN #shop")
	spammer.Expect(t, " 474 ") // cannot join: banned
	spammer.Say("#shop", "I am back with more spam")
	spammer.Expect(t, " 404 ") // cannot send to channel
	buyer.Say("#shop", "I want it! +1")
	for _, e := range chatUntil(t, events, "buyer", "I want it! +1") {
		if e.User == "spammer" {
			t.Errorf("a banned user's message arrived: %q", e.Text)
		}
	}

	t.Logf("before restart %v", time.Since(t0))
	srv.Stop()
	waitState(t, states, output.Reconnecting)
	srv.Start(t)
	waitState(t, states, output.Live)
	t.Logf("live again %v", time.Since(t0))
	again := mediatest.JoinIRC(t, srv.Port, "buyer2", "#shop")
	again.Say("#shop", "hello after the restart")
	waitChat(t, events, "buyer2", "hello after the restart")
}

func waitState(t *testing.T, states <-chan output.State, want output.State) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case s := <-states:
			if s == want {
				return
			}
		case <-timeout:
			t.Fatalf("connector never %s", want)
		}
	}
}

func waitChat(t *testing.T, events <-chan Event, user, text string) Event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind == Chat && e.User == user && e.Text == text {
				return e
			}
		case <-timeout:
			t.Fatalf("no message %q from %s", text, user)
		}
	}
}

// chatUntil returns the chat events up to and including text from user.
func chatUntil(t *testing.T, events <-chan Event, user, text string) []Event {
	t.Helper()
	var seen []Event
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind != Chat {
				continue
			}
			seen = append(seen, e)
			if e.User == user && e.Text == text {
				return seen
			}
		case <-timeout:
			t.Fatalf("no message %q from %s", text, user)
		}
	}
}
