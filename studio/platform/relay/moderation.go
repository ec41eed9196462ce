package relay

import (
	"fmt"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// moderation is a room's chat rules, set by the host: bans, timeouts and
// slow mode. The hub's lock guards it.
type moderation struct {
	slow     time.Duration
	banned   map[string]bool      // viewer ids
	nicks    map[string]bool      // banned nicknames, folded: a reload with a new session stays banned
	timeouts map[string]time.Time // viewer id → until
}

func newModeration(slow time.Duration) moderation {
	return moderation{slow: slow, banned: map[string]bool{}, nicks: map[string]bool{}, timeouts: map[string]time.Time{}}
}

// apply takes the host's moderation events.
func (m *moderation) apply(ev platform.Event, nickOf func(viewer string) string, now time.Time) {
	switch e := ev.(type) {
	case platform.ChatBan:
		m.banned[e.Viewer] = true
		if n := nickOf(e.Viewer); n != "" {
			m.nicks[fold(n)] = true
		}
	case platform.ChatTimeout:
		m.timeouts[e.Viewer] = now.Add(time.Duration(e.DurationS) * time.Second)
	case platform.ChatMode:
		m.slow = time.Duration(e.SlowModeS) * time.Second
	}
}

// mayChat says whether a viewer's chat message may go out now, and if not,
// the error that refuses it. On yes it starts the viewer's slow-mode
// window.
func (m *moderation) mayChat(s *session, now time.Time) *platform.ErrorData {
	if m.banned[s.viewer] || m.nicks[fold(s.nick)] {
		return &platform.ErrorData{Code: platform.CodeBanned, Message: "you are banned from this chat"}
	}
	if until, ok := m.timeouts[s.viewer]; ok {
		if now.Before(until) {
			left := until.Sub(now)
			return &platform.ErrorData{Code: platform.CodeTimedOut, RetryAfterMS: left.Milliseconds(),
				Message: fmt.Sprintf("you are timed out for %s more", left.Round(time.Second))}
		}
		delete(m.timeouts, s.viewer)
	}
	if m.slow > 0 && !s.lastChat.IsZero() {
		if next := s.lastChat.Add(m.slow); now.Before(next) {
			left := next.Sub(now)
			return &platform.ErrorData{Code: platform.CodeSlowMode, RetryAfterMS: left.Milliseconds(),
				Message: fmt.Sprintf("slow mode: one message every %s; wait %s", m.slow, left.Round(100*time.Millisecond))}
		}
	}
	s.lastChat = now
	return nil
}

func fold(nick string) string { return strings.ToLower(strings.TrimSpace(nick)) }

// bucket is a token bucket: rate per second sustained, burst at once.
type bucket struct {
	rate, burst float64
	tokens      float64
	at          time.Time
}

func newBucket(rate int) bucket {
	return bucket{rate: float64(rate), burst: float64(2 * rate), tokens: float64(2 * rate)}
}

// take spends one token if there is one.
func (b *bucket) take(now time.Time) bool {
	if b.rate <= 0 {
		return true
	}
	if !b.at.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.at).Seconds()*b.rate)
	}
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Error budget: this many protocol errors within errorWindow close the
// socket (1008). Refusals a user causes by hand (slow mode, a ban, a sold
// out product) do not count; malformed, unknown, invalid, not allowed and
// rate-limited messages do.
const (
	errorBudget = 20
	errorWindow = 10 * time.Second
)

type budget struct {
	n     int
	start time.Time
}

// spend counts one error and reports whether the budget is exhausted.
func (b *budget) spend(now time.Time) bool {
	if now.Sub(b.start) > errorWindow {
		b.n, b.start = 0, now
	}
	b.n++
	return b.n > errorBudget
}

func countsAgainst(c platform.Code) bool {
	switch c {
	case platform.CodeBadJSON, platform.CodeUnknownType, platform.CodeInvalid, platform.CodeNotAllowed, platform.CodeRateLimited:
		return true
	}
	return false
}
