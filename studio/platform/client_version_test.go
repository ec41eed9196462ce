package platform_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/store"
)

// The client keeps the version the relay chose, so that the studio can
// publish for it (platform.ForVersion): unknown before the first welcome,
// and still known after the connection ends.
func TestClientKeepsTheNegotiatedVersion(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, addr := relayAt(t, "")
	c := &platform.Client{URL: "ws://" + addr + "/show/events", Token: hostToken, Outbox: db.Outbox("r"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if v := c.Version(); v != "" {
		t.Fatalf("version %q before any welcome", v)
	}
	rctx, rcancel := context.WithCancel(ctx)
	live, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- c.Run(rctx, func() { close(live) }) }()
	select {
	case <-live:
	case err := <-done:
		t.Fatalf("run: %v", err)
	}
	if v := c.Version(); v != platform.Version {
		t.Errorf("version %q while live, want %q", v, platform.Version)
	}
	rcancel()
	<-done
	if v := c.Version(); v != platform.Version {
		t.Errorf("version %q after the connection, want %q", v, platform.Version)
	}
}

// lockedBuffer is a log the client's goroutines write while a test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// On a relay that chose version 1, a coupon with a watch condition that
// waited in the outbox from before the welcome goes without the condition
// and its code, which the relay takes, instead of a field it refuses.
func TestClientOnAVersion1Relay(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, addr := relayAt(t, "")
	url := "ws://" + addr + "/show/events"
	var log lockedBuffer
	acked := make(chan uint64, 4)
	c := &platform.Client{URL: url, Token: hostToken, Outbox: db.Outbox("r"), Versions: []string{"1"},
		Logger: slog.New(slog.NewTextHandler(&log, nil)), OnAcked: func(id uint64) { acked <- id }}
	const text = "Watch 10 minutes to unlock 10% off"
	id, err := c.Publish(ctx, platform.Coupon{Text: text, Code: "STAY10", WatchSeconds: 600})
	if err != nil {
		t.Fatal(err)
	}
	rctx, rcancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- c.Run(rctx, func() {}) }()
	defer func() { rcancel(); <-done }()
	select {
	case got := <-acked:
		if got != id {
			t.Fatalf("acked %d, want %d", got, id)
		}
	case err := <-done:
		t.Fatalf("run: %v", err)
	case <-ctx.Done():
		t.Fatalf("the coupon was never acked; log:\n%s", log.String())
	}
	if v := c.Version(); v != "1" {
		t.Errorf("version %q, want 1", v)
	}
	if l := log.String(); strings.Contains(l, "relay refused") || !strings.Contains(l, "field=watch_seconds") {
		t.Errorf("want the coupon sent without watch_seconds, not refused; log:\n%s", l)
	}
	// A viewer joining now (version 2 or not) has the text alone: the
	// relay never had the code.
	v, err := platform.Dial(ctx, url, platform.DialOptions{Hello: platform.Hello{Role: platform.RoleViewer}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.CloseNow()
	if st := v.Welcome.State; st == nil || st.Coupon == nil || *st.Coupon != (platform.Coupon{Text: text}) {
		t.Errorf("a viewer joining has the state %+v, want the coupon's text alone", st)
	}
}
