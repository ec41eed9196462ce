package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

type fakeStock struct {
	mu  sync.Mutex
	set []string
}

// SetStockFrom notes ref=n, and the origin when it is not a claim's.
func (f *fakeStock) SetStockFrom(_ context.Context, ref string, n int, origin string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := ref + "=" + strconv.Itoa(n)
	if origin != studio.OriginClaim {
		s += " from " + origin
	}
	f.set = append(f.set, s)
	return nil
}

type listedCatalog []show.Product

func (c listedCatalog) Product(ref string) (show.Product, error) {
	return show.Product{}, show.ErrNoProduct
}
func (c listedCatalog) Products() []show.Product { return c }

// The link turns the engine's selling events into platform events in the
// outbox, and claims into the store's stock and then the engine's: a claim
// resent counts once, and one that would oversell is refused and the
// platform told the true stock.
func TestPlatformLinkTranslates(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eng := &fakeStock{}
	now := time.UnixMilli(1_800_000_000_000)
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	air := (&runStores{}).OnAir()
	showID, err := db.StartShow(ctx, "s", "", now)
	if err != nil {
		t.Fatal(err)
	}
	air.begin(db, showID, now, discard)
	defer air.end(now.Add(time.Minute))
	l := &platformLink{st: eng, air: air, currency: "EUR", log: discard,
		cat: listedCatalog{{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 2500, Stock: 12}, {SKU: "BAD", Title: ""}, {SKU: "MUG", Title: "Mug"}}}
	l.client = &platform.Client{URL: "ws://127.0.0.1:1/show/events", Outbox: db.Outbox("room")}

	l.publishCatalog()
	l.selling("pin", studio.SellingDetail{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 2500, Currency: "EUR", Stock: 12}, now)
	l.selling("flash_sale", studio.SellingDetail{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 1900, Currency: "EUR", Stock: 4, Total: 4, Duration: time.Minute}, now)
	if err := db.SetShowStock(ctx, showID, "TOTE", 4, now, 0); err != nil { // as the show log does at the sale's start
		t.Fatal(err)
	}
	saleID := l.sale.id
	claim := func(id uint64, c platform.Claim) { l.incoming(platform.Envelope{ID: id}, c) }
	// echo is the engine's stock event, which comes back after its claim.
	echo := func(n int) { l.selling("stock", studio.SellingDetail{SKU: "TOTE", Stock: n}, now) }
	claim(7, platform.Claim{SKU: "MUG", Quantity: 1})                  // not in the store: refused
	claim(9, platform.Claim{SKU: "TOTE", Quantity: 1, SaleID: saleID}) // 4 → 3
	claim(10, platform.Claim{SKU: "TOTE", Quantity: 1})                // 3 → 2
	claim(10, platform.Claim{SKU: "TOTE", Quantity: 1})                // resent: counts once
	echo(3)
	claim(11, platform.Claim{SKU: "TOTE", Quantity: 1}) // 2 → 1
	claim(12, platform.Claim{SKU: "TOTE", Quantity: 5}) // would oversell: refused, stock.update 1
	echo(2)
	echo(1)
	claim(13, platform.Claim{SKU: "TOTE", Quantity: 1}) // 1 → 0
	echo(0)                                             // sold out
	claim(14, platform.Claim{SKU: "TOTE", Quantity: 1}) // sold out: refused, stock.update 0
	l.selling("promo", studio.SellingDetail{Code: "SAVE20", Discount: "-20%", Valid: 10 * time.Minute}, now)
	l.selling("unpin", studio.SellingDetail{SKU: "TOTE"}, now)
	l.sale.timer.Stop()

	if want := []string{"TOTE=3", "TOTE=2", "TOTE=1", "TOTE=0"}; !slices.Equal(eng.set, want) {
		t.Errorf("the engine's stock was set %v, want %v", eng.set, want)
	}
	claims, err := db.Claims(ctx, showID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range claims {
		ids = append(ids, c.ID)
	}
	if want := []string{"relay--9", "relay--10", "relay--11", "relay--13"}; !slices.Equal(ids, want) {
		t.Errorf("the store holds claims %v, want %v", ids, want)
	}
	if left, err := db.ShowStock(ctx, showID, "TOTE"); err != nil || left != 0 {
		t.Errorf("the store's stock of TOTE: %d (%v), want 0", left, err)
	}
	pending, err := db.Outbox("room").Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var types []platform.Type
	var events []platform.Event
	for _, f := range pending {
		env, ev, err := platform.Decode(f.Frame, 1<<20)
		if err != nil {
			t.Fatalf("frame %d: %v", f.ID, err)
		}
		types = append(types, env.Type)
		events = append(events, ev)
	}
	want := []platform.Type{platform.TypeCatalog, platform.TypeProductPin, platform.TypeSaleStart,
		platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeStockUpdate,
		platform.TypeSaleEnd, platform.TypeStockUpdate, platform.TypePromoDrop, platform.TypeProductUnpin}
	if len(types) != len(want) {
		t.Fatalf("the outbox holds %v, want %v", types, want)
	}
	for i := range want {
		if types[i] != want[i] {
			t.Fatalf("the outbox holds %v, want %v", types, want)
		}
	}
	if c := events[0].(platform.Catalog); len(c.Products) != 2 || c.Products[0].SKU != "TOTE" || *c.Products[0].Stock != 12 || c.Products[1].Stock != nil {
		t.Errorf("catalog %+v: want TOTE (12 in stock) and MUG (stock unknown), the untitled product left out", c)
	}
	if s := events[2].(platform.SaleStart); s.SaleID != saleID || s.PriceMinor != 1900 || s.Stock != 4 || s.EndsAt != now.Add(time.Minute).UnixMilli() {
		t.Errorf("sale.start %+v", s)
	}
	var stocks []int
	for _, i := range []int{3, 4, 5, 6, 7, 9} {
		stocks = append(stocks, events[i].(platform.StockUpdate).Stock)
	}
	if want := []int{3, 1, 2, 1, 0, 0}; !slices.Equal(stocks, want) {
		t.Errorf("stock.update sent %v, want %v (the refusals' true stock among the engine's)", stocks, want)
	}
	if e := events[8].(platform.SaleEnd); e.SaleID != saleID || e.Reason != platform.SaleEndSoldOut {
		t.Errorf("sale.end %+v, want sold out", e)
	}
	if p := events[10].(platform.PromoDrop); p.Code != "SAVE20" || p.ExpiresAt != now.Add(10*time.Minute).UnixMilli() {
		t.Errorf("promo.drop %+v", p)
	}
}

// A relay that comes back empty (restarted) gets the catalog and the pin
// again; the first join and a relay that kept the show get nothing more.
func TestPlatformLinkRefillsARestartedRelay(t *testing.T) {
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := &platformLink{st: &fakeStock{}, currency: "EUR", log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		cat: listedCatalog{{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 2500}}}
	l.client = &platform.Client{URL: "ws://127.0.0.1:1/show/events", Outbox: db.Outbox("room")}
	l.selling("pin", studio.SellingDetail{SKU: "TOTE", Title: "Canvas tote", Currency: "EUR"}, time.Now())
	l.relayState(platform.State{}) // the first join: the outbox has it all
	l.joined = true
	l.relayState(platform.State{Catalog: []platform.Product{{SKU: "TOTE", Title: "Canvas tote"}}})
	l.relayState(platform.State{})
	pending, err := db.Outbox("room").Pending(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var types []platform.Type
	for _, f := range pending {
		env, _, _ := platform.Decode(f.Frame, 1<<20)
		types = append(types, env.Type)
	}
	if len(types) != 3 || types[0] != platform.TypeProductPin || types[1] != platform.TypeCatalog || types[2] != platform.TypeProductPin {
		t.Errorf("the outbox holds %v, want the pin, then the catalog and the pin again", types)
	}
}
