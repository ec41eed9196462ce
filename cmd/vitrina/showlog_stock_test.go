package main

import (
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/store"
)

// The engine's stock events say what set the stock: the show log leaves a
// claim's to the claim, which the store took with its stock in one
// transaction (writing it again would put back stock a later claim took,
// and overselling follows), and writes the host's own changes.
func TestShowLogLeavesAClaimsStockToTheClaim(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	l := &showLog{db: db, log: discard, title: "s", air: (&runStores{}).OnAir()}
	start := time.Now()
	at := func(d time.Duration) time.Time { return start.Add(d) }
	stock := func(d time.Duration, n int, origin string) {
		l.selling(studio.Event{Kind: studio.EventSelling, Subject: "stock", State: "TOTE", Time: at(d), Origin: origin,
			Selling: &studio.SellingDetail{SKU: "TOTE", Stock: n}})
	}
	l.started(start)
	l.selling(studio.Event{Kind: studio.EventSelling, Subject: "flash_sale", State: "TOTE", Time: at(time.Second),
		Selling: &studio.SellingDetail{SKU: "TOTE", Stock: 4, Duration: time.Minute}})
	// Two claims (4 → 3 → 2), and only then the engine's events for them.
	for i, id := range []string{"relay-e-1", "relay-e-2"} {
		res, err := l.air.claim(ctx, store.Claim{ID: id, SKU: "TOTE", Qty: 1, At: at(2*time.Second + time.Duration(i)*time.Millisecond)})
		if err != nil || !res.Accepted || res.StockLeft != 3-i {
			t.Fatalf("claim %s: %+v (%v), want accepted, %d left", id, res, err, 3-i)
		}
	}
	stock(3*time.Second, 3, studio.OriginClaim)
	stock(3*time.Second, 2, studio.OriginClaim)
	if n, err := db.ShowStock(ctx, l.id, "TOTE"); err != nil || n != 2 {
		t.Errorf("after two claims and their stock events the store has %d (%v) left, want 2", n, err)
	}
	stock(4*time.Second, 10, studio.OriginOperator) // the host restocks
	stock(5*time.Second, 9, studio.OriginCue)
	if n, err := db.ShowStock(ctx, l.id, "TOTE"); err != nil || n != 9 {
		t.Errorf("after the host's and a cue's stock the store has %d (%v) left, want 9", n, err)
	}
	id := l.id
	l.stopped(at(time.Minute))
	evs, err := db.Events(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range evs {
		kinds = append(kinds, ev.Kind+"@"+ev.Offset.String())
	}
	want := []string{store.KindSaleStart + "@1s", store.KindStock + "@1s", store.KindClaim + "@2s", store.KindClaim + "@2.001s",
		store.KindStock + "@4s", store.KindStock + "@5s", store.KindSaleEnd + "@1m0s"}
	if !slices.Equal(kinds, want) {
		t.Errorf("the show's events are %v, want %v: one stock event each for the sale and the host's and the cue's changes, none for the claims'", kinds, want)
	}
}
