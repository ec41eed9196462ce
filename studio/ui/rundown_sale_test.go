package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio"
)

// A flash sale shows on its product's row: the sale price, the sale's stock
// left and a countdown, following stock events; once it ends the row has
// the usual price and stock again.
func TestRundownRowCountsDownTheFlashSale(t *testing.T) {
	w, _ := newTestWindow(t, newFakeEngine(), Options{Seller: &fakeSeller{calls: make(chan string, 8)}, Rundown: fakeRundown{}, Currency: "EUR"})
	r := w.Rundown
	now := time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	w.Apply(studio.Event{Kind: EventSelling, Subject: "flash_sale", State: "KET-01", Selling: &studio.SellingDetail{
		SKU: "KET-01", PriceMinor: 2990, Stock: 8, Total: 8, Duration: 5 * time.Minute}})
	if shown := texts(r.List); !strings.Contains(shown, "Sale 29.90 EUR · 8 of 8 left · 5:00") || !strings.Contains(shown, "12.99 EUR · 40 in stock") {
		t.Errorf("the sale's row: %s", shown)
	}
	now = now.Add(61 * time.Second)
	w.Apply(studio.Event{Kind: EventSelling, Subject: "stock", State: "KET-01=5"})
	r.Tick(now)
	if shown := texts(r.List); !strings.Contains(shown, "Sale 29.90 EUR · 5 of 8 left · 3:59") {
		t.Errorf("after a minute and three claims: %s", shown)
	}
	now = now.Add(4 * time.Minute)
	r.Tick(now)
	if shown := texts(r.List); strings.Contains(shown, "Sale") || !strings.Contains(shown, "49.99 EUR · 5 in stock") {
		t.Errorf("after the sale: %s", shown)
	}
}
