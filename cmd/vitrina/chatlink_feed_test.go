package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/chat/irc"
	"github.com/vitrina-live/vitrina/studio/control"
	"github.com/vitrina-live/vitrina/studio/ui"
)

// fakeChatMod is a platform that records the bans it was asked for.
type fakeChatMod struct {
	mu     sync.Mutex
	banned []string
}

func (f *fakeChatMod) Delete(context.Context, chat.Message) error { return chat.ErrUnsupported }
func (f *fakeChatMod) Timeout(context.Context, chat.UserRef, time.Duration, string) error {
	return nil
}
func (f *fakeChatMod) LiftTimeout(context.Context, chat.UserRef) error { return nil }
func (f *fakeChatMod) Ban(_ context.Context, u chat.UserRef, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.banned = append(f.banned, u.User)
	return nil
}
func (f *fakeChatMod) Unban(context.Context, chat.UserRef) error         { return nil }
func (f *fakeChatMod) Reply(context.Context, string, chat.Message) error { return nil }

// fakeCommentOverlay is the engine's pinned comment.
type fakeCommentOverlay struct{ pins chan string }

func (f *fakeCommentOverlay) PinComment(_ context.Context, user, text, answer string) error {
	f.pins <- user + ": " + text + " / " + answer
	return nil
}
func (f *fakeCommentOverlay) UnpinComment(context.Context) error { f.pins <- ""; return nil }

func newTestChatLink(t *testing.T, mod chat.Moderator, eng chatEngine) *chatLink {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	l := &chatLink{engine: eng, log: log, recent: map[string]chat.Message{}, users: map[string]string{},
		overlay: make(chan func(context.Context), 64), first: chat.PlatformIRC}
	l.pipe = chat.New(chat.Config{Logger: log})
	var err error
	l.acts, err = chat.NewActions(chat.ActionsConfig{Pipeline: l.pipe, Moderators: map[string]chat.Moderator{chat.PlatformIRC: mod},
		OnEvent: l.acted, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for do := range l.overlay {
			do(context.Background())
		}
	}()
	t.Cleanup(func() { close(l.overlay) })
	return l
}

func chatSay(l *chatLink, nick, text string) {
	l.incoming(chat.PlatformIRC, irc.Event{Kind: irc.Chat, Channel: "#shop", User: nick, Display: nick, Text: text, Time: time.Now()})
}

func nextPaneMessage(t *testing.T, ch <-chan ui.ChatMessage) ui.ChatMessage {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no message in the pane")
	}
	return ui.ChatMessage{}
}

// The window's chat pane follows the show's pipeline, and its ban goes to
// the platform and keeps the user's later messages out of the pane.
func TestChatFeedFollowsThePipeline(t *testing.T) {
	mod := &fakeChatMod{}
	l := newTestChatLink(t, mod, &fakeCommentOverlay{pins: make(chan string, 4)})
	feed := l.feed()
	msgs, stop := feed.Messages()
	defer stop()
	chatSay(l, "buyer", "is the blue one in size M?")
	q := nextPaneMessage(t, msgs)
	if q.User != "buyer" || q.Text != "is the blue one in size M?" || len(q.Queues) == 0 || q.Queues[0] != chat.QueueQuestion {
		t.Fatalf("the pane got %+v", q)
	}
	chatSay(l, "spammer", "hello")
	s := nextPaneMessage(t, msgs)
	if err := feed.Act(context.Background(), s, ui.ChatBan); err != nil {
		t.Fatal(err)
	}
	mod.mu.Lock()
	if len(mod.banned) != 1 || mod.banned[0] != "spammer" {
		t.Errorf("the platform banned %v", mod.banned)
	}
	mod.mu.Unlock()
	chatSay(l, "spammer", "I am back")
	chatSay(l, "buyer", "I want it +1")
	if m := nextPaneMessage(t, msgs); m.User != "buyer" {
		t.Errorf("after the ban the pane got %+v", m)
	}
	if err := feed.Act(context.Background(), ui.ChatMessage{ID: "nope"}, ui.ChatDelete); err == nil {
		t.Error("an action on an unknown message succeeded")
	}
}

// The control API's pin puts the message and the answer on the program.
func TestChatModeratePinsAComment(t *testing.T) {
	ov := &fakeCommentOverlay{pins: make(chan string, 4)}
	l := newTestChatLink(t, &fakeChatMod{}, ov)
	chatSay(l, "buyer", "is it linen?")
	id := l.order[0]
	ctx := context.Background()
	if err := l.moderator()(ctx, control.Moderation{Action: "pin", MessageID: id, Reason: "yes, 100%", Moderator: "anna"}); err != nil {
		t.Fatal(err)
	}
	if got := <-ov.pins; got != "buyer: is it linen? / yes, 100%" {
		t.Errorf("pinned %q", got)
	}
	if err := l.moderator()(ctx, control.Moderation{Action: "unpin", Moderator: "anna"}); err != nil {
		t.Fatal(err)
	}
	if got := <-ov.pins; got != "" {
		t.Errorf("unpin: %q", got)
	}
	if err := l.moderator()(ctx, control.Moderation{Action: "pin", MessageID: "nope"}); err == nil {
		t.Error("a pin of an unknown message succeeded")
	}
	if err := l.moderator()(ctx, control.Moderation{Action: "dance"}); err == nil {
		t.Error("an unknown action succeeded")
	}
	var nilLink *chatLink
	if nilLink.moderator() != nil || nilLink.feed() != nil {
		t.Error("no chat should leave /api/moderate at 501 and the pane to its own feed")
	}
}
