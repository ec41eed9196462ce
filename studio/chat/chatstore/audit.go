package chatstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// Audit is the moderation audit log of one show in the store: a
// chat.AuditLog. Actions are rare (a person's pace), so each is written
// at once in its own transaction rather than queued: the log must not
// lose the action a moderator just took.
type Audit struct {
	DB   *store.DB
	Show string
}

func (a *Audit) Append(ctx context.Context, e chat.AuditEntry) (int64, error) {
	id, err := a.DB.LogChatAction(ctx, store.ChatAction{Show: a.Show, At: e.Time, Moderator: e.Moderator,
		Action: string(e.Action), Platform: e.Platform, User: e.User, MessageID: e.MessageID, Term: e.Term,
		Text: e.Text, Reason: e.Reason, Duration: e.Duration, Result: e.Result, Undoes: e.Undoes})
	if e.Undoes != 0 && errors.Is(err, store.ErrNotFound) {
		return 0, fmt.Errorf("%w: %w", chat.ErrNotUndoable, err)
	}
	return id, err
}

func (a *Audit) Entry(ctx context.Context, id int64) (chat.AuditEntry, error) {
	r, err := a.DB.ChatActionByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return chat.AuditEntry{}, fmt.Errorf("%w: %w", chat.ErrNotFound, err)
	}
	if err != nil {
		return chat.AuditEntry{}, err
	}
	return auditEntry(r), nil
}

// Log returns the show's audit log, newest first.
func (a *Audit) Log(ctx context.Context, limit int) ([]chat.AuditEntry, error) {
	rows, err := a.DB.ChatActions(ctx, a.Show, limit)
	if err != nil {
		return nil, err
	}
	out := make([]chat.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = auditEntry(r)
	}
	return out, nil
}

func auditEntry(r store.ChatAction) chat.AuditEntry {
	return chat.AuditEntry{ID: r.ID, Time: r.At, Moderator: r.Moderator, Action: chat.ActionKind(r.Action),
		Platform: r.Platform, User: r.User, MessageID: r.MessageID, Term: r.Term, Text: r.Text, Reason: r.Reason,
		Duration: r.Duration, Result: r.Result, Undoes: r.Undoes, UndoneBy: r.UndoneBy}
}

// cardFlushLimit bounds how long opening a card waits for the queue to be
// written, so that it shows the messages just seen; under a flood the card
// opens without the last few rather than not at all.
const cardFlushLimit = 2 * time.Second

// Cards reads users' cards from the store: a chat.Cards. Sink, when set,
// is flushed first.
type Cards struct {
	DB   *store.DB
	Show string
	Sink *Sink
}

func (c *Cards) UserCard(ctx context.Context, u chat.UserRef, limit int) (chat.UserCard, error) {
	if c.Sink != nil {
		fctx, cancel := context.WithTimeout(ctx, cardFlushLimit)
		c.Sink.Flush(fctx)
		cancel()
	}
	su, err := c.DB.ChatUser(ctx, u.Platform, u.User, c.Show, limit)
	if err != nil {
		return chat.UserCard{}, err
	}
	acts, err := c.DB.ChatUserActions(ctx, u.Platform, u.User, limit)
	if err != nil {
		return chat.UserCard{}, err
	}
	card := chat.UserCard{User: u, Loyalty: chat.Loyalty{Shows: su.Shows, Messages: su.Messages,
		Purchases: su.Purchases, FirstSeen: su.FirstSeen}}
	if card.User.Display == "" {
		card.User.Display = su.Display
	}
	for _, m := range su.ThisShow {
		card.ThisShow = append(card.ThisShow, chatMessage(m))
	}
	for _, v := range su.PastShows {
		card.Past = append(card.Past, chat.ShowVisit{Show: v.Show, First: v.First, Last: v.Last, Messages: v.Messages})
	}
	for _, a := range acts {
		card.Actions = append(card.Actions, auditEntry(a))
	}
	return card, nil
}
