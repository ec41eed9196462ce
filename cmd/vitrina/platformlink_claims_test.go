package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/platform/relay"
	"github.com/vitrina-live/vitrina/studio/store"
)

// What the store answers each claim becomes the claim.result its viewer is
// told: accepted with the stock left, a resend accepted again (the store
// keeps only accepted claims), and each refusal under the protocol's word
// for it. Every one is a valid claim.result.
func TestClaimResultFromTheStore(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.UnixMilli(1_800_000_000_000)
	showID, err := db.StartShow(ctx, "s", "", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetShowStock(ctx, showID, "TOTE", 2, now, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.DropPromo(ctx, store.Promo{ShowID: showID, Code: "FIRST1", Limit: 1, At: now}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id     string
		claim  platform.Claim
		reason string // "" for accepted
		left   int
	}{
		{"relay-e-5", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, "", 1},
		{"relay-e-5", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, "", 1}, // resent
		{"relay-e-6", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "FIRST1"}, platform.ClaimCodeUsedUp, 1},
		{"relay-e-7", platform.Claim{SKU: "TOTE", Quantity: 1, Code: "NOPE"}, platform.ClaimCodeUnknown, 1},
		{"relay-e-8", platform.Claim{SKU: "TOTE", Quantity: 3}, platform.ClaimNotEnough, 1},
		{"relay-e-9", platform.Claim{SKU: "TOTE", Quantity: 1}, "", 0},
		{"relay-e-10", platform.Claim{SKU: "TOTE", Quantity: 1}, platform.ClaimSoldOut, 0},
	} {
		res, err := db.Claim(ctx, store.Claim{ID: c.id, ShowID: showID, SKU: c.claim.SKU, Qty: c.claim.Quantity, Code: c.claim.Code, At: now})
		if err != nil {
			t.Fatal(err)
		}
		r, ok := claimResult(42, c.claim, res)
		if !ok || r.Claim != 42 || r.Accepted != (c.reason == "") || r.Reason != c.reason || r.Left == nil || *r.Left != c.left || r.SKU != "TOTE" {
			t.Errorf("%s %+v: the store said %+v, the viewer is told %+v (ok %v); want reason %q, %d left", c.id, c.claim, res, r, ok, c.reason, c.left)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", c.id, err)
		}
	}
	res, err := db.Claim(ctx, store.Claim{ID: "relay-e-11", ShowID: showID, SKU: "GHOST", Qty: 1, At: now})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := claimResult(43, platform.Claim{SKU: "GHOST", Quantity: 1}, res); !ok || r.Reason != platform.ClaimUnknownProduct || r.Left != nil {
		t.Errorf("a product the shop does not have: %+v, want unknown_product with no stock", r)
	}
}

// relayOn runs an in-process relay on addr ("" picks a port) until stop;
// a second one on the same address is the relay restarted: a new epoch,
// seqs from 1 again.
func relayOn(t *testing.T, addr string) (stop func(), _ string) {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	srv, err := relay.New(relay.Config{Token: relayToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	deadline := time.Now().Add(10 * time.Second)
	for { // the old relay's port may take a moment to free
		if ln, err = net.Listen("tcp", addr); err == nil || time.Now().After(deadline) {
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
	var once sync.Once
	stop = func() { once.Do(func() { srv.Close(); hs.Close() }) }
	t.Cleanup(stop)
	return stop, ln.Addr().String()
}

// A claim is named by the relay run's epoch and its seq in it: the relay
// resending a claim the studio already took (after the studio went away
// before it noted reading it) counts once, and a relay restarted between
// two claims, whose seqs start again from 1, makes them two claims, not a
// resend. Both through a real relay, the link's own client and the store.
func TestPlatformLinkClaimsAcrossARelayRestart(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	air := (&runStores{}).OnAir()
	showID, err := db.StartShow(ctx, "s", "", now)
	if err != nil {
		t.Fatal(err)
	}
	air.begin(db, showID, now, discard)
	defer air.end(time.Now())
	if err := db.SetShowStock(ctx, showID, "TOTE", 10, now, 0); err != nil {
		t.Fatal(err)
	}
	eng := &fakeStock{}
	l := &platformLink{st: eng, air: air, currency: "EUR", log: discard}
	stopRelay, addr := relayOn(t, "")
	url := "ws://" + addr + "/show/events"
	outbox := db.Outbox("show")
	// The link's own client, whose welcomes and claims the test also sees
	// once the link has had them.
	l.client = l.newClient(url, relayToken, outbox)
	welcomes, handled := make(chan string, 16), make(chan uint64, 16)
	onWelcome, onEvent := l.client.OnWelcome, l.client.OnEvent
	l.client.OnWelcome = func(w platform.Welcome) { onWelcome(w); welcomes <- w.Epoch }
	l.client.OnEvent = func(env platform.Envelope, ev platform.Event) {
		onEvent(env, ev)
		if _, ok := ev.(platform.Claim); ok {
			handled <- env.ID
		}
	}
	// connect runs the link's client as `vitrina run` does, until the
	// returned stop, and returns once the relay has welcomed it.
	connect := func() (stop func(), epoch string) {
		hctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		h := &output.Handler{Name: "platform", Output: l.client, Min: 50 * time.Millisecond, Max: 500 * time.Millisecond}
		go func() { defer close(done); h.Run(hctx) }()
		select {
		case epoch = <-welcomes:
		case <-time.After(20 * time.Second):
			t.Fatal("the relay never welcomed the studio")
		}
		return func() { cancel(); <-done }, epoch
	}
	waitClaim := func(what string) uint64 {
		t.Helper()
		select {
		case seq := <-handled:
			return seq
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the studio never took the claim", what)
			return 0
		}
	}
	// claim makes one claim as a fresh viewer, who says hello in the chat
	// first (so the claim's seq is 2: a resume after 1 replays it), and
	// returns what it is told.
	claim := func() platform.ClaimResult {
		t.Helper()
		vctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		v, err := platform.Dial(vctx, url, platform.DialOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		if err := v.Send(vctx, 1, platform.ChatMessage{Text: "hello!"}); err != nil {
			t.Fatal(err)
		}
		if err := v.Send(vctx, 2, platform.Claim{SKU: "TOTE", Quantity: 1}); err != nil {
			t.Fatal(err)
		}
		for {
			_, ev, err := v.Read(vctx)
			if err != nil {
				t.Fatalf("the viewer's claim got no result: %v", err)
			}
			if r, ok := ev.(platform.ClaimResult); ok {
				return r
			}
		}
	}
	left := func() int {
		t.Helper()
		n, err := db.ShowStock(ctx, showID, "TOTE")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// The first relay run: a claim, taken.
	disconnect, epoch1 := connect()
	if r := claim(); !r.Accepted || r.Left == nil || *r.Left != 9 {
		t.Fatalf("the first claim: %s, want accepted with 9 left", claimResultText(r))
	}
	seq1 := waitClaim("the first claim")
	if seq1 < 2 {
		t.Fatalf("the first claim has seq %d, want 2 (after the viewer's hello)", seq1)
	}
	// The studio goes away before it notes having read the claim (it
	// saves its place at most every few seconds): back, the relay resends
	// it, in the same epoch, and the store counts it once.
	disconnect()
	if err := outbox.SetCursor(ctx, epoch1, seq1-1); err != nil {
		t.Fatal(err)
	}
	disconnect, again := connect()
	if again != epoch1 {
		t.Fatalf("the relay's epoch changed from %q to %q without a restart", epoch1, again)
	}
	if seq := waitClaim("the resent claim"); seq != seq1 {
		t.Fatalf("the relay resent seq %d, want %d", seq, seq1)
	}
	if n := left(); n != 9 {
		t.Errorf("after the resent claim the store has %d left, want 9: a resend counts once", n)
	}

	// The relay restarts on the same address: a new epoch, and the next
	// claim has the first one's seq again. It is a claim of its own.
	stopRelay()
	relayOn(t, addr)
	var epoch2 string
	select {
	case epoch2 = <-welcomes:
	case <-time.After(30 * time.Second):
		t.Fatal("the studio never joined the restarted relay")
	}
	if epoch2 == epoch1 {
		t.Fatalf("the restarted relay kept epoch %q", epoch1)
	}
	if r := claim(); !r.Accepted || r.Left == nil || *r.Left != 8 {
		t.Errorf("the claim after the restart: %s, want accepted with 8 left", claimResultText(r))
	}
	if seq := waitClaim("the claim after the restart"); seq != seq1 {
		t.Fatalf("after the restart the claim has seq %d, want the first one's %d (the test's premise)", seq, seq1)
	}
	disconnect()
	claims, err := db.Claims(ctx, showID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range claims {
		ids = append(ids, c.ID)
	}
	s1 := strconv.FormatUint(seq1, 10)
	if want := []string{"relay-" + epoch1 + "-" + s1, "relay-" + epoch2 + "-" + s1}; !slices.Equal(ids, want) {
		t.Errorf("the store holds claims %v, want %v", ids, want)
	}
	if n := left(); n != 8 {
		t.Errorf("the store has %d left, want 8", n)
	}
	if want := []string{"TOTE=9", "TOTE=8"}; !slices.Equal(eng.set, want) { // a resend leaves it be
		t.Errorf("the engine's stock was set %v, want %v", eng.set, want)
	}
}

// claimResultText is a claim.result as a test failure shows it.
func claimResultText(r platform.ClaimResult) string {
	left := "unknown"
	if r.Left != nil {
		left = strconv.Itoa(*r.Left)
	}
	return fmt.Sprintf("accepted %v, reason %q, %s left", r.Accepted, r.Reason, left)
}
