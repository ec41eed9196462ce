package platformchat

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/platform/relay"
	"github.com/vitrina-live/vitrina/studio/store"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const token = "host-token-7c1d"

// testRelay is the real rehearsal relay on a loopback port, behind a
// listener that can cut every connection at once, like a network drop.
type testRelay struct {
	addr string
	srv  *relay.Server
	hs   *httptest.Server
	ln   *cutListener
}

func startRelay(t *testing.T, addr string) *testRelay {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := relay.New(relay.Config{Token: token, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	r := &testRelay{srv: srv, ln: &cutListener{Listener: l}}
	r.hs = httptest.NewUnstartedServer(srv)
	r.hs.Listener.Close()
	r.hs.Listener = r.ln
	r.hs.Start()
	r.addr = l.Addr().String()
	t.Cleanup(r.stop)
	return r
}

func (r *testRelay) url() string { return "ws://" + r.addr + "/show/events" }

func (r *testRelay) stop() {
	r.srv.Close()
	r.ln.cut()
	r.hs.Close()
}

type cutListener struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *cutListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

// cut drops every connection without a close handshake.
func (l *cutListener) cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}

// connector runs the studio's host socket (a platform.Client on a real
// store's outbox) with the relay chat on it, under an output.Handler whose
// backoff waits are in the test's hands: each retry waits for a value on
// retry.
type connector struct {
	c      *Client
	host   *platform.Client
	msgs   chan chat.Message
	events chan Event
	states chan output.State
	retry  chan time.Time
	stop   func()
}

func startConnector(t *testing.T, url string) *connector {
	t.Helper()
	k := &connector{msgs: make(chan chat.Message, 1024), events: make(chan Event, 1024),
		states: make(chan output.State, 64), retry: make(chan time.Time, 16)}
	k.host = hostClient(t, url, token)
	k.c = New(k.host, slog.New(slog.DiscardHandler))
	k.c.Start(func(m chat.Message) { k.msgs <- m }, func(e Event) { k.events <- e })
	h := &output.Handler{Name: "relay-chat", Output: k.host, OnChange: func(s output.Status) { k.states <- s.State },
		After: func(time.Duration) <-chan time.Time { return k.retry }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	k.stop = func() { cancel(); <-done }
	t.Cleanup(k.stop)
	k.waitState(t, output.Live)
	return k
}

// hostClient is the studio's host socket to url, its outbox in a store of
// its own.
func hostClient(t *testing.T, url, tok string) *platform.Client {
	t.Helper()
	db, err := store.OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &platform.Client{URL: url, Token: tok, Outbox: db.Outbox(url), Logger: slog.New(slog.DiscardHandler)}
}

func (k *connector) waitState(t *testing.T, want output.State) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-k.states:
			if s == want {
				return
			}
		case <-timeout:
			t.Fatalf("connector never %s", want)
		}
	}
}

// message waits for the chat message with text.
func (k *connector) message(t *testing.T, text string) chat.Message {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case m := <-k.msgs:
			if m.Text == text {
				return m
			}
		case <-timeout:
			t.Fatalf("no chat message %q", text)
		}
	}
}

// event waits for the next chat event, which must be of kind; others
// (viewer counts, reactions) come whenever the relay sends them.
func (k *connector) event(t *testing.T, kind EventKind) Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-k.events:
			if e.Kind == Other {
				continue
			}
			if e.Kind != kind {
				t.Fatalf("event %s %+v, want %s", e.Kind, e, kind)
			}
			return e
		case <-timeout:
			t.Fatalf("no %s event", kind)
		}
	}
}

// viewer is a person on the viewer page: their own socket to the relay.
type viewer struct {
	c  *platform.Conn
	id uint64
	in chan platform.Envelope
}

func joinAs(t *testing.T, url, nick string) *viewer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := platform.Dial(ctx, url, platform.DialOptions{Hello: platform.Hello{Nick: nick}})
	if err != nil {
		t.Fatal(err)
	}
	v := &viewer{c: c, in: make(chan platform.Envelope, 256)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			env, _, err := c.Read(context.Background())
			if errors.Is(err, platform.ErrClosed) {
				return
			}
			v.in <- env
		}
	}()
	t.Cleanup(func() { c.CloseNow(); <-done })
	return v
}

// say sends a chat line and returns the relay's answer: an ack (with the
// line's seq) or the error that refused it.
func (v *viewer) say(t *testing.T, text string) (platform.Ack, *platform.ErrorData) {
	t.Helper()
	v.id++
	if err := v.c.Send(context.Background(), v.id, platform.ChatMessage{Text: text}); err != nil {
		t.Fatal(err)
	}
	for {
		env := v.expect(t, "")
		switch env.Type {
		case platform.TypeAck:
			if a, _ := platform.Payload[platform.Ack](env); a.ID == v.id {
				return a, nil
			}
		case platform.TypeError:
			if e, _ := platform.Payload[platform.ErrorData](env); e.Ref == v.id {
				return platform.Ack{}, &e
			}
		}
	}
}

// expect waits for the next envelope of type typ ("" for any).
func (v *viewer) expect(t *testing.T, typ platform.Type) platform.Envelope {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case env := <-v.in:
			if typ == "" || env.Type == typ {
				return env
			}
		case <-timeout:
			t.Fatalf("viewer: no %s", typ)
		}
	}
}

// startRoom starts a relay, a connector on it as the host, and a viewer
// anna in its room.
func startRoom(t *testing.T) (*testRelay, *connector, *viewer) {
	t.Helper()
	r := startRelay(t, "")
	k := startConnector(t, r.url())
	return r, k, joinAs(t, r.url(), "anna")
}

// sayOK is say for a line the relay must take: it returns the ack.
func (v *viewer) sayOK(t *testing.T, text string) platform.Ack {
	t.Helper()
	ack, refused := v.say(t, text)
	if refused != nil {
		t.Fatal(refused)
	}
	return ack
}
