package show

import (
	"errors"
	"math"
)

// Product is what the selling cues and the product card need to know of one
// catalog item (one variant, found by its SKU or its product's handle).
type Product struct {
	SKU, Handle, Title         string
	PriceMinor, CompareAtMinor int64 // in the currency's minor unit (cents)
	Stock                      int
	Images                     []string // local paths, cached by the import
	Specs                      []string // short facts: "Size: M", "Cotton"
	Link                       string   // the product page, for the QR code
	Sponsored                  bool     // a paid partnership: the disclosure tag shows with it
	Number                     int      // the claim number viewers type: "type 12 to buy"
}

// Key is the product's key in the store and the control API: its SKU, or
// its handle when it has none.
func (p Product) Key() string {
	if p.SKU != "" {
		return p.SKU
	}
	return p.Handle
}

// Catalog finds products for the cues and the rundown.
type Catalog interface {
	Product(ref string) (Product, error)
}

// ErrNoProduct: no product has that SKU or handle.
var ErrNoProduct = errors.New("no such product")

// MinorUnits converts a price in the currency's major unit, as a cue's price
// and the control API give it, to its minor unit (cents), rounded.
func MinorUnits(price float64) int64 { return int64(math.Round(price * 100)) }
