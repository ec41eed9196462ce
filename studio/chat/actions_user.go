package chat

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Delete removes a message on its platform. The pane drops it whatever
// the platform says. It cannot be undone: no platform has an "undelete".
func (a *Actions) Delete(ctx context.Context, mod string, m Message, reason string) (ActionEvent, error) {
	if m.ID == "" {
		return ActionEvent{}, fmt.Errorf("%w: delete: the message has no id", ErrBadAction)
	}
	e := msgEntry(ActDelete, mod, m)
	e.Reason = reason
	return a.run(ctx, step{entry: e, ev: ActionEvent{Message: m, User: Author(m)},
		platform: func(ctx context.Context, c Moderator) error { return c.Delete(ctx, m) }})
}

// Timeout keeps a user quiet for d (DefaultTimeout when 0) on the platform,
// and the pipeline blocks their messages until then. Undo lifts it.
func (a *Actions) Timeout(ctx context.Context, mod string, u UserRef, d time.Duration, reason string) (ActionEvent, error) {
	if d == 0 {
		d = DefaultTimeout
	}
	if d < time.Second || u.User == "" {
		return ActionEvent{}, fmt.Errorf("%w: timeout of %q for %v", ErrBadAction, u.User, d)
	}
	e := userEntry(ActTimeout, mod, u)
	e.Duration, e.Reason = d, reason
	return a.run(ctx, step{entry: e, ev: ActionEvent{User: u, Duration: d},
		platform: func(ctx context.Context, c Moderator) error { return c.Timeout(ctx, u, d, reason) },
		local:    func() { a.cfg.Pipeline.Restrict(u.Platform, u.User, a.now().Add(d)) }})
}

// LiftTimeout ends a user's timeout early.
func (a *Actions) LiftTimeout(ctx context.Context, mod string, u UserRef) (ActionEvent, error) {
	return a.liftTimeout(ctx, mod, u, 0)
}

func (a *Actions) liftTimeout(ctx context.Context, mod string, u UserRef, undoes int64) (ActionEvent, error) {
	e := userEntry(ActLiftTimeout, mod, u)
	e.Undoes = undoes
	return a.run(ctx, step{entry: e, ev: ActionEvent{User: u},
		platform: func(ctx context.Context, c Moderator) error { return c.LiftTimeout(ctx, u) },
		local:    func() { a.cfg.Pipeline.Unrestrict(u.Platform, u.User) }})
}

// Ban keeps a user out for good: the platform bans them and the pipeline
// blocks their later messages, so none reaches the pane. Undo unbans.
func (a *Actions) Ban(ctx context.Context, mod string, u UserRef, reason string) (ActionEvent, error) {
	if u.User == "" {
		return ActionEvent{}, fmt.Errorf("%w: ban: no user", ErrBadAction)
	}
	e := userEntry(ActBan, mod, u)
	e.Reason = reason
	return a.run(ctx, step{entry: e, ev: ActionEvent{User: u},
		platform: func(ctx context.Context, c Moderator) error { return c.Ban(ctx, u, reason) },
		local:    func() { a.cfg.Pipeline.Restrict(u.Platform, u.User, time.Time{}) }})
}

// Unban lifts a ban.
func (a *Actions) Unban(ctx context.Context, mod string, u UserRef) (ActionEvent, error) {
	return a.unban(ctx, mod, u, 0)
}

func (a *Actions) unban(ctx context.Context, mod string, u UserRef, undoes int64) (ActionEvent, error) {
	e := userEntry(ActUnban, mod, u)
	e.Undoes = undoes
	return a.run(ctx, step{entry: e, ev: ActionEvent{User: u},
		platform: func(ctx context.Context, c Moderator) error { return c.Unban(ctx, u) },
		local:    func() { a.cfg.Pipeline.Unrestrict(u.Platform, u.User) }})
}

// Reply posts text in the chat of m's platform, answering m. A reply that
// the platform refused did nothing, so it returns the error and no event.
// It cannot be undone (it has been read).
func (a *Actions) Reply(ctx context.Context, mod string, m Message, text string) (ActionEvent, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return ActionEvent{}, fmt.Errorf("%w: an empty reply", ErrBadAction)
	}
	e := msgEntry(ActReply, mod, m)
	e.Text = text
	return a.run(ctx, step{entry: e, ev: ActionEvent{Message: m, User: Author(m)}, needPlatform: true,
		platform: func(ctx context.Context, c Moderator) error { return c.Reply(ctx, text, m) }})
}
