package irc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

// Recorded Twitch lines map to the pipeline's message, and its bans and
// timeouts to the pipeline's restrictions.
func TestTwitchToChat(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	e, _ := Interpret(Parse(`@badges=moderator/1,subscriber/6;display-name=RonniDavis;emotes=25:0-4;id=b34c;tmi-sent-ts=1507246572675;user-id=1337 :ronnidavis!ronnidavis@x PRIVMSG #shop :Kappa is it silk?`), now)
	m := e.Message(chat.PlatformTwitch)
	if m.ID != "b34c" || m.User != "1337" || m.Display != "RonniDavis" || !m.Badges.Moderator || !m.Badges.Subscriber ||
		m.Badges.Broadcaster || len(m.Emotes) != 1 || m.Channel != "#shop" || !m.Time.Equal(time.UnixMilli(1507246572675)) {
		t.Errorf("message %+v", m)
	}
	if nick(chat.Author(m)) != "ronnidavis" {
		t.Errorf("a Twitch user is acted on by login, got %q", nick(chat.Author(m)))
	}
	plain, _ := Interpret(Parse(`:Buyer!b@host PRIVMSG #shop :hello`), now)
	if pm := plain.Message(chat.PlatformIRC); pm.User != "buyer" || pm.Display != "Buyer" || nick(chat.Author(pm)) != "buyer" {
		t.Errorf("plain IRC message %+v", pm)
	}

	p := chat.New(chat.Config{Logger: slog.New(slog.DiscardHandler)})
	for _, line := range []string{
		`@ban-duration=600;target-user-id=111;tmi-sent-ts=1642715756806 :tmi.twitch.tv CLEARCHAT #shop :timed`,
		`@target-user-id=222;tmi-sent-ts=1642715756806 :tmi.twitch.tv CLEARCHAT #shop :banned`,
		`@tmi-sent-ts=1642715756806 :tmi.twitch.tv CLEARCHAT #shop`,
	} {
		e, _ := Interpret(Parse(line), now)
		Enforce(p, chat.PlatformTwitch, e)
	}
	at := time.UnixMilli(1642715756806)
	if until, ok := p.Restricted(chat.PlatformTwitch, "111", at); !ok || !until.Equal(at.Add(10*time.Minute)) {
		t.Errorf("timeout: %v %v", until, ok)
	}
	if until, ok := p.Restricted(chat.PlatformTwitch, "222", at.Add(time.Hour)); !ok || !until.IsZero() {
		t.Errorf("ban: %v %v", until, ok)
	}
	if d := p.Process(chat.Message{Platform: chat.PlatformTwitch, User: "222", Text: "hi", Time: at}); d.Action != chat.Block {
		t.Errorf("a banned user's message: %+v", d)
	}
}

// The check against a real ngircd: a ban by our moderator, taken
// as a chat action, sends the IRC commands, is in the audit log, and keeps
// the user's later messages out of the pane, even one that was in flight.
func TestModeratorBanAgainstNgircd(t *testing.T) {
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
	waitState(t, states, output.Live)

	p := chat.New(chat.Config{Logger: slog.New(slog.DiscardHandler)})
	audit := &chat.MemoryAudit{}
	acts, err := chat.NewActions(chat.ActionsConfig{Pipeline: p, Audit: audit, Logger: slog.New(slog.DiscardHandler),
		Moderators: map[string]chat.Moderator{c.Platform(): Moderator{C: c}}})
	if err != nil {
		t.Fatal(err)
	}
	spammer := mediatest.JoinIRC(t, srv.Port, "spammer", "#shop")
	spammer.Say("#shop", "cheap followers at spam.example")
	m := waitChat(t, events, "spammer", "cheap followers at spam.example").Message(c.Platform())
	if d := p.Process(m); d.Action != chat.Hold {
		t.Errorf("the spam: %+v", d)
	}
	if _, err := acts.Ban(ctx, "mia", chat.Author(m), "spam"); err != nil {
		t.Fatal(err)
	}
	spammer.Expect(t, "KICK #shop spammer")
	if e := audit.Entries(); len(e) != 1 || e[0].Action != chat.ActBan || e[0].Moderator != "mia" || e[0].Result != "ok" {
		t.Errorf("audit %+v", e)
	}
	// A line the server had taken before the ban reaches us after it.
	late := m
	late.Text, late.ID = "one more", ""
	if d := p.Process(late); d.Action != chat.Block || !d.Fired("banned") || d.Shown {
		t.Errorf("a banned user's later message: %+v", d)
	}
	// Deleting one message is not possible on IRC: local only.
	if ev, err := acts.Delete(ctx, "mia", chat.Message{ID: "x", Platform: c.Platform(), User: "spammer"}, ""); !errors.Is(err, chat.ErrUnsupported) || !ev.Local {
		t.Errorf("delete on IRC: %v %+v", err, ev)
	}
	if _, err := acts.Undo(ctx, "mia", audit.Entries()[0].ID); err != nil {
		t.Fatal(err)
	}
	// Unbanned, they can join again. The unban reaches the server on our
	// connection and their JOIN on theirs, in either order: a JOIN the
	// server still refuses (474) is tried again after its answer.
	for try := 1; ; try++ {
		spammer.Send("JOIN #shop")
		if l := spammer.ExpectAny(t, " 366 ", " 474 "); strings.Contains(l, " 366 ") {
			break
		}
		if try == 20 {
			t.Fatal("the unbanned user still cannot join")
		}
	}
}
