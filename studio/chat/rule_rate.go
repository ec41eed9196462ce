package chat

import (
	"strconv"
	"time"
)

// rateRule is slow mode: a user may send at most Messages in any Per.
// Held and blocked messages count, so a spammer cannot keep trying. Soft:
// moderators and buyers are never slowed.
type rateRule struct{ cfg RateConfig }

func (r *rateRule) name() string   { return "rate" }
func (r *rateRule) soft() bool     { return true }
func (r *rateRule) action() Action { return r.cfg.Action }

func (r *rateRule) check(c *checkCtx) (bool, string) {
	st := c.user
	if len(st.sent) == 0 || st.messages < len(st.sent) {
		return false, ""
	}
	// The ring's head is the oldest of the last len(sent) messages: this
	// one would make len(sent)+1 within Per.
	oldest := st.sent[st.head]
	if c.now.UnixNano()-oldest >= int64(r.cfg.Per) {
		return false, ""
	}
	return true, "more than " + strconv.Itoa(r.cfg.Messages) + " messages in " + r.cfg.Per.String()
}

// newUserRule holds messages from accounts younger than MinAccountAge, when
// the platform tells us the age, and, with FirstMessage on, a user's first
// message in the show unless they were seen in past shows or subscribe.
// Soft: a buyer is not new whatever their account's age.
type newUserRule struct{ cfg NewUserConfig }

func (r *newUserRule) name() string   { return "new_user" }
func (r *newUserRule) soft() bool     { return true }
func (r *newUserRule) action() Action { return r.cfg.Action }

func (r *newUserRule) check(c *checkCtx) (bool, string) {
	m := c.msg
	if !m.AccountCreated.IsZero() {
		if age := c.now.Sub(m.AccountCreated); age < r.cfg.MinAccountAge {
			return true, "account " + age.Truncate(time.Minute).String() + " old"
		}
	}
	known := m.Badges.Loyalty > 0 || m.Badges.Subscriber
	if r.cfg.FirstMessage && !known && (c.user.messages == 0 || m.Badges.FirstMessage) {
		return true, "first message"
	}
	return false, ""
}
