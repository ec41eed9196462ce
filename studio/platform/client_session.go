package platform

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// ackTimeout is how long the client waits for the relay to answer one
// event before it takes the socket for dead and reconnects.
const ackTimeout = 10 * time.Second

// cursorEvery bounds the cursor's writes on a busy chat.
const cursorEvery = 200 * time.Millisecond

// ackOrErr is the relay's answer to one of our ids.
type ackOrErr struct {
	id   uint64
	seq  uint64     // the relay's seq for it, when taken
	refu *ErrorData // nil: taken
}

// session is one connection's send and receive loops.
type session struct {
	c       *Client
	conn    *Conn
	epoch   string
	version string // the welcome's: Send refuses a type the relay's version lacks
	dedup   Dedup
	acks    chan ackOrErr
	saved   time.Time // when the cursor was last written
	// live carries Send's events to the sender loop; done is closed when
	// the connection is over. lastSent is the highest id sent (or the
	// relay's last_id): a live event takes the next one (client_live.go).
	live     chan *liveReq
	done     chan struct{}
	lastSent uint64
}

// serve reads on one goroutine and sends on this one until either fails.
func (s *session) serve(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	readErr := make(chan error, 1)
	go func() { readErr <- s.read(ctx); cancel() }()
	err := s.send(ctx)
	cancel()
	s.conn.CloseNow()
	if rerr := <-readErr; err == nil || errors.Is(err, context.Canceled) {
		err = rerr
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// send sends the outbox in order, one event at a time: the relay takes a
// sender's ids in order, so an event refused "try again" must go again
// before any later one, or it would count as a duplicate.
func (s *session) send(ctx context.Context) error {
	for {
		pending, err := s.c.Outbox.Pending(ctx)
		if err != nil {
			return err
		}
		for _, f := range pending {
			if err := s.sendOne(ctx, f); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.c.wake:
		case req := <-s.live:
			if err := s.sendLive(ctx, req); err != nil {
				return err
			}
		}
	}
}

func (s *session) sendOne(ctx context.Context, f OutboxFrame) error {
	frame := s.forRelay(f)
	for {
		if err := s.conn.SendFrame(ctx, frame); err != nil {
			return err
		}
		s.lastSent = max(s.lastSent, f.ID)
		a, err := s.await(ctx, f.ID)
		if err != nil {
			return err
		}
		if e := a.refu; e != nil && (e.Code == CodeRateLimited || e.Code == CodeTimedOut) && e.RetryAfterMS > 0 {
			select {
			case <-time.After(time.Duration(e.RetryAfterMS) * time.Millisecond):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		} else if e != nil {
			// Refused for good (or malformed, which resending cannot
			// fix): say so loudly and move on, so one bad event does not
			// hold the show's later ones back.
			s.c.Logger.Error("relay refused an event", "id", f.ID, "code", e.Code, "message", e.Message)
		}
		if err := s.c.Outbox.Ack(ctx, f.ID); err != nil {
			return err
		}
		if s.c.OnAcked != nil {
			s.c.OnAcked(f.ID)
		}
		return nil
	}
}

// forRelay is an outbox frame in the relay's version: an event published
// before the welcome said the relay speaks an older one goes without the
// fields that version lacks (ForVersion), which the relay would refuse.
func (s *session) forRelay(f OutboxFrame) []byte {
	if s.version == Version {
		return f.Frame
	}
	env, ev, err := Decode(f.Frame, 0)
	if err != nil {
		return f.Frame // the relay says what is wrong with it
	}
	older, field := ForVersion(ev, s.version)
	if field == "" {
		return f.Frame
	}
	out, err := NewEnvelope(env.ID, older)
	if err != nil {
		return f.Frame
	}
	out.TS = env.TS // when the studio published it
	frame, err := Encode(out)
	if err != nil {
		return f.Frame
	}
	s.c.Logger.Info("relay events: sent without a field the relay's version lacks", "id", f.ID, "type", ev.Type(), "field", field, "version", s.version)
	return frame
}

// await waits for the answer to id; answers to other ids (an earlier send
// of a resent event) are skipped.
func (s *session) await(ctx context.Context, id uint64) (ackOrErr, error) {
	timer := time.NewTimer(ackTimeout)
	defer timer.Stop()
	for {
		select {
		case a := <-s.acks:
			if a.id == id {
				return a, nil
			}
		case <-timer.C:
			return ackOrErr{}, fmt.Errorf("relay events %s: no answer to event %d in %v", media.RedactURL(s.c.URL), id, ackTimeout)
		case <-ctx.Done():
			return ackOrErr{}, ctx.Err()
		}
	}
}

// read hands acks to the sender and the relay's events to the studio, each
// once, and moves the cursor.
func (s *session) read(ctx context.Context) error {
	for {
		env, ev, err := s.conn.Read(ctx)
		if errors.Is(err, ErrClosed) || ctx.Err() != nil {
			if last := s.dedup.Last(); last > 0 {
				s.c.Outbox.SetCursor(context.WithoutCancel(ctx), s.epoch, last)
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if CloseCode(err) == CloseReplaced {
				// Another host connection took the room: two studios
				// replacing each other forever helps no one.
				return output.Permanent(fmt.Errorf("relay events %s: %w: %w", media.RedactURL(s.c.URL), ErrReplaced, err))
			}
			return fmt.Errorf("relay events %s: %w", media.RedactURL(s.c.URL), err)
		}
		if err != nil {
			s.c.Logger.Warn("relay events: a message did not decode", "type", env.Type, "err", err)
			continue
		}
		switch v := ev.(type) {
		case Ack:
			s.answer(ctx, ackOrErr{id: v.ID, seq: v.Seq})
		case ErrorData:
			if v.Ref == 0 {
				s.c.Logger.Warn("relay events: error", "code", v.Code, "message", v.Message)
				continue
			}
			s.answer(ctx, ackOrErr{id: v.Ref, refu: &v})
		default:
			if !s.dedup.Take(env.ID) {
				continue
			}
			if s.c.OnEvent != nil {
				s.c.OnEvent(env, ev)
			}
			// The cursor is saved at most every cursorEvery: after a crash
			// the studio may see that much again, never miss any.
			if env.ID != 0 && time.Since(s.saved) >= cursorEvery {
				if err := s.c.Outbox.SetCursor(ctx, s.epoch, env.ID); err != nil {
					return err
				}
				s.saved = time.Now()
			}
		}
	}
}

func (s *session) answer(ctx context.Context, a ackOrErr) {
	select {
	case s.acks <- a:
	case <-ctx.Done():
	}
}
