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

// Send sends one host event live on the host socket and waits for the
// relay's ack (its seq) or its refusal (a *platform.RefusedError); while
// the socket is down it fails at once with ErrNotConnected. Safe from any
// goroutine but the one calling the Start callbacks.
func (c *Client) Send(ctx context.Context, ev platform.Event) (platform.Ack, error) {
	a, err := c.host.Send(ctx, ev)
	if err != nil {
		return a, fmt.Errorf("relay chat: %w", err)
	}
	return a, nil
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
