package chat

import (
	"context"
	"time"
)

// UserCard is what a moderator sees on opening a user: this show's
// messages, the past shows, loyalty and what was done to them before.
type UserCard struct {
	User     UserRef
	ThisShow []StoredMessage // newest first
	Past     []ShowVisit     // newest first, this show left out
	Loyalty  Loyalty
	Actions  []AuditEntry // moderation of this user in every show, newest first
	// Banned or TimedOutUntil: what the pipeline enforces now.
	Banned        bool
	TimedOutUntil time.Time
}

// StoredMessage is a message as the store kept it, with its decision and
// what became of it if it was held.
type StoredMessage struct {
	Message  Message
	Decision Decision
	Verdict  Verdict // "" unless it was held and resolved
}

// ShowVisit is one show the user wrote in.
type ShowVisit struct {
	Show        string
	First, Last time.Time
	Messages    int
}

// Loyalty is how much of a regular a user is, over every show.
type Loyalty struct {
	Shows     int // shows the user wrote in, this one included
	Messages  int
	Purchases int
	FirstSeen time.Time
}

// Cards reads users' history: the store implements it.
type Cards interface {
	UserCard(ctx context.Context, u UserRef, limit int) (UserCard, error)
}

// cardMessages is how many of this show's messages a card shows.
const cardMessages = 50

// Card opens a user's card: the store's history plus what the pipeline
// enforces now. Opening it is not an action, so it is not logged.
func (a *Actions) Card(ctx context.Context, u UserRef) (UserCard, error) {
	var c UserCard
	if a.cfg.Cards != nil {
		var err error
		if c, err = a.cfg.Cards.UserCard(ctx, u, cardMessages); err != nil {
			return UserCard{}, err
		}
	}
	if u.Display == "" {
		u.Display = c.User.Display // the store knows the latest name
	}
	c.User = u
	if a.cfg.Pipeline != nil {
		if until, ok := a.cfg.Pipeline.Restricted(u.Platform, u.User, a.now()); ok {
			c.Banned, c.TimedOutUntil = until.IsZero(), until
		}
	}
	return c, nil
}
