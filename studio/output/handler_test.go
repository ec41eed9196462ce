package output

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// scripted is an output whose tries follow a script: each entry is the error
// a try returns; "live" entries go live first and then wait for ctx.
type scripted struct {
	mu    sync.Mutex
	steps []error
	tries int
}

var errLive = errors.New("go live and stay")

func (o *scripted) Run(ctx context.Context, live func()) error {
	o.mu.Lock()
	i := o.tries
	o.tries++
	o.mu.Unlock()
	if i >= len(o.steps) {
		<-ctx.Done()
		return ctx.Err()
	}
	if o.steps[i] == errLive {
		live()
		<-ctx.Done()
		return ctx.Err()
	}
	return o.steps[i]
}

type recorder struct {
	mu     sync.Mutex
	states []State
	waits  []time.Duration
}

func (r *recorder) onChange(s Status) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.states) == 0 || r.states[len(r.states)-1] != s.State {
		r.states = append(r.states, s.State)
	}
}

// after records each backoff and lets it pass at once.
func (r *recorder) after(d time.Duration) <-chan time.Time {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	r.mu.Unlock()
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

func waitState(t *testing.T, h *Handler, want State) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for h.Status().State != want {
		if time.Now().After(deadline) {
			t.Fatalf("state stayed %s, want %s", h.Status().State, want)
		}
		time.Sleep(time.Millisecond)
	}
}

// A destination that keeps failing is retried with growing, jittered waits
// from 2 s up to the 30 s cap, and the last error stays visible.
func TestHandlerBacksOffExponentiallyWithJitterAndCap(t *testing.T) {
	defer goleak.VerifyNone(t)
	dead := errors.New("connection refused")
	out := &scripted{steps: []error{dead, dead, dead, dead, dead, dead, dead, errLive}}
	rec := &recorder{}
	h := &Handler{Name: "yt", Output: out, OnChange: rec.onChange, After: rec.after}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	waitState(t, h, Live)
	cancel()
	<-done

	nominal := []time.Duration{2, 4, 8, 16, 30, 30, 30}
	if len(rec.waits) != len(nominal) {
		t.Fatalf("waited %d times, want %d: %v", len(rec.waits), len(nominal), rec.waits)
	}
	for i, w := range rec.waits {
		n := nominal[i] * time.Second
		if w < n*8/10 || w > n*12/10 {
			t.Errorf("wait %d was %v, want %v ± 20%%", i, w, n)
		}
	}
	if h.Status().State != Stopped || h.Status().Err != nil {
		t.Errorf("after going live and stopping: %+v", h.Status())
	}
	want := []State{Connecting, Reconnecting, Connecting, Reconnecting}
	for i, s := range want {
		if rec.states[i] != s {
			t.Fatalf("states %v do not start %v", rec.states, want)
		}
	}
	if last := rec.states[len(rec.states)-2:]; last[0] != Live || last[1] != Stopped {
		t.Errorf("states end %v, want [live stopped]", last)
	}
}

// A bad stream key is not retried: hammering the platform would not fix it.
func TestHandlerDoesNotRetryPermanentErrors(t *testing.T) {
	defer goleak.VerifyNone(t)
	out := &scripted{steps: []error{Permanent(errors.New("403 forbidden: bad stream key"))}}
	rec := &recorder{}
	h := &Handler{Name: "tw", Output: out, OnChange: rec.onChange, After: rec.after}
	h.Run(context.Background())
	st := h.Status()
	if st.State != Failed || st.Err == nil || out.tries != 1 || len(rec.waits) != 0 {
		t.Errorf("after a permanent error: state %s err %v tries %d waits %v; want failed once, no wait", st.State, st.Err, out.tries, rec.waits)
	}
}

// "Reconnect now" ends a long backoff at once.
func TestHandlerReconnectNow(t *testing.T) {
	defer goleak.VerifyNone(t)
	dead := errors.New("timeout")
	out := &scripted{steps: []error{dead}}
	var mu sync.Mutex
	var waits []time.Duration
	never := func(d time.Duration) <-chan time.Time {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return nil // only ReconnectNow can end this wait
	}
	h := &Handler{Name: "fb", Output: out, After: never}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	waitState(t, h, Reconnecting)
	h.ReconnectNow()
	waitState(t, h, Connecting)
	cancel()
	<-done
	if h.Status().State != Stopped {
		t.Errorf("state %s after cancel, want stopped", h.Status().State)
	}
	if out.tries != 2 {
		t.Errorf("tries = %d, want 2 (the failure and the one ReconnectNow started)", out.tries)
	}
}
