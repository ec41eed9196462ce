package studio

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// Selling events carry what a platform needs: the product, the sale's
// price, stock and length, the promo code, its limit and its windows.
func TestSellingEventsCarryTheirDetails(t *testing.T) {
	body := smallShow + `
[show]
currency = "EUR"

[[cue]]
at = "100ms"
do = "pin"
product = "SKU-1"

[[cue]]
at = "200ms"
do = "flash_sale"
product = "SKU-1"
price = 39.0
stock = 20
duration = "10s"

[[cue]]
at = "300ms"
do = "stock"
product = "SKU-1"
stock = 7

[[cue]]
at = "400ms"
do = "promo"
code = "SAVE20"
discount = "-20%"
valid = "10m"
limit = 50
show_for = "2s"

[[cue]]
at = "500ms"
do = "unpin"
`
	body = wider(body)
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Stock: 50, Number: 12, Link: "https://shop.example/p/1"}}
	s := testStudio(t, body, Config{RecordPath: filepath.Join(t.TempDir(), "show.mkv"), For: 1200 * time.Millisecond, Catalog: cat})
	events := subscribe(t, s)
	if err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := sellingDetails(events)
	want := map[string]SellingDetail{
		"pin": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Currency: "EUR", Stock: 50, Number: 12, Link: "https://shop.example/p/1"},
		"flash_sale": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 3900, CompareAtMinor: 5900, Currency: "EUR", Stock: 20, Total: 20,
			Number: 12, Link: "https://shop.example/p/1", Duration: 10 * time.Second},
		"stock": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Currency: "EUR", Stock: 7, Total: 20, Number: 12, Link: "https://shop.example/p/1"},
		"unpin": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, CompareAtMinor: 5900, Currency: "EUR", Stock: 50, Number: 12, Link: "https://shop.example/p/1"},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %+v\n want %+v", k, got[k], w)
		}
	}
	if p := got["promo"]; p.Code != "SAVE20" || p.Discount != "-20%" || p.Valid != 10*time.Minute || p.Limit != 50 || p.ShowFor != 2*time.Second {
		t.Errorf("promo: %+v", p)
	}
}

// Each stock event says what set the stock: the rundown's cue, the host by
// hand (the control API), or a viewer's claim the store already took,
// which the show log then leaves to the claim.
func TestStockEventsSayWhatSetThem(t *testing.T) {
	body := wider(smallShow + `
[[cue]]
at = "100ms"
do = "stock"
product = "SKU-1"
stock = 7
`)
	cat := fakeCatalog{"SKU-1": {SKU: "SKU-1", Title: "Linen shirt", PriceMinor: 4900, Stock: 50}}
	s := testStudio(t, body, Config{Catalog: cat})
	events := subscribe(t, s)
	ctx, cancel, runErr := runInBackground(t, s)
	stockEvent := func() Event {
		t.Helper()
		for {
			if e := waitFor(t, events, EventSelling); e.Subject == "stock" {
				return e
			}
		}
	}
	if e := stockEvent(); e.State != "SKU-1=7" || e.Origin != OriginCue {
		t.Errorf("the cue's stock event: %q from %q, want SKU-1=7 from %q", e.State, e.Origin, OriginCue)
	}
	if err := s.SetStock(ctx, "SKU-1", 6); err != nil {
		t.Fatal(err)
	}
	if e := stockEvent(); e.State != "SKU-1=6" || e.Origin != OriginOperator {
		t.Errorf("the host's stock event: %q from %q, want SKU-1=6 from %q", e.State, e.Origin, OriginOperator)
	}
	if err := s.SetStockFrom(ctx, "SKU-1", 5, OriginClaim); err != nil {
		t.Fatal(err)
	}
	if e := stockEvent(); e.State != "SKU-1=5" || e.Origin != OriginClaim || e.Selling == nil || e.Selling.Stock != 5 {
		t.Errorf("a claim's stock event: %q from %q (%+v), want SKU-1=5 from %q", e.State, e.Origin, e.Selling, OriginClaim)
	}
	cancel()
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
}
