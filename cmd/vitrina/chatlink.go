package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/chat/chatstore"
	"github.com/vitrina-live/vitrina/studio/chat/irc"
	"github.com/vitrina-live/vitrina/studio/control"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/ui"
)

// chatRecent is how many messages the link remembers by id, for the
// actions the control API names by message_id (pin, delete, approve).
const chatRecent = 10000

// chatLink is a show's chat: every [[chat]] connector feeds one
// moderation pipeline, whose messages and decisions go to the store, and
// the moderators' actions (the control API's /api/moderate) go back to
// the connectors and to the engine's pinned-comment overlay. Like the
// show log it never stops the show: a server that is down is retried by
// an output.Handler, and a failed action is only the caller's error.
type chatLink struct {
	pipe    *chat.Pipeline
	acts    *chat.Actions
	sink    *chatstore.Sink
	runners []chatRunner // the connectors that run on their own (IRC, YouTube)
	first   string       // the first entry's platform: a user named alone is taken to be there
	engine  chatEngine
	air     *onAir // the report's chat rate, want-it and moderation (onair.go)
	log     *slog.Logger

	mu      sync.Mutex
	recent  map[string]chat.Message
	decided map[string]chat.Decision // the pipeline's, by id (chatlink_list.go)
	deleted map[string]bool          // removed by a moderator
	order   []string                 // ids in recent, oldest first
	users   map[string]string

	questions, wants atomic.Uint64

	subMu      sync.Mutex // the window's chat panes (chatlink_feed.go)
	subs       map[chan ui.ChatMessage]struct{}
	paneMissed atomic.Uint64

	overlay chan func(context.Context) // pin and unpin, in order, off the actions' goroutine
}

// chatEngine is the engine as the chat drives it (*studio.Studio).
type chatEngine interface {
	PinComment(ctx context.Context, user, text, answer string) error
	UnpinComment(ctx context.Context) error
}

// startChatLink connects the show's [[chat]] entries, when it has any,
// until the returned function is called after st.Run has returned; the
// link is nil without chat. A password that cannot be found is the show
// file's error; a store that cannot be opened leaves the show without its
// chat, and a server that cannot be reached is retried: both only logged.
func startChatLink(st chatEngine, cfg studio.Config, showPath string, stores *runStores, log *slog.Logger) (link *chatLink, stop func(), err error) {
	entries := cfg.Show.Chat
	if len(entries) == 0 {
		return nil, func() {}, nil
	}
	passes := make([]string, len(entries))
	for i, c := range entries {
		if passes[i], err = chatPassword(c, cfg); err != nil {
			return nil, nil, err
		}
	}
	if stores.relayChat == nil && hasPlatformChat(cfg.Show) {
		// show.Load refuses this; a show built in code could still do it.
		return nil, nil, fmt.Errorf("%w: chat platform: the show has no [platform] socket to read it over", studio.ErrBadInput)
	}
	db, err := stores.DB(context.Background())
	if err != nil {
		// The chat must not stop the show: it goes on without it.
		log.Error("chat: the store cannot be opened: the show runs without its chat", "err", err)
		return nil, func() {}, nil
	}
	showID := chatShowID(cfg.Show, showPath)
	l := &chatLink{engine: st, air: stores.OnAir(), log: log.With("component", "chat"), recent: map[string]chat.Message{}, users: map[string]string{},
		overlay: make(chan func(context.Context), 64)}
	l.sink, err = chatstore.Open(chatstore.Config{DB: db, Show: showID, Logger: l.log})
	if err != nil {
		log.Error("chat: the show runs without its chat", "err", err)
		return nil, func() {}, nil
	}
	l.pipe = chat.New(chat.Config{Sink: l.sink, Products: chatProducts(cfg.Catalog, cfg.Show.Rundown), Logger: l.log})
	moderators := l.connect(entries, passes, stores.relayChat)
	l.acts, err = chat.NewActions(chat.ActionsConfig{Pipeline: l.pipe, Moderators: moderators,
		Audit: &chatstore.Audit{DB: db, Show: showID}, Cards: &chatstore.Cards{DB: db, Show: showID, Sink: l.sink},
		OnEvent: l.acted, Logger: l.log})
	if err != nil {
		l.sink.Close()
		log.Error("chat: the show runs without its chat", "err", err)
		return nil, func() {}, nil
	}

	stopRelay := func() {}
	if stores.relayChat != nil {
		stopRelay = l.startRelayChat(stores.relayChat)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, r := range l.runners {
		name := r.name
		h := &output.Handler{Name: "chat", Output: r.out, OnChange: func(s output.Status) {
			l.log.Info("chat connection", "chat", name, "state", s.State, "err", s.Err, "retry_in", s.Retry.Round(time.Millisecond))
		}}
		wg.Go(func() { h.Run(ctx) })
	}
	overlayDone := make(chan struct{})
	overlay := l.overlay // stop sets the field to nil under l.mu
	go func() {
		defer close(overlayDone)
		for do := range overlay {
			octx, ocancel := context.WithTimeout(context.Background(), 10*time.Second)
			do(octx)
			ocancel()
		}
	}()
	return l, func() {
		stopRelay()
		cancel()
		wg.Wait()
		l.mu.Lock()
		close(l.overlay)
		l.overlay = nil
		l.mu.Unlock()
		<-overlayDone
		fctx, fcancel := context.WithTimeout(context.Background(), storeTimeout)
		if err := l.sink.Flush(fctx); err != nil {
			l.log.Error("chat: messages were not all stored", "err", err)
		}
		fcancel()
		l.sink.Close()
		s := l.pipe.Stats()
		l.log.Info("chat summary", "show", showID, "messages", s.Messages, "held", s.Held, "blocked", s.Blocked,
			"questions", l.questions.Load(), "want_it", l.wants.Load(), "pane_missed", l.paneMissed.Load())
	}, nil
}

// chatShowID names the show the messages are stored under: its title, else
// the show file's name.
func chatShowID(f *show.File, showPath string) string {
	if f.Show.Title == "" && showPath == "" {
		return "default"
	}
	return showName(f, showPath)
}

// chatPassword finds an entry's server password: the key store when it
// names a key, else the environment when it names a variable, else none.
func chatPassword(c show.Chat, cfg studio.Config) (string, error) {
	if c.KeyName == "" && c.TokenEnv == "" {
		return "", nil
	}
	return keyedSecret(cfg, "chat "+c.Name(), c.KeyName, c.TokenEnv)
}

// incoming is one event from an IRC connector, on its goroutine.
func (l *chatLink) incoming(platform string, e irc.Event) {
	if e.Kind != irc.Chat {
		irc.Enforce(l.pipe, platform, e)
		return
	}
	l.take(e.Message(platform))
}

// take moderates one message from any connector, on its goroutine: the
// pipeline decides, the store keeps it, the panes show it.
func (l *chatLink) take(m chat.Message) {
	d := l.pipe.Process(m)
	m.ID = d.ID
	l.remember(m, d)
	l.publish(m, d)
	l.air.chatSeen(slices.Contains(d.Queues, chat.QueueWant), d.Products)
	if d.Action == chat.Block {
		l.air.moderation("auto-block", "", m.Time)
	}
	for _, q := range d.Queues {
		switch q {
		case chat.QueueQuestion:
			l.questions.Add(1)
		case chat.QueueWant:
			l.wants.Add(1)
		}
	}
	if len(d.Queues) > 0 || d.Action != chat.Allow {
		l.log.Info("chat: triaged", "id", d.ID, "platform", m.Platform, "user", m.User, "action", d.Action,
			"queues", strings.Join(d.Queues, ","), "rules", strings.Join(d.Rules, ","))
	}
}

// remember keeps a message by id for the actions that name it.
func (l *chatLink) remember(m chat.Message, d chat.Decision) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.recent[m.ID]; !ok {
		l.order = append(l.order, m.ID)
	}
	l.recent[m.ID] = m
	if l.decided == nil {
		l.decided, l.deleted = map[string]chat.Decision{}, map[string]bool{}
	}
	l.decided[m.ID] = d
	l.users[strings.ToLower(m.User)] = m.Platform
	if len(l.order) > chatRecent {
		delete(l.recent, l.order[0])
		delete(l.decided, l.order[0])
		delete(l.deleted, l.order[0])
		l.order = l.order[1:]
	}
}

func (l *chatLink) message(id string) (chat.Message, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, ok := l.recent[id]
	if id == "" || !ok {
		return chat.Message{}, fmt.Errorf("%w: chat: message_id %q: no such message in this show", studio.ErrBadInput, id)
	}
	return m, nil
}

// user names who an action on a user acts on: the author of message_id
// when given, else the user as the chat last saw them.
func (l *chatLink) user(mod control.Moderation) (chat.UserRef, error) {
	if mod.MessageID != "" {
		m, err := l.message(mod.MessageID)
		if err != nil {
			return chat.UserRef{}, err
		}
		return chat.Author(m), nil
	}
	if mod.User == "" {
		return chat.UserRef{}, fmt.Errorf("%w: chat: %s needs user or message_id", studio.ErrBadInput, mod.Action)
	}
	u := strings.ToLower(mod.User)
	l.mu.Lock()
	platform, ok := l.users[u]
	l.mu.Unlock()
	if !ok {
		platform = l.first
	}
	return chat.UserRef{Platform: platform, User: u, Display: mod.User}, nil
}

// moderator is the control API's /api/moderate: nil without a link.
func (l *chatLink) moderator() func(context.Context, control.Moderation) error {
	if l == nil {
		return nil
	}
	return l.moderate
}

// moderate is the control API's /api/moderate. For pin and answered the
// reason is the host's answer.
func (l *chatLink) moderate(ctx context.Context, mod control.Moderation) error {
	var err error
	switch mod.Action {
	case "ban", "unban", "timeout":
		var u chat.UserRef
		if u, err = l.user(mod); err != nil {
			return err
		}
		switch mod.Action {
		case "ban":
			_, err = l.acts.Ban(ctx, mod.Moderator, u, mod.Reason)
		case "unban":
			_, err = l.acts.Unban(ctx, mod.Moderator, u)
		default:
			_, err = l.acts.Timeout(ctx, mod.Moderator, u, mod.Duration, mod.Reason)
		}
	case "delete", "pin", "answered":
		var m chat.Message
		if m, err = l.message(mod.MessageID); err != nil {
			return err
		}
		switch mod.Action {
		case "delete":
			_, err = l.acts.Delete(ctx, mod.Moderator, m, mod.Reason)
		case "pin":
			_, err = l.acts.Pin(ctx, mod.Moderator, m, mod.Reason)
		default:
			_, err = l.acts.MarkAnswered(ctx, mod.Moderator, m, mod.Reason)
		}
	case "unpin":
		_, err = l.acts.Unpin(ctx, mod.Moderator)
	case "approve":
		_, err = l.acts.Approve(ctx, mod.Moderator, mod.MessageID)
	case "deny":
		_, err = l.acts.Deny(ctx, mod.Moderator, mod.MessageID)
	default:
		return fmt.Errorf("%w: chat: action %q: want ban, unban, timeout, delete, pin, unpin, answered, approve or deny", studio.ErrBadInput, mod.Action)
	}
	switch {
	case err == nil:
	case errors.Is(err, chat.ErrBadAction), errors.Is(err, chat.ErrNotHeld), errors.Is(err, chat.ErrNoConnector),
		errors.Is(err, chat.ErrNotFound):
		return fmt.Errorf("%w: %w", studio.ErrBadInput, err)
	default:
		return err
	}
	return nil // the actions log it
}

// acted hears every action taken; pin and unpin go to the engine's
// overlay, in order, without blocking the moderator.
func (l *chatLink) acted(ev chat.ActionEvent) {
	if ev.Kind != chat.ActCard {
		l.air.moderation(string(ev.Kind), ev.Moderator, ev.Time)
	}
	var do func(context.Context)
	switch ev.Kind {
	case chat.ActDelete:
		l.mu.Lock()
		if _, ok := l.recent[ev.Message.ID]; ok && !ev.Local { // gone for the viewers, not only from the pane
			l.deleted[ev.Message.ID] = true
		}
		l.mu.Unlock()
		return
	case chat.ActPin:
		if ev.Pin == nil {
			return
		}
		p := *ev.Pin
		do = func(ctx context.Context) {
			if err := l.engine.PinComment(ctx, p.Display, p.Text, p.Answer); err != nil {
				l.log.Warn("chat: the pinned comment is not on the program", "err", err)
			}
		}
	case chat.ActUnpin:
		do = func(ctx context.Context) {
			if err := l.engine.UnpinComment(ctx); err != nil {
				l.log.Warn("chat: the pinned comment is still on the program", "err", err)
			}
		}
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.overlay == nil {
		return
	}
	select {
	case l.overlay <- do:
	default:
		l.log.Warn("chat: overlay busy: a pin or unpin was dropped", "action", ev.Kind)
	}
}

// fanout is one platform's moderator over every connection to it: a ban
// goes to each channel the show reads, a reply to the message's channel.
type fanout struct{ mods []irc.Moderator }

var _ chat.Moderator = (*fanout)(nil)

func (f *fanout) each(do func(irc.Moderator) error) error {
	var errs []error
	unsupported := 0
	for _, m := range f.mods {
		err := do(m)
		if errors.Is(err, chat.ErrUnsupported) {
			unsupported++
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if unsupported > 0 && unsupported < len(f.mods) {
		// Done where the platform could: not the platform's refusal.
		var rest []error
		for _, e := range errs {
			if !errors.Is(e, chat.ErrUnsupported) {
				rest = append(rest, e)
			}
		}
		return errors.Join(rest...)
	}
	return errors.Join(errs...)
}

func (f *fanout) Delete(ctx context.Context, m chat.Message) error {
	return f.each(func(mo irc.Moderator) error { return mo.Delete(ctx, m) })
}

func (f *fanout) Timeout(ctx context.Context, u chat.UserRef, d time.Duration, reason string) error {
	return f.each(func(mo irc.Moderator) error { return mo.Timeout(ctx, u, d, reason) })
}

func (f *fanout) LiftTimeout(ctx context.Context, u chat.UserRef) error {
	return f.each(func(mo irc.Moderator) error { return mo.LiftTimeout(ctx, u) })
}

func (f *fanout) Ban(ctx context.Context, u chat.UserRef, reason string) error {
	return f.each(func(mo irc.Moderator) error { return mo.Ban(ctx, u, reason) })
}

func (f *fanout) Unban(ctx context.Context, u chat.UserRef) error {
	return f.each(func(mo irc.Moderator) error { return mo.Unban(ctx, u) })
}

func (f *fanout) Reply(ctx context.Context, text string, to chat.Message) error {
	for _, m := range f.mods {
		if strings.EqualFold(m.C.Channel, to.Channel) {
			return m.Reply(ctx, text, to)
		}
	}
	return f.mods[0].Reply(ctx, text, to)
}
