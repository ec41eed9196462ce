package timeline

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Product is what one product did in a show.
type Product struct {
	SKU      string
	Title    string        // from a pin event, when one carried it
	Airtime  time.Duration // total time on air
	Segments int           // times it went on air
	Interest int           // want-it chat messages about it
	Claims   int           // accepted claims
	Units    int           // units those claims took
	// Purchases and PurchasedUnits are completed checkouts, which some
	// platforms report apart from claims.
	Purchases, PurchasedUnits int
	first                     time.Duration // first time on air or mentioned, for the order
}

// Products sums up each product that was on air, asked for or claimed:
// the ones that were on air first, in the order they first went on air,
// then the rest (claimed from the product list without being shown) in the
// order they first came up.
func Products(evs []Event, segs []Segment) []Product {
	byKey := map[string]*Product{}
	get := func(sku string, at time.Duration) *Product {
		p := byKey[sku]
		if p == nil {
			p = &Product{SKU: sku, first: at}
			byKey[sku] = p
		}
		return p
	}
	for _, s := range segs {
		p := get(s.SKU, s.Start)
		p.Airtime += s.Duration()
		p.Segments++
		if p.Title == "" {
			p.Title = s.Title
		}
	}
	for _, e := range sorted(evs) {
		switch e.Kind {
		case KindClaim, KindPurchase:
			if e.SKU == "" {
				continue
			}
			p := get(e.SKU, e.Offset)
			if e.Kind == KindClaim {
				p.Claims++
				p.Units += e.Quantity()
			} else {
				p.Purchases++
				p.PurchasedUnits += e.Quantity()
			}
		case KindChatRate:
			n, bySKU := e.Want()
			for sku, v := range bySKU {
				get(sku, e.Offset).Interest += v
			}
			if bySKU != nil || n == 0 {
				continue
			}
			// Want-it comments name no product ("I want it!"): they are
			// about the one on the screen.
			sku := e.SKU
			if sku == "" {
				if s, ok := OnAir(segs, e.Offset); ok {
					sku = s.SKU
				}
			}
			if sku != "" {
				get(sku, e.Offset).Interest += n
			}
		}
	}
	out := make([]Product, 0, len(byKey))
	for _, p := range byKey {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Product) int {
		onA, onB := a.Segments > 0, b.Segments > 0
		switch {
		case onA != onB && onA:
			return -1
		case onA != onB:
			return 1
		case a.first != b.first:
			return cmp.Compare(a.first, b.first)
		}
		return strings.Compare(a.SKU, b.SKU)
	})
	return out
}
