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

func (f *fakeStock) SetStock(_ context.Context, ref string, n int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.set = append(f.set, ref+"="+strconv.Itoa(n))
	return nil
}

type listedCatalog []show.Product

func (c listedCatalog) Product(ref string) (show.Product, error) {
	return show.Product{}, show.ErrNoProduct
}
func (c listedCatalog) Products() []show.Product { return c }

// The link turns the engine's selling events into platform events in the
// outbox, and claims into the engine's stock, only for a running sale.
func TestPlatformLinkTranslates(t *testing.T) {
	ctx := t.Context()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "vitrina.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eng := &fakeStock{}
	l := &platformLink{st: eng, currency: "EUR", log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		cat: listedCatalog{{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 2500, Stock: 12}, {SKU: "BAD", Title: ""}, {SKU: "MUG", Title: "Mug"}}}
	l.client = &platform.Client{URL: "ws://127.0.0.1:1/show/events", Outbox: db.Outbox("room")}

	now := time.UnixMilli(1_800_000_000_000)
	l.publishCatalog()
	l.selling("pin", studio.SellingDetail{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 2500, Currency: "EUR", Stock: 12}, now)
	l.selling("flash_sale", studio.SellingDetail{SKU: "TOTE", Title: "Canvas tote", PriceMinor: 1900, Currency: "EUR", Stock: 4, Total: 4, Duration: time.Minute}, now)
	saleID := l.sale.id
	claim := func(id uint64, c platform.Claim) { l.incoming(platform.Envelope{ID: id}, c) }
	// echo is the engine's stock event, which comes back after its claim.
	echo := func(n int) { l.selling("stock", studio.SellingDetail{SKU: "TOTE", Stock: n}, now) }
	claim(7, platform.Claim{SKU: "MUG", Quantity: 1})                  // no sale of it
	claim(8, platform.Claim{SKU: "TOTE", Quantity: 1, SaleID: "old"})  // an earlier sale's
	claim(9, platform.Claim{SKU: "TOTE", Quantity: 1, SaleID: saleID}) // 4 → 3
	claim(10, platform.Claim{SKU: "TOTE", Quantity: 1})                // 3 → 2
	echo(3)                                                            // late: the next claim still counts from 2
	claim(11, platform.Claim{SKU: "TOTE", Quantity: 1})                // 2 → 1
	claim(12, platform.Claim{SKU: "TOTE", Quantity: 5})                // 1 → 0, oversold
	echo(2)
	echo(1)
	echo(0)                                             // sold out
	claim(13, platform.Claim{SKU: "TOTE", Quantity: 1}) // after the sale
	l.selling("promo", studio.SellingDetail{Code: "SAVE20", Discount: "-20%", Valid: 10 * time.Minute}, now)
	l.selling("unpin", studio.SellingDetail{SKU: "TOTE"}, now)
	l.sale.timer.Stop()

	if want := []string{"TOTE=3", "TOTE=2", "TOTE=1", "TOTE=0"}; !slices.Equal(eng.set, want) {
		t.Errorf("the engine's stock was set %v, want %v", eng.set, want)
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
		platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeStockUpdate, platform.TypeSaleEnd, platform.TypePromoDrop, platform.TypeProductUnpin}
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
	if e := events[7].(platform.SaleEnd); e.SaleID != saleID || e.Reason != platform.SaleEndSoldOut {
		t.Errorf("sale.end %+v, want sold out", e)
	}
	if p := events[8].(platform.PromoDrop); p.Code != "SAVE20" || p.ExpiresAt != now.Add(10*time.Minute).UnixMilli() {
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
