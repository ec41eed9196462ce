// Package platformchat is the chat connector for the shopping platform's
// relay (docs/platform-protocol.md): it reads chat.message, chat.delete,
// chat.timeout, chat.ban and chat.mode as they come over the room's host
// socket, hands chat to the pipeline as chat.Message, and sends the
// moderators' actions back as protocol events (it is a chat.Moderator).
//
// A room has one host connection: a newer one replaces the older (4409).
// So the connector does not dial: it rides on the studio's one
// *platform.Client, the socket that also carries the show's pins, sales
// and claims. That client resumes after a cut where it stopped (its
// cursor is in the store), so a reconnect neither repeats nor skips a
// message; the handler that runs it reconnects.
//
// Moderator actions do not go through the client's outbox: a delete that
// waited out a cut would arrive minutes late, about a message everyone has
// read. They are sent live (platform.Client.Send) and fail at once with
// ErrNotConnected while the socket is down, or ErrLost when it drops
// before the relay answers; the moderator sees the error and may act
// again.
package platformchat

import (
	"errors"
	"log/slog"
	"sync"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/platform"
)

// Sentinels; test them with errors.Is.
var (
	// ErrNotConnected: an action while the socket is down (the handler is
	// reconnecting): nothing was sent; the moderator can try again.
	ErrNotConnected = platform.ErrNotConnected
	// ErrLost: the socket closed while an action waited for its ack; the
	// relay may or may not have taken it.
	ErrLost = platform.ErrLost
	// ErrReplaced: another host connection took the room over. The host
	// client does not retry it: two studios replacing each other forever
	// helps no one.
	ErrReplaced = platform.ErrReplaced
	// ErrBadID: a message id that is not this connector's ("epoch:seq").
	ErrBadID = errors.New("relay chat: not a relay message id")
)

// maxEarly bounds what is kept for the pipeline before Start.
const maxEarly = 10000

// Client is the relay chat on a host socket.
type Client struct {
	host *platform.Client
	log  *slog.Logger

	mu    sync.Mutex
	epoch string
	seen  platform.Dedup // relay seqs handed on

	dmu       sync.Mutex // delivery: in order, and Start's flush before what follows
	started   bool
	early     []func()
	dropped   int
	onMessage func(chat.Message)
	onEvent   func(Event)
}

// New hooks the relay chat into host's welcome and event callbacks (those
// already set still run first). Call it before host runs. Chat that comes
// before Start waits for it (at most maxEarly events).
func New(host *platform.Client, log *slog.Logger) *Client {
	if log == nil {
		log = slog.Default()
	}
	c := &Client{host: host, log: log}
	prevWelcome, prevEvent := host.OnWelcome, host.OnEvent
	host.OnWelcome = func(w platform.Welcome) {
		if prevWelcome != nil {
			prevWelcome(w)
		}
		c.welcome(w)
	}
	host.OnEvent = func(env platform.Envelope, ev platform.Event) {
		if prevEvent != nil {
			prevEvent(env, ev)
		}
		c.handle(env, ev)
	}
	return c
}

// Start hands what came so far, and from now on everything, to onMessage
// (each chat message, in seq order, once per relay run) and onEvent
// (moderation events, ours echoed back and other hosts', claims and every
// other event the host gets). Both run on the host client's goroutine and
// must not call Send. Call it once.
func (c *Client) Start(onMessage func(chat.Message), onEvent func(Event)) {
	c.dmu.Lock()
	defer c.dmu.Unlock()
	c.onMessage, c.onEvent, c.started = onMessage, onEvent, true
	if c.dropped > 0 {
		c.log.Warn("relay chat: events before the chat started were dropped", "dropped", c.dropped)
	}
	for _, do := range c.early {
		do()
	}
	c.early = nil
}

// deliver calls do now, or after Start.
func (c *Client) deliver(do func()) {
	c.dmu.Lock()
	defer c.dmu.Unlock()
	if c.started {
		do()
		return
	}
	if len(c.early) == maxEarly {
		c.early = c.early[1:]
		c.dropped++
	}
	c.early = append(c.early, do)
}

// welcome takes a new connection: a relay that restarted (a new epoch)
// numbers from 1 again, so what was seen before means nothing. A fresh
// join carries the state's recent chat, which the relay does not replay:
// it is handed on (what was already seen is skipped), and events follow
// from the head.
func (c *Client) welcome(w platform.Welcome) {
	c.mu.Lock()
	if w.Epoch != c.epoch {
		c.epoch, c.seen = w.Epoch, platform.Dedup{}
	}
	c.mu.Unlock()
	c.log.Info("chat connected", "platform", chat.PlatformRelay, "epoch", w.Epoch, "resumed", w.Resumed, "head", w.Head)
	if w.Resumed || w.State == nil {
		return
	}
	for _, env := range w.State.Chat {
		c.handle(env, nil)
	}
	c.mu.Lock()
	c.seen.Take(w.Head)
	c.mu.Unlock()
}
