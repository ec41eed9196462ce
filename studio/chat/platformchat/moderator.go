package platformchat

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// ackLimit bounds the wait for the relay's answer to one event.
const ackLimit = 10 * time.Second

// Send sends one host event with our next id and waits for the relay's
// ack (its seq) or its refusal (a *platform.RefusedError). Safe from any
// goroutine but the one calling OnMessage and OnEvent.
func (c *Client) Send(ctx context.Context, ev platform.Event) (platform.Ack, error) {
	c.mu.Lock()
	conn := c.conn
	if conn == nil {
		c.mu.Unlock()
		return platform.Ack{}, fmt.Errorf("%w: %s", ErrNotConnected, ev.Type())
	}
	c.nextID++
	id := c.nextID
	w := make(chan reply, 1)
	c.waiting[id] = w
	c.mu.Unlock()
	forget := func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(ctx, ackLimit)
	defer cancel()
	if err := conn.Send(ctx, id, ev); err != nil {
		forget()
		return platform.Ack{}, fmt.Errorf("relay chat: %s: %w", ev.Type(), err)
	}
	select {
	case r := <-w:
		return r.ack, r.err
	case <-ctx.Done():
		forget()
		return platform.Ack{}, fmt.Errorf("relay chat: %s: no answer: %w", ev.Type(), ctx.Err())
	}
}

// answer hands an ack or an error to the Send waiting for it.
func (c *Client) answer(ev platform.Event) {
	var id uint64
	var r reply
	switch x := ev.(type) {
	case platform.Ack:
		id, r.ack = x.ID, x
	case platform.ErrorData:
		id, r.err = x.Ref, &platform.RefusedError{Data: x}
		if id == 0 {
			c.logger().Warn("relay chat: the relay reports an error", "code", string(x.Code), "message", x.Message)
			return
		}
	default:
		return
	}
	c.mu.Lock()
	w, ok := c.waiting[id]
	delete(c.waiting, id)
	c.mu.Unlock()
	if ok {
		w <- r
	}
}

// The Client is the relay's chat.Moderator.
var _ chat.Moderator = (*Client)(nil)

// Delete removes a message for every viewer.
func (c *Client) Delete(ctx context.Context, m chat.Message) error {
	seq, err := c.seqOf(m.ID)
	if err != nil {
		return err
	}
	return c.act(ctx, platform.ChatDelete{MessageID: seq})
}

// Timeout refuses the viewer's messages for d, rounded up to whole
// seconds, at most the protocol's 24 hours.
func (c *Client) Timeout(ctx context.Context, u chat.UserRef, d time.Duration, reason string) error {
	secs := int(math.Ceil(d.Seconds()))
	secs = min(max(secs, 1), platform.MaxTimeout)
	return c.act(ctx, platform.ChatTimeout{Viewer: u.User, DurationS: secs, Reason: clean(reason, platform.MaxTextRunes, false)})
}

// LiftTimeout ends a timeout. Protocol version 1 has no event for it, but
// a timeout replaces the one before: a one-second timeout ends it.
func (c *Client) LiftTimeout(ctx context.Context, u chat.UserRef) error {
	return c.act(ctx, platform.ChatTimeout{Viewer: u.User, DurationS: 1, Reason: "timeout lifted"})
}

// Ban refuses the viewer's messages (and their nickname's) for the rest of
// the show; their earlier lines stay (delete them one by one).
func (c *Client) Ban(ctx context.Context, u chat.UserRef, reason string) error {
	return c.act(ctx, platform.ChatBan{Viewer: u.User, Reason: clean(reason, platform.MaxTextRunes, false)})
}

// Unban is not possible: protocol version 1 bans for the rest of the show
// and has no unban event. The studio still lifts its own block.
func (c *Client) Unban(context.Context, chat.UserRef) error {
	return fmt.Errorf("%w: relay protocol v1 has no unban; a ban lasts the show", chat.ErrUnsupported)
}

// Reply posts text as the host, answering m (reply_to its seq).
func (c *Client) Reply(ctx context.Context, text string, m chat.Message) error {
	msg := platform.ChatMessage{Text: clean(text, platform.MaxChatRunes, true)}
	if seq, err := c.seqOf(m.ID); err == nil {
		msg.ReplyTo = seq
	}
	if msg.Text == "" {
		return fmt.Errorf("%w: an empty reply", chat.ErrBadAction)
	}
	return c.act(ctx, msg)
}

func (c *Client) act(ctx context.Context, ev platform.Event) error {
	_, err := c.Send(ctx, ev)
	var r *platform.RefusedError
	if errors.Is(err, platform.ErrInvalid) || (errors.As(err, &r) && r.Data.Code == platform.CodeInvalid) {
		// An invalid event (a user id that is not a viewer's, say) is the
		// platform refusing the action, not a failed connection.
		return fmt.Errorf("%w: %w", chat.ErrUnsupported, err)
	}
	return err
}

// clean makes free text acceptable to the relay: valid UTF-8, no control
// characters (multiline text, chat, keeps new lines and tabs), at most n
// characters.
func clean(s string, n int, multiline bool) string {
	var b strings.Builder
	k := 0
	for _, r := range strings.ToValidUTF8(s, "") {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			continue
		}
		if k == n {
			break
		}
		b.WriteRune(r)
		k++
	}
	return strings.TrimSpace(b.String())
}
