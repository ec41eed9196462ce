package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

const testToken = "relay-secret-5e1f"

// startRelay runs a relay on a loopback httptest server for one test.
func startRelay(t testing.TB, cfg Config) (*Server, string) {
	t.Helper()
	if cfg.Token == "" {
		cfg.Token = testToken
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); hs.Close() })
	return s, hs.URL
}

func wsURL(base, room string) string {
	return "ws" + strings.TrimPrefix(base, "http") + "/" + room + "/events"
}

// peer is a test client: its messages are collected as they come, and a
// test takes the ones it expects, in any order, each once.
type peer struct {
	t    testing.TB
	name string
	c    *platform.Conn
	id   uint64 // our last event id

	mu     sync.Mutex
	got    []platform.Envelope
	taken  []bool
	more   chan struct{}
	closed error
	done   chan struct{}
}

func dial(t testing.TB, base, name string, o platform.DialOptions) *peer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := platform.Dial(ctx, wsURL(base, "show"), o)
	if err != nil {
		t.Fatalf("%s: dial: %v", name, err)
	}
	p := &peer{t: t, name: name, c: c, more: make(chan struct{}), done: make(chan struct{}), id: c.Welcome.LastID}
	go p.read()
	t.Cleanup(func() { c.CloseNow(); <-p.done })
	return p
}

func host(t testing.TB, base string) *peer {
	return dial(t, base, "host", platform.DialOptions{Token: testToken})
}

func viewerNamed(t testing.TB, base, nick string) *peer {
	return dial(t, base, nick, platform.DialOptions{Hello: platform.Hello{Nick: nick}})
}

func (p *peer) read() {
	defer close(p.done)
	for {
		env, _, err := p.c.Read(context.Background())
		p.mu.Lock()
		if errors.Is(err, platform.ErrClosed) {
			p.closed = err
			close(p.more)
			p.mu.Unlock()
			return
		}
		p.got = append(p.got, env)
		p.taken = append(p.taken, false)
		close(p.more)
		p.more = make(chan struct{})
		p.mu.Unlock()
	}
}

// send sends an event with our next id and returns the id.
func (p *peer) send(ev platform.Event) uint64 {
	p.t.Helper()
	p.id++
	if err := p.c.Send(context.Background(), p.id, ev); err != nil {
		p.t.Fatalf("%s: send %s: %v", p.name, ev.Type(), err)
	}
	return p.id
}

// expect takes the first message of type typ that match accepts (nil: any)
// and has not been taken, waiting up to 5 s.
func (p *peer) expect(typ platform.Type, match func(platform.Envelope) bool) platform.Envelope {
	p.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		p.mu.Lock()
		for i, env := range p.got {
			if !p.taken[i] && (typ == "" || env.Type == typ) && (match == nil || match(env)) {
				p.taken[i] = true
				p.mu.Unlock()
				return env
			}
		}
		more, closed := p.more, p.closed
		p.mu.Unlock()
		if closed != nil {
			p.t.Fatalf("%s: socket closed (%v) while waiting for %s; got %s", p.name, closed, typ, p.summary())
		}
		select {
		case <-more:
		case <-deadline:
			p.t.Fatalf("%s: no %s within 5 s; got %s", p.name, typ, p.summary())
		}
	}
}

// expectAny takes the next message not taken yet, whatever its type.
func (p *peer) expectAny() platform.Envelope {
	p.t.Helper()
	return p.expect("", nil)
}

// none fails if a message of type typ that match accepts has come and
// was not taken.
func (p *peer) none(typ platform.Type, match func(platform.Envelope) bool, why string) {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, env := range p.got {
		if !p.taken[i] && env.Type == typ && (match == nil || match(env)) {
			p.t.Errorf("%s: got %s %s: %s", p.name, typ, env.Data, why)
		}
	}
}

// waitClosed waits for the relay to close the socket and returns the
// close code.
func (p *peer) waitClosed() int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.t.Fatalf("%s: the socket is still open; got %s", p.name, p.summary())
	}
	return platform.CloseCode(p.closed)
}

func (p *peer) summary() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, env := range p.got {
		fmt.Fprintf(&b, "\n  %s id=%d %s", env.Type, env.ID, env.Data)
	}
	return b.String()
}

func ackFor(id uint64) func(platform.Envelope) bool {
	return func(env platform.Envelope) bool {
		a, err := platform.Payload[platform.Ack](env)
		return err == nil && a.ID == id
	}
}

func errorFor(id uint64, code platform.Code) func(platform.Envelope) bool {
	return func(env platform.Envelope) bool {
		e, err := platform.Payload[platform.ErrorData](env)
		return err == nil && e.Ref == id && e.Code == code
	}
}

func withText(text string) func(platform.Envelope) bool {
	return func(env platform.Envelope) bool {
		m, err := platform.Payload[platform.ChatMessage](env)
		return err == nil && m.Text == text
	}
}

func payload[T platform.Event](t testing.TB, env platform.Envelope) T {
	t.Helper()
	v, err := platform.Payload[T](env)
	if err != nil {
		t.Fatalf("%s: %v", env.Type, err)
	}
	return v
}
