// Package platformchat is the chat connector for the shopping platform's
// relay (docs/platform-protocol.md): it reads chat.message, chat.delete,
// chat.timeout, chat.ban and chat.mode from the room's event socket as the
// host, hands chat to the pipeline as chat.Message, and sends the
// moderators' actions back as protocol events (it is a chat.Moderator).
// Run is one connection attempt; wrap the Client in an output.Handler for
// reconnects, as the IRC connector is. After a cut it resumes where it
// stopped, so a reconnect neither repeats nor skips a message.
//
// A room has one host connection: a newer one replaces the older (4409).
// The show engine's own events (pins, sales, stock) should therefore go
// through Send on this same Client rather than a second socket.
package platformchat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// Sentinels; test them with errors.Is.
var (
	// ErrNotConnected: an action while the socket is down (the handler is
	// reconnecting); the moderator can try again.
	ErrNotConnected = errors.New("relay chat: not connected")
	// ErrLost: the socket closed while an action waited for its ack; the
	// relay may or may not have taken it.
	ErrLost = errors.New("relay chat: connection lost")
	// ErrReplaced: another host connection took the room over. Not
	// retried: two studios replacing each other forever helps no one.
	ErrReplaced = errors.New("relay chat: another host connection took over the room")
	// ErrBadID: a message id that is not this connector's ("epoch:seq").
	ErrBadID = errors.New("relay chat: not a relay message id")
)

// Client is the host's event socket to one room.
type Client struct {
	URL   string // ws://127.0.0.1:8080/show/events
	Token string // the host token; never logged
	// OnMessage receives every chat message, on Run's goroutine, in seq
	// order, exactly once per relay run. It must not call Send (the ack
	// it would wait for is read by the same goroutine).
	OnMessage func(chat.Message)
	// OnEvent receives moderation events (ours echoed back, and those of
	// other hosts), claims and every other event the host gets.
	OnEvent    func(Event)
	HTTPClient *http.Client
	Logger     *slog.Logger

	mu      sync.Mutex
	conn    *platform.Conn
	epoch   string
	seen    platform.Dedup // relay seqs processed
	nextID  uint64         // our last event id
	waiting map[uint64]chan reply
}

type reply struct {
	ack platform.Ack
	err error
}

// Run connects as the host, resuming where the last connection stopped,
// calls live once welcomed, and reads until ctx is done (nil) or the
// socket fails (its error; permanent for a refused token or a takeover).
func (c *Client) Run(ctx context.Context, live func()) error {
	log := c.logger()
	c.mu.Lock()
	hello := platform.Hello{Role: platform.RoleHost, Epoch: c.epoch, ResumeAfter: c.seen.Last()}
	c.mu.Unlock()
	conn, err := platform.Dial(ctx, c.URL, platform.DialOptions{Token: c.Token, Hello: hello, HTTPClient: c.HTTPClient})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		var r *platform.RefusedError
		if errors.Is(err, platform.ErrUnauthorized) || (errors.As(err, &r) && r.Data.Code == platform.CodeVersion) {
			return output.Permanent(fmt.Errorf("relay chat: %w", err))
		}
		return fmt.Errorf("relay chat: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.CloseNow()
	backlog := c.welcome(conn)
	log.Info("chat connected", "platform", chat.PlatformRelay, "url", media.RedactURL(c.URL),
		"epoch", conn.Welcome.Epoch, "resumed", conn.Welcome.Resumed, "head", conn.Welcome.Head)
	live()
	if backlog != nil {
		for _, env := range backlog {
			c.handle(env, nil)
		}
		// The events between the state's chat and head that were not
		// chat are gone: reading starts at head.
		c.mu.Lock()
		c.seen.Take(conn.Welcome.Head)
		c.mu.Unlock()
	}
	err = c.read(ctx, conn)
	c.mu.Lock()
	c.conn = nil
	for id, w := range c.waiting {
		w <- reply{err: fmt.Errorf("%w: event %d", ErrLost, id)}
		delete(c.waiting, id)
	}
	c.mu.Unlock()
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// welcome takes over a new socket: a relay that restarted (a new epoch)
// numbers from 1 again, so what was seen before means nothing; our own
// ids continue above what the relay has taken. It returns the state's
// recent chat (non-nil, maybe empty) when the relay could not replay what
// we missed; nil when the missed events follow.
func (c *Client) welcome(conn *platform.Conn) []platform.Envelope {
	w := conn.Welcome
	c.mu.Lock()
	defer c.mu.Unlock()
	if w.Epoch != c.epoch {
		c.epoch, c.seen = w.Epoch, platform.Dedup{}
	}
	c.nextID = max(c.nextID, w.LastID)
	c.conn = conn
	if c.waiting == nil {
		c.waiting = map[uint64]chan reply{}
	}
	if w.Resumed || w.State == nil {
		return nil
	}
	return append([]platform.Envelope{}, w.State.Chat...)
}

func (c *Client) read(ctx context.Context, conn *platform.Conn) error {
	for {
		env, ev, err := conn.Read(ctx)
		if errors.Is(err, platform.ErrClosed) {
			if platform.CloseCode(err) == platform.CloseReplaced {
				return output.Permanent(fmt.Errorf("%w: %v", ErrReplaced, err))
			}
			return fmt.Errorf("%w: %v", ErrLost, err)
		}
		if err != nil {
			// A frame we cannot read costs that frame, not the socket.
			c.logger().Warn("relay chat: unreadable event", "type", string(env.Type), "seq", env.ID, "err", err)
			continue
		}
		c.handle(env, ev)
	}
}

func (c *Client) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}
