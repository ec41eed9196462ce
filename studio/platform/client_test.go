package platform_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/platform/relay"
	"github.com/vitrina-live/vitrina/studio/store"
)

const hostToken = "host-token-5d1e"

// relayAt runs a relay on addr ("" picks a port); a second one on the same
// address is the same relay restarted (a new epoch).
func relayAt(t *testing.T, addr string) (stop func(), _ string) {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	srv, err := relay.New(relay.Config{Token: hostToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	for range 50 { // the old relay's port may take a moment to free
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv)
	hs.Listener.Close()
	hs.Listener = ln
	hs.Start()
	stop = func() { srv.Close(); hs.Close() }
	t.Cleanup(stop)
	return stop, ln.Addr().String()
}

// cutter is a TCP proxy whose connections a test can cut, the way a
// network drop does (httptest cannot: it forgets hijacked connections).
type cutter struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCutter(t *testing.T, to string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{ln: ln}
	t.Cleanup(func() { ln.Close(); c.cut() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", to)
			if err != nil {
				in.Close()
				continue
			}
			c.mu.Lock()
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
	return c
}

func (c *cutter) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, conn := range c.conns {
		conn.Close()
	}
	c.conns = nil
}

func pin(n int) platform.ProductPin {
	sku := fmt.Sprintf("P%03d", n)
	return platform.ProductPin{SKU: sku, Product: &platform.Product{SKU: sku, Title: "Product " + sku, PriceMinor: 1000, Currency: "EUR"}}
}

// pinsSeen joins the room as a late viewer that asks for everything after
// seq 1 and returns the pinned SKUs in order, until it has want of them.
func pinsSeen(t *testing.T, addr string, want int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	url := "ws://" + addr + "/show/events"
	first, err := platform.Dial(ctx, url, platform.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	c, err := platform.Dial(ctx, url, platform.DialOptions{Hello: platform.Hello{Epoch: first.Welcome.Epoch, ResumeAfter: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Welcome.Resumed {
		t.Fatalf("the late viewer was not resumed: %+v", c.Welcome)
	}
	var skus []string
	for len(skus) < want {
		env, ev, err := c.Read(ctx)
		if err != nil {
			t.Fatalf("after %d pins: %v", len(skus), err)
		}
		if p, ok := ev.(platform.ProductPin); ok && env.Type == platform.TypeProductPin {
			skus = append(skus, p.SKU)
		}
	}
	return skus
}

// Nothing the studio publishes is lost or doubled, whether the network is
// cut under it, the relay restarts, or the studio itself restarts: every
// event reaches the relay once, in order, from the SQLite outbox.
func TestClientOutboxSurvivesCutsAndRestarts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dbPath := filepath.Join(t.TempDir(), "vitrina.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	stopRelay, addr := relayAt(t, "")
	proxy := newCutter(t, addr)
	url := "ws://" + proxy.ln.Addr().String() + "/show/events"

	// The studio is down: what it publishes waits in the outbox, also
	// across a restart of the studio.
	c := &platform.Client{URL: url, Token: hostToken, Outbox: db.Outbox("test-room"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := c.Publish(ctx, platform.Catalog{Products: []platform.Product{*pin(0).Product}}); err != nil {
		t.Fatal(err) // seq 1: the late viewer starts after it
	}
	for i := 1; i <= 10; i++ {
		if _, err := c.Publish(ctx, pin(i)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if db, err = store.Open(ctx, dbPath); err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	states := make(chan output.State, 4096) // a relay down for a moment is many retries
	run := func(c *platform.Client) (stop func()) {
		h := &output.Handler{Name: "relay-events", Output: c, Min: 20 * time.Millisecond, Max: 100 * time.Millisecond,
			OnChange: func(s output.Status) { states <- s.State }}
		rctx, rcancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { h.Run(rctx); close(done) }()
		return func() { rcancel(); <-done }
	}
	waitLive := func() {
		t.Helper()
		for {
			select {
			case s := <-states:
				if s == output.Live {
					return
				}
			case <-ctx.Done():
				t.Fatal("the client never went live")
			}
		}
	}
	acked := make(chan uint64, 256)
	c = &platform.Client{URL: url, Token: hostToken, Outbox: db.Outbox("test-room"), Logger: c.Logger,
		OnAcked: func(id uint64) { acked <- id }}
	var last uint64 // the newest id published
	publish := func(ev platform.Event) {
		t.Helper()
		id, err := c.Publish(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		last = id
	}
	waitAcked := func() {
		t.Helper()
		for {
			select {
			case id := <-acked:
				if id >= last {
					return
				}
			case <-ctx.Done():
				t.Fatalf("event %d was never acked", last)
			}
		}
	}
	last = 11 // the catalog and the ten pins from before the restart
	stop := run(c)
	defer func() { stop() }()
	waitLive()
	waitAcked()
	if got := pinsSeen(t, addr, 10); fmt.Sprint(got) != fmt.Sprint(skus(1, 10)) {
		t.Errorf("after the studio restart the relay has pins %v, want P001..P010 once each", got)
	}

	// A network cut: events published meanwhile go out after the resume.
	proxy.cut()
	for i := 11; i <= 20; i++ {
		publish(pin(i))
	}
	waitLive()
	waitAcked()
	if got := pinsSeen(t, addr, 20); fmt.Sprint(got) != fmt.Sprint(skus(1, 20)) {
		t.Errorf("after a network cut the relay has pins %v, want P001..P020 once each", got)
	}

	// The relay restarts (a new epoch, empty): what was published while it
	// was down reaches the new one.
	stopRelay()
	proxy.cut()
	for i := 21; i <= 25; i++ {
		publish(pin(i))
	}
	relayAt(t, addr)
	waitLive()
	publish(pin(26))
	waitAcked()
	// The new relay numbers from 1: the first pin is seq 1, so the late
	// viewer (after seq 1) sees the rest.
	if got := pinsSeen(t, addr, 5); fmt.Sprint(got) != fmt.Sprint(skus(22, 26)) {
		t.Errorf("after a relay restart it has pins %v, want P022..P026 (P021 is its seq 1)", got)
	}
	pending, err := db.Outbox("test-room").Pending(ctx)
	if err != nil || len(pending) != 0 {
		t.Errorf("outbox still holds %d events (%v), want none", len(pending), err)
	}
}

// A wrong token is permanent: the handler stops in Failed, not retrying.
func TestClientWrongTokenFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, addr := relayAt(t, "")
	c := &platform.Client{URL: "ws://" + addr + "/show/events", Token: "wrong-7f0a", Outbox: db.Outbox("r"),
		HTTPClient: &http.Client{Timeout: 5 * time.Second}}
	h := &output.Handler{Name: "relay-events", Output: c, Min: 10 * time.Millisecond, Max: 20 * time.Millisecond}
	h.Run(ctx)
	st := h.Status()
	if st.State != output.Failed || st.Err == nil {
		t.Fatalf("status %+v, want failed with an error", st)
	}
	if msg := st.Err.Error(); contains(msg, "wrong-7f0a") {
		t.Errorf("the error shows the token: %s", msg)
	}
}

func skus(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("P%03d", i))
	}
	return out
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
