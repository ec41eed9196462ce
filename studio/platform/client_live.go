package platform

import (
	"context"
	"errors"
	"fmt"
)

// Sentinels of the live path (Send); test them with errors.Is.
var (
	// ErrNotConnected: Send while the socket is down (the handler is
	// reconnecting): nothing was sent; the caller may try again.
	ErrNotConnected = errors.New("relay events: not connected")
	// ErrLost: the socket closed (or the relay did not answer) after the
	// event went out: the relay may or may not have taken it.
	ErrLost = errors.New("relay events: connection lost")
	// ErrReplaced: another host connection took the room over (4409).
	ErrReplaced = errors.New("another host connection took over the room")
)

// liveReq is one Send waiting for the sender loop.
type liveReq struct {
	ctx  context.Context
	ev   Event
	done chan liveResult // buffered: the loop never waits for Send
}

type liveResult struct {
	ack Ack
	err error
}

func (c *Client) attach(s *session) {
	c.mu.Lock()
	c.sess, c.version = s, s.version
	c.mu.Unlock()
}

// Version is the protocol version the relay chose in the latest welcome,
// "" before the first. A relay refuses fields later than its version, so
// what is published for it should be ForVersion(ev, c.Version()).
func (c *Client) Version() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

func (c *Client) detach(s *session) {
	c.mu.Lock()
	if c.sess == s {
		c.sess = nil
	}
	c.mu.Unlock()
	close(s.done)
}

// Send sends ev now, on the live socket, outside the outbox, and waits for
// the relay's ack (with the seq it gave the event) or its refusal (a
// *RefusedError). It is for what is only worth doing now, such as a
// moderator's delete: while the socket is down it fails at once with
// ErrNotConnected rather than waiting in the outbox to arrive minutes
// late. A type the relay's version lacks (claim.result to a version 1
// relay) fails at once with ErrVersion. Events the outbox holds that were
// published before go first, so the relay sees the host's ids in order. Safe from any goroutine but
// OnEvent's, OnState's and OnWelcome's (the answer would be read there).
func (c *Client) Send(ctx context.Context, ev Event) (Ack, error) {
	if err := ev.Validate(); err != nil {
		return Ack{}, err
	}
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s == nil {
		return Ack{}, fmt.Errorf("%w: %s", ErrNotConnected, ev.Type())
	}
	if r, _ := RouteOf(ev.Type()); !r.In(s.version) {
		return Ack{}, fmt.Errorf("%w: the relay speaks version %s, which has no %s", ErrVersion, s.version, ev.Type())
	}
	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	req := &liveReq{ctx: ctx, ev: ev, done: make(chan liveResult, 1)}
	select {
	case s.live <- req:
	case <-s.done:
		return Ack{}, fmt.Errorf("%w: %s", ErrNotConnected, ev.Type())
	case <-ctx.Done():
		return Ack{}, fmt.Errorf("relay events: %s: not sent: %w", ev.Type(), ctx.Err())
	}
	select {
	case r := <-req.done:
		return r.ack, r.err
	case <-s.done:
		select {
		case r := <-req.done:
			return r.ack, r.err
		default:
		}
		return Ack{}, fmt.Errorf("%w: %s", ErrLost, ev.Type())
	case <-ctx.Done():
		return Ack{}, fmt.Errorf("%w: %s: no answer: %v", ErrLost, ev.Type(), ctx.Err())
	}
}

// sendLive sends one live event with the next id. The outbox's pending
// events go first, and new outbox ids are raised above the live one, so
// the two never share an id nor go out of order. A failed socket is the
// session's error, and the Send waiting is told ErrLost.
func (s *session) sendLive(ctx context.Context, req *liveReq) error {
	var id uint64
	for {
		pending, err := s.c.Outbox.Pending(ctx)
		if err != nil {
			req.done <- liveResult{err: err}
			return err
		}
		for _, f := range pending {
			if err := s.sendOne(ctx, f); err != nil {
				req.done <- liveResult{err: fmt.Errorf("%w: %s: %v", ErrLost, req.ev.Type(), err)}
				return err
			}
		}
		id = s.lastSent + 1
		if err := s.c.Outbox.Raise(ctx, id); err != nil {
			req.done <- liveResult{err: err}
			return err
		}
		// An event published while the ids were raised took id or less:
		// send it first, and take the next.
		if pending, err = s.c.Outbox.Pending(ctx); err != nil {
			req.done <- liveResult{err: err}
			return err
		}
		if len(pending) == 0 || pending[0].ID > id {
			break
		}
	}
	if err := req.ctx.Err(); err != nil {
		req.done <- liveResult{err: fmt.Errorf("relay events: %s: not sent: %w", req.ev.Type(), err)}
		return nil // too late to matter; the socket is fine
	}
	ev, _ := ForVersion(req.ev, s.version)
	frame, err := Frame(id, ev)
	if err != nil {
		req.done <- liveResult{err: err}
		return nil
	}
	if err := s.conn.SendFrame(ctx, frame); err != nil {
		req.done <- liveResult{err: fmt.Errorf("%w: %s: %v", ErrLost, req.ev.Type(), err)}
		return err
	}
	s.lastSent = id
	a, err := s.await(ctx, id)
	if err != nil {
		req.done <- liveResult{err: fmt.Errorf("%w: %s: %v", ErrLost, req.ev.Type(), err)}
		return err
	}
	if a.refu != nil {
		req.done <- liveResult{err: &RefusedError{Data: *a.refu}}
		return nil
	}
	req.done <- liveResult{ack: Ack{ID: id, Seq: a.seq}}
	return nil
}
