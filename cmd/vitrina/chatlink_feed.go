package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/ui"
)

// paneModerator is the name the studio window's actions carry in the
// audit log.
const paneModerator = "studio"

// paneTimeout is the window's timeout action's length.
const paneTimeout = 10 * time.Minute

// paneBuffer is how many messages wait for a pane that is behind; past it
// the pane misses messages (they are still stored) rather than slowing
// the connectors.
const paneBuffer = 4096

// chatFeed is the show's chat as the studio window's chat pane sees it:
// the same pipeline's messages, and its actions going to chat.Actions.
type chatFeed struct{ l *chatLink }

var _ ui.ChatFeed = chatFeed{}

// feed is the link's ui.ChatFeed; nil without a link.
func (l *chatLink) feed() ui.ChatFeed {
	if l == nil {
		return nil
	}
	return chatFeed{l}
}

func (f chatFeed) Messages() (<-chan ui.ChatMessage, func()) {
	l := f.l
	ch := make(chan ui.ChatMessage, paneBuffer)
	l.subMu.Lock()
	if l.subs == nil {
		l.subs = map[chan ui.ChatMessage]struct{}{}
	}
	l.subs[ch] = struct{}{}
	l.subMu.Unlock()
	return ch, func() {
		l.subMu.Lock()
		defer l.subMu.Unlock()
		if _, ok := l.subs[ch]; ok {
			delete(l.subs, ch)
			close(ch)
		}
	}
}

func (f chatFeed) Act(ctx context.Context, msg ui.ChatMessage, a ui.ChatAction) error {
	l := f.l
	if a == ui.ChatApprove {
		_, err := l.acts.Approve(ctx, paneModerator, msg.ID)
		return err
	}
	m, err := l.message(msg.ID)
	if err != nil {
		return err
	}
	switch a {
	case ui.ChatDelete:
		_, err = l.acts.Delete(ctx, paneModerator, m, "")
	case ui.ChatTimeout:
		_, err = l.acts.Timeout(ctx, paneModerator, chat.Author(m), paneTimeout, "")
	case ui.ChatBan:
		_, err = l.acts.Ban(ctx, paneModerator, chat.Author(m), "")
	default:
		return fmt.Errorf("%w: chat: the pane's action %q", studio.ErrBadInput, a)
	}
	return err
}

// publish hands a moderated message to the panes that follow the chat: what
// the pipeline shows, and what it holds for review. Never blocks.
func (l *chatLink) publish(m chat.Message, d chat.Decision) {
	if !d.Shown && d.Action != chat.Hold {
		return
	}
	l.subMu.Lock()
	defer l.subMu.Unlock()
	if len(l.subs) == 0 {
		return
	}
	um := ui.ChatMessage{ID: d.ID, Platform: m.Platform, User: m.User, Display: m.Display, Text: d.Display,
		Time: m.Time, Action: string(d.Action), Queues: d.Queues, Products: d.Products, Rules: d.Rules,
		Received: time.Now()}
	if um.Display == "" {
		um.Display = m.User
	}
	for _, b := range []struct {
		name string
		on   bool
	}{{"broadcaster", m.Badges.Broadcaster}, {"moderator", m.Badges.Moderator}, {"subscriber", m.Badges.Subscriber},
		{"buyer", m.Badges.Buyer}, {"first", m.Badges.FirstMessage}} {
		if b.on {
			um.Badges = append(um.Badges, b.name)
		}
	}
	for ch := range l.subs {
		select {
		case ch <- um:
		default:
			l.paneMissed.Add(1)
		}
	}
}

// Pin, Unpin and Reply make the feed a ui.ChatResponder: the pane's pin
// goes through chat.Actions, which logs it and puts it on the program
// (acted calls the engine's PinComment), and a reply goes to the
// message's platform.
var _ ui.ChatResponder = chatFeed{}

func (f chatFeed) Pin(ctx context.Context, msg ui.ChatMessage, answer string) error {
	m, err := f.l.message(msg.ID)
	if err != nil {
		return err
	}
	_, err = f.l.acts.Pin(ctx, paneModerator, m, answer)
	return err
}

func (f chatFeed) Unpin(ctx context.Context) error {
	_, err := f.l.acts.Unpin(ctx, paneModerator)
	return err
}

func (f chatFeed) Reply(ctx context.Context, msg ui.ChatMessage, text string) error {
	m, err := f.l.message(msg.ID)
	if err != nil {
		return err
	}
	_, err = f.l.acts.Reply(ctx, paneModerator, m, text)
	return err
}
