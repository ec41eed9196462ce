package output

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// State is where one destination stands.
type State string

const (
	Idle         State = "idle"
	Connecting   State = "connecting"
	Live         State = "live"
	Reconnecting State = "reconnecting" // waiting out the backoff before the next try
	Failed       State = "failed"       // a permanent error: no retry until the user acts
	Stopped      State = "stopped"
)

// ErrPermanent marks an error that retrying cannot fix (401/403, a bad
// stream key): an output wraps it with Permanent and the handler stops.
var ErrPermanent = errors.New("permanent")

// Permanent wraps err so the handler does not retry it.
func Permanent(err error) error { return &permanentError{err} }

type permanentError struct{ err error }

func (e *permanentError) Error() string   { return e.err.Error() }
func (e *permanentError) Unwrap() []error { return []error{e.err, ErrPermanent} }

// Status is a snapshot of a destination, sent on every change.
type Status struct {
	Name     string
	State    State
	Err      error         // the last error, nil when none
	Retry    time.Duration // Reconnecting: the wait before the next try
	Tries    int           // failed tries since the last time it was live
	Dropped  int64         // packets its queue dropped
	Counters               // what the output sent, when it counts (see Counting)
}

// RetryAfter wraps err with the least wait the server asked for (an HTTP
// 503 with Retry-After): the handler waits at least that long.
func RetryAfter(err error, d time.Duration) error { return &retryAfterError{err, d} }

type retryAfterError struct {
	err error
	d   time.Duration
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

// Handler drives one output: it is the only place that retries. Failures
// back off exponentially with jitter from Min (2 s) to Max (30 s); a
// permanent error stops it in Failed; ReconnectNow skips the wait.
type Handler struct {
	Name     string
	Output   media.Output
	Queue    *Queue // optional: counts drops and is resynced on each (re)connect
	OnChange func(Status)
	Min, Max time.Duration
	// After waits for a backoff; tests replace it. Nil means time.After.
	After func(time.Duration) <-chan time.Time

	mu     sync.Mutex
	status Status
	now    chan struct{}
}

// Status returns the current snapshot.
func (h *Handler) Status() Status {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.status
	h.fill(&st)
	return st
}

// fill adds the live figures that change without a state change.
func (h *Handler) fill(st *Status) {
	if h.Queue != nil {
		st.Dropped = h.Queue.Dropped()
	}
	if c, ok := h.Output.(Counting); ok {
		st.Counters = c.Counters()
	}
}

// ReconnectNow cuts a backoff wait short (OBS users' most wanted button).
func (h *Handler) ReconnectNow() {
	h.mu.Lock()
	ch := h.now
	h.mu.Unlock()
	if ch != nil {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Run keeps the output going until ctx is done (Stopped), the output ends
// cleanly (Stopped) or fails permanently (Failed).
func (h *Handler) Run(ctx context.Context) {
	h.init()
	backoff := h.Min
	for try := 0; ; try++ {
		h.set(func(s *Status) { s.State = Connecting; s.Retry = 0 })
		// A new queue already waits for a keyframe; resyncing it on the
		// first try could throw away the show's first keyframe. On a
		// reconnect, what piled up is stale: start from the next keyframe.
		if h.Queue != nil && try > 0 {
			h.Queue.Resync()
		}
		err := h.Output.Run(ctx, func() {
			h.set(func(s *Status) { s.State = Live; s.Err = nil; s.Tries = 0 })
		})
		if h.Status().State == Live {
			backoff = h.Min // it worked for a while: start the ladder again
		}
		switch {
		case ctx.Err() != nil || err == nil:
			h.set(func(s *Status) { s.State = Stopped })
			return
		case errors.Is(err, ErrPermanent):
			h.set(func(s *Status) { s.State = Failed; s.Err = err })
			return
		}
		wait := jitter(backoff)
		var ra *retryAfterError
		if errors.As(err, &ra) && ra.d > wait {
			wait = min(ra.d, h.Max)
		}
		h.set(func(s *Status) { s.State = Reconnecting; s.Err = err; s.Retry = wait; s.Tries++ })
		select {
		case <-ctx.Done():
			h.set(func(s *Status) { s.State = Stopped })
			return
		case <-h.After(wait):
		case <-h.now:
		}
		backoff = min(backoff*2, h.Max)
	}
}

func (h *Handler) init() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.Min == 0 {
		h.Min = 2 * time.Second
	}
	if h.Max == 0 {
		h.Max = 30 * time.Second
	}
	if h.After == nil {
		h.After = time.After
	}
	h.now = make(chan struct{}, 1)
	h.status = Status{Name: h.Name, State: Idle}
}

func (h *Handler) set(change func(*Status)) {
	h.mu.Lock()
	change(&h.status)
	st := h.status
	h.mu.Unlock()
	h.fill(&st)
	if h.OnChange != nil {
		h.OnChange(st)
	}
}

// jitter spreads retries ±20% so many destinations that failed together do
// not all reconnect in the same instant.
func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}
