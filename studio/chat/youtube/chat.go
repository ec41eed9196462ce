package youtube

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
)

// Message maps a Chat event to the pipeline's message: the author's
// channel id is the user, the owner is the broadcaster, members count as
// subscribers.
func (e Event) Message() chat.Message {
	return chat.Message{ID: e.ID, Platform: chat.PlatformYouTube, User: e.ChannelID, Display: e.Display,
		Text: e.Text, Time: e.Time,
		Badges: chat.Badges{Moderator: e.Moderator, Broadcaster: e.Owner, Subscriber: e.Sponsor}}
}

// Enforce applies a ban or timeout seen in the chat to the pipeline.
func Enforce(p *chat.Pipeline, e Event) {
	if e.Kind != Ban || e.ChannelID == "" {
		return
	}
	until := time.Time{}
	if e.Duration > 0 {
		until = e.Time.Add(e.Duration)
	}
	p.Restrict(chat.PlatformYouTube, e.ChannelID, until)
}

// Moderator is the YouTube client's chat.Moderator. YouTube lifts a ban
// or a timeout by the ban's id, so it remembers the ids of the bans it
// made; one made elsewhere (YouTube Studio) must be lifted there.
type Moderator struct {
	C *Client

	mu   sync.Mutex
	bans map[string]string // channel id → ban id
}

var _ chat.Moderator = (*Moderator)(nil)

func (m *Moderator) Delete(ctx context.Context, msg chat.Message) error {
	return m.C.Delete(ctx, msg.ID)
}

// Timeout takes the shortest of YouTube's lengths that is at least d (24 h
// at most): a moderator's "10 minutes" is one of them anyway.
func (m *Moderator) Timeout(ctx context.Context, u chat.UserRef, d time.Duration, _ string) error {
	length := Timeouts[len(Timeouts)-1]
	for _, t := range Timeouts {
		if t >= d {
			length = t
			break
		}
	}
	return m.ban(ctx, u, length)
}

func (m *Moderator) LiftTimeout(ctx context.Context, u chat.UserRef) error { return m.Unban(ctx, u) }

func (m *Moderator) Ban(ctx context.Context, u chat.UserRef, _ string) error { return m.ban(ctx, u, 0) }

func (m *Moderator) ban(ctx context.Context, u chat.UserRef, d time.Duration) error {
	id, err := m.C.Ban(ctx, u.User, d)
	if err != nil {
		return err
	}
	m.mu.Lock()
	if m.bans == nil {
		m.bans = map[string]string{}
	}
	m.bans[u.User] = id
	m.mu.Unlock()
	return nil
}

func (m *Moderator) Unban(ctx context.Context, u chat.UserRef) error {
	m.mu.Lock()
	id, ok := m.bans[u.User]
	m.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w: no ban of %s made from this studio; lift it in YouTube Studio", chat.ErrUnsupported, u.User)
	}
	if err := m.C.Unban(ctx, id); err != nil {
		return err
	}
	m.mu.Lock()
	delete(m.bans, u.User)
	m.mu.Unlock()
	return nil
}

// Reply posts as the channel, addressed to the author.
func (m *Moderator) Reply(ctx context.Context, text string, to chat.Message) error {
	if to.Display != "" {
		text = "@" + to.Display + " " + text
	}
	return m.C.Say(ctx, text)
}
