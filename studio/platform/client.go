package platform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// Outbox is where the client keeps what it sends until the relay acks it:
// store.Outbox in the studio (SQLite, so nothing is lost across a crash).
type Outbox interface {
	Add(ctx context.Context, frame func(id uint64) ([]byte, error)) (uint64, error)
	Pending(ctx context.Context) ([]OutboxFrame, error)
	// Ack marks every pending id up to id as taken.
	Ack(ctx context.Context, id uint64) error
	// Raise makes new ids greater than floor.
	Raise(ctx context.Context, floor uint64) error
	Cursor(ctx context.Context) (epoch string, seq uint64, err error)
	SetCursor(ctx context.Context, epoch string, seq uint64) error
}

// OutboxFrame is one event waiting for its ack, encoded with its id.
type OutboxFrame = struct {
	ID    uint64
	Frame []byte
}

// Client is the studio's side of the event socket: the show's events go
// out through the outbox, in order, each until it is acked; the relay's
// events (chat, reactions, claims, viewer counts) come in once each, in
// seq order, resumed after a cut. Run is one connection; an
// output.Handler runs it again after a failure, like any destination.
type Client struct {
	URL    string // ws(s)://HOST/ROOM/events
	Token  string // the host's Bearer token; never logged
	Outbox Outbox
	// OnEvent gets each event the relay forwards, once, in order; OnState
	// gets the show's state on a fresh join (not on a resume). OnWelcome,
	// when set, gets every welcome (fresh or resumed) before the events
	// that follow it: the relay chat names messages by its epoch. All three
	// are called on Run's goroutines, never two at once.
	OnEvent   func(Envelope, Event)
	OnState   func(State)
	OnWelcome func(Welcome)
	// OnAcked, when set, is told each id the relay has taken (or refused
	// for good), after the outbox forgot it.
	OnAcked func(id uint64)
	// Versions are the protocol versions offered in the hello; nil offers
	// every one this package speaks (Versions).
	Versions []string
	// HTTPClient dials; nil is a default with a 10 s timeout.
	HTTPClient *http.Client
	Logger     *slog.Logger

	wakeOnce sync.Once
	wake     chan struct{}

	mu      sync.Mutex
	sess    *session // the live connection, nil between connections (client_live.go)
	version string   // the latest welcome's, kept between connections
}

func (c *Client) init() {
	c.wakeOnce.Do(func() {
		c.wake = make(chan struct{}, 1)
		if c.Logger == nil {
			c.Logger = slog.Default()
		}
	})
}

// Publish validates ev and keeps it in the outbox; Run sends it as soon as
// the socket is up. It never waits for the network.
func (c *Client) Publish(ctx context.Context, ev Event) (uint64, error) {
	c.init()
	id, err := c.Outbox.Add(ctx, func(id uint64) ([]byte, error) { return Frame(id, ev) })
	if err != nil {
		return 0, err
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return id, nil
}

// Run connects once, resumes, sends what is pending and then serves the
// socket until it fails or ctx ends. A refused token is permanent.
func (c *Client) Run(ctx context.Context, live func()) error {
	c.init()
	epoch, seq, err := c.Outbox.Cursor(ctx)
	if err != nil {
		return err
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	conn, err := Dial(ctx, c.URL, DialOptions{Token: c.Token, HTTPClient: hc,
		Hello: Hello{Versions: c.Versions, Role: RoleHost, Epoch: epoch, ResumeAfter: seq}})
	switch {
	case errors.Is(err, ErrUnauthorized):
		return output.Permanent(fmt.Errorf("relay events %s: %w", media.RedactURL(c.URL), err))
	case err != nil:
		return fmt.Errorf("relay events %s: %w", media.RedactURL(c.URL), err)
	}
	defer conn.CloseNow()
	w := conn.Welcome
	if w.Epoch != epoch {
		seq = w.Head // a fresh relay run: its state stands for what came before
		c.Logger.Info("relay events: new relay run", "url", media.RedactURL(c.URL), "epoch", w.Epoch, "resumed", w.Resumed)
	}
	if err := c.Outbox.Ack(ctx, w.LastID); err != nil {
		return err
	}
	if err := c.Outbox.Raise(ctx, w.LastID); err != nil {
		return err
	}
	if w.State != nil && c.OnState != nil {
		c.OnState(*w.State)
	}
	if c.OnWelcome != nil {
		c.OnWelcome(w)
	}
	if err := c.Outbox.SetCursor(ctx, w.Epoch, seq); err != nil {
		return err
	}
	s := &session{c: c, conn: conn, epoch: w.Epoch, version: w.Version, dedup: Dedup{}, acks: make(chan ackOrErr, 16),
		live: make(chan *liveReq), done: make(chan struct{}), lastSent: w.LastID}
	s.dedup.Take(seq)
	c.attach(s) // Send works from when the handler says live
	defer c.detach(s)
	live()
	return s.serve(ctx)
}
