package platformchat

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// EventKind says what a relay event meant for the chat.
type EventKind string

const (
	Deleted  EventKind = "delete"  // a message was removed (chat.delete)
	TimedOut EventKind = "timeout" // a viewer was timed out (chat.timeout)
	Banned   EventKind = "ban"     // a viewer was banned for the show (chat.ban)
	Mode     EventKind = "mode"    // slow mode changed (chat.mode)
	Claimed  EventKind = "claim"   // a viewer's "buy" (claim): the show decides
	Other    EventKind = "other"   // anything else the host receives
)

// Event is a relay event other than a chat message.
type Event struct {
	Kind      EventKind
	Seq       uint64
	MessageID string // Deleted: the chat.Message id removed
	Viewer    string // TimedOut, Banned, Claimed: the viewer's id (chat.Message.User)
	Nick      string // Claimed: the viewer's nickname
	Duration  time.Duration
	Reason    string
	SlowMode  time.Duration
	SKU       string // Claimed
	Quantity  int    // Claimed
	Time      time.Time
	Envelope  platform.Envelope
	Data      platform.Event
}

// handle maps one event the relay sent, once per seq. ev is nil for the
// welcome state's chat, which comes as envelopes only.
func (c *Client) handle(env platform.Envelope, ev platform.Event) {
	c.mu.Lock()
	fresh := env.ID == 0 || c.seen.Take(env.ID)
	epoch := c.epoch
	c.mu.Unlock()
	if !fresh {
		return
	}
	if ev == nil {
		var err error
		if ev, err = platform.Payload[platform.ChatMessage](env); err != nil {
			c.log.Warn("relay chat: unreadable chat in the state", "seq", env.ID, "err", err)
			return
		}
	}
	at := time.Now()
	if env.TS > 0 {
		at = time.UnixMilli(env.TS)
	}
	e := Event{Seq: env.ID, Time: at, Envelope: env, Data: ev}
	switch x := ev.(type) {
	case platform.ChatMessage:
		m := toMessage(epoch, env, x, at)
		c.deliver(func() {
			if c.onMessage != nil {
				c.onMessage(m)
			}
		})
		return
	case platform.ChatDelete:
		e.Kind, e.MessageID, e.Reason = Deleted, messageID(epoch, x.MessageID), x.Reason
	case platform.ChatTimeout:
		e.Kind, e.Viewer, e.Duration, e.Reason = TimedOut, x.Viewer, time.Duration(x.DurationS)*time.Second, x.Reason
	case platform.ChatBan:
		e.Kind, e.Viewer, e.Reason = Banned, x.Viewer, x.Reason
	case platform.ChatMode:
		e.Kind, e.SlowMode = Mode, time.Duration(x.SlowModeS)*time.Second
	case platform.Claim:
		e.Kind, e.SKU, e.Quantity = Claimed, x.SKU, x.Quantity
		if env.From != nil {
			e.Viewer, e.Nick = env.From.Viewer, env.From.Nick
		}
	default:
		e.Kind = Other
	}
	c.deliver(func() {
		if c.onEvent != nil {
			c.onEvent(e)
		}
	})
}

// toMessage maps a chat.message as the relay forwarded it. The host's own
// lines (replies) carry the broadcaster badge, so no rule holds them.
func toMessage(epoch string, env platform.Envelope, m platform.ChatMessage, at time.Time) chat.Message {
	out := chat.Message{ID: messageID(epoch, env.ID), Platform: chat.PlatformRelay, Text: m.Text, Time: at}
	if f := env.From; f != nil {
		switch f.Role {
		case platform.RoleViewer:
			out.User, out.Display = f.Viewer, f.Nick
		case platform.RoleHost:
			out.User, out.Display, out.Badges.Broadcaster = "host", "host", true
		}
	}
	return out
}

// messageID names a message by the relay run and its seq: seqs start at 1
// again when the relay restarts, so the seq alone would name two messages.
func messageID(epoch string, seq uint64) string {
	return epoch + ":" + strconv.FormatUint(seq, 10)
}

// seqOf reads a message id back; it must be of the relay run connected
// now, since seqs of another run mean nothing to it.
func (c *Client) seqOf(id string) (uint64, error) {
	epoch, s, ok := strings.Cut(id, ":")
	seq, err := strconv.ParseUint(s, 10, 64)
	if !ok || err != nil || seq == 0 {
		return 0, fmt.Errorf("%w: %q", ErrBadID, id)
	}
	c.mu.Lock()
	cur := c.epoch
	c.mu.Unlock()
	if epoch != cur {
		return 0, fmt.Errorf("%w: %q is from an earlier run of the relay (now %s)", chat.ErrUnsupported, id, cur)
	}
	return seq, nil
}

// Enforce applies a moderation event seen on the relay (another host's,
// or ours echoed back) to the pipeline, so the pane keeps a banned or
// timed-out viewer out as the relay does.
func Enforce(p *chat.Pipeline, e Event) {
	switch e.Kind {
	case Banned:
		p.Restrict(chat.PlatformRelay, e.Viewer, time.Time{})
	case TimedOut:
		p.Restrict(chat.PlatformRelay, e.Viewer, e.Time.Add(e.Duration))
	}
}
