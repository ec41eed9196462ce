package platform

import "strconv"

// Product is one item as the viewers' product list shows it. Prices are in
// the currency's minor unit (cents). Stock is nil when unknown.
type Product struct {
	SKU            string `json:"sku"`
	Title          string `json:"title"`
	PriceMinor     int64  `json:"price_minor,omitempty"`
	CompareAtMinor int64  `json:"compare_at_minor,omitempty"`
	Currency       string `json:"currency,omitempty"`
	Stock          *int   `json:"stock,omitempty"`
	Number         int    `json:"number,omitempty"` // the claim number: "type 12 to buy"
	Link           string `json:"link,omitempty"`
	Image          string `json:"image,omitempty"` // an http(s) URL the page may show
}

// Int is a pointer to n, for Product.Stock.
func Int(n int) *int { return &n }

func (p Product) validate(t Type, field string) error {
	if err := checkSKU(t, field+".sku", p.SKU); err != nil {
		return err
	}
	if err := checkText(t, field+".title", p.Title, 1, MaxTextRunes, false); err != nil {
		return err
	}
	if err := checkRange(t, field+".price_minor", p.PriceMinor, 0, maxMinor); err != nil {
		return err
	}
	if err := checkRange(t, field+".compare_at_minor", p.CompareAtMinor, 0, maxMinor); err != nil {
		return err
	}
	if err := checkCurrency(t, field+".currency", p.Currency); err != nil {
		return err
	}
	if p.Stock != nil {
		if err := checkRange(t, field+".stock", int64(*p.Stock), 0, 1e9); err != nil {
			return err
		}
	}
	if err := checkRange(t, field+".number", int64(p.Number), 0, 1e6); err != nil {
		return err
	}
	if err := checkText(t, field+".link", p.Link, 0, 2048, false); err != nil {
		return err
	}
	return checkText(t, field+".image", p.Image, 0, 2048, false)
}

// Catalog is the show's product list, in the order the page lists it. It
// replaces any earlier one.
type Catalog struct {
	Products []Product `json:"products"`
}

func (Catalog) Type() Type { return TypeCatalog }

func (c Catalog) Validate() error {
	if len(c.Products) > MaxCatalog {
		return invalid(TypeCatalog, "products", "%d products, the limit is %d", len(c.Products), MaxCatalog)
	}
	seen := map[string]bool{}
	for i, p := range c.Products {
		if err := p.validate(TypeCatalog, "products["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
		if seen[p.SKU] {
			return invalid(TypeCatalog, "products["+strconv.Itoa(i)+"].sku", "%q is listed twice", p.SKU)
		}
		seen[p.SKU] = true
	}
	return nil
}

// ProductPin puts a product on air. Product, when given, adds it to the
// catalog or updates it there.
type ProductPin struct {
	SKU     string   `json:"sku"`
	Product *Product `json:"product,omitempty"`
}

func (ProductPin) Type() Type { return TypeProductPin }

func (p ProductPin) Validate() error {
	if err := checkSKU(TypeProductPin, "sku", p.SKU); err != nil {
		return err
	}
	if p.Product != nil {
		if err := p.Product.validate(TypeProductPin, "product"); err != nil {
			return err
		}
		if p.Product.SKU != p.SKU {
			return invalid(TypeProductPin, "product.sku", "%q differs from sku %q", p.Product.SKU, p.SKU)
		}
	}
	return nil
}

// ProductUnpin takes the pinned product off air.
type ProductUnpin struct {
	SKU string `json:"sku,omitempty"`
}

func (ProductUnpin) Type() Type { return TypeProductUnpin }

func (p ProductUnpin) Validate() error {
	return checkText(TypeProductUnpin, "sku", p.SKU, 0, 64, false)
}

// SaleStart opens a flash sale: a price, limited stock and a deadline.
type SaleStart struct {
	SaleID     string `json:"sale_id"`
	SKU        string `json:"sku"`
	PriceMinor int64  `json:"price_minor"`
	Currency   string `json:"currency,omitempty"`
	Stock      int    `json:"stock"`
	EndsAt     int64  `json:"ends_at"` // unix milliseconds
}

func (SaleStart) Type() Type { return TypeSaleStart }

func (s SaleStart) Validate() error {
	if err := checkText(TypeSaleStart, "sale_id", s.SaleID, 1, 64, false); err != nil {
		return err
	}
	if err := checkSKU(TypeSaleStart, "sku", s.SKU); err != nil {
		return err
	}
	if err := checkRange(TypeSaleStart, "price_minor", s.PriceMinor, 1, maxMinor); err != nil {
		return err
	}
	if err := checkCurrency(TypeSaleStart, "currency", s.Currency); err != nil {
		return err
	}
	if err := checkRange(TypeSaleStart, "stock", int64(s.Stock), 1, 1e9); err != nil {
		return err
	}
	return checkRange(TypeSaleStart, "ends_at", s.EndsAt, 1, maxTime)
}

// Reasons a sale ends.
const (
	SaleEndTime    = "time"
	SaleEndSoldOut = "sold_out"
	SaleEndStopped = "stopped"
)

// SaleEnd closes a flash sale.
type SaleEnd struct {
	SaleID string `json:"sale_id"`
	SKU    string `json:"sku,omitempty"`
	Reason string `json:"reason"`
}

func (SaleEnd) Type() Type { return TypeSaleEnd }

func (s SaleEnd) Validate() error {
	if err := checkText(TypeSaleEnd, "sale_id", s.SaleID, 1, 64, false); err != nil {
		return err
	}
	switch s.Reason {
	case SaleEndTime, SaleEndSoldOut, SaleEndStopped:
		return nil
	}
	return invalid(TypeSaleEnd, "reason", "%q: want \"time\", \"sold_out\" or \"stopped\"", s.Reason)
}

// StockUpdate sets how many of a product are left.
type StockUpdate struct {
	SKU   string `json:"sku"`
	Stock int    `json:"stock"`
}

func (StockUpdate) Type() Type { return TypeStockUpdate }

func (s StockUpdate) Validate() error {
	if err := checkSKU(TypeStockUpdate, "sku", s.SKU); err != nil {
		return err
	}
	return checkRange(TypeStockUpdate, "stock", int64(s.Stock), 0, 1e9)
}

// PromoDrop releases a promo code.
type PromoDrop struct {
	Code      string `json:"code"`
	Discount  string `json:"discount,omitempty"`   // as shown: "15%", "€5 off"
	SKU       string `json:"sku,omitempty"`        // the product it applies to, if one
	ExpiresAt int64  `json:"expires_at,omitempty"` // unix milliseconds
	// Limit (version 2) is how many claims may use the code; 0: no limit.
	Limit int `json:"limit,omitempty"`
}

// MaxPromoLimit bounds a promo code's uses.
const MaxPromoLimit = 1e9

func (PromoDrop) Type() Type { return TypePromoDrop }

func (p PromoDrop) Validate() error {
	if err := checkText(TypePromoDrop, "code", p.Code, 1, 32, false); err != nil {
		return err
	}
	if err := checkText(TypePromoDrop, "discount", p.Discount, 0, 32, false); err != nil {
		return err
	}
	if err := checkText(TypePromoDrop, "sku", p.SKU, 0, 64, false); err != nil {
		return err
	}
	if p.Limit < 0 {
		return invalid(TypePromoDrop, "limit", "%d: want the number of claims that may use the code, 1 or more (or no limit at all)", p.Limit)
	}
	if err := checkRange(TypePromoDrop, "limit", int64(p.Limit), 0, MaxPromoLimit); err != nil {
		return err
	}
	return checkRange(TypePromoDrop, "expires_at", p.ExpiresAt, 0, maxTime)
}

// Coupon announces a coupon, with or without a code ("watch 10 minutes to
// unlock"). WatchSeconds is its condition: the page reveals the code to a
// viewer once the video has played that long for them (0: at once).
type Coupon struct {
	Text         string `json:"text"`
	Code         string `json:"code,omitempty"`
	ExpiresAt    int64  `json:"expires_at,omitempty"`
	WatchSeconds int    `json:"watch_seconds,omitempty"`
}

// MaxWatchSeconds is the longest watch condition: a day.
const MaxWatchSeconds = 24 * 3600

func (Coupon) Type() Type { return TypeCoupon }

func (c Coupon) Validate() error {
	if err := checkText(TypeCoupon, "text", c.Text, 1, MaxTextRunes, false); err != nil {
		return err
	}
	if err := checkText(TypeCoupon, "code", c.Code, 0, 32, false); err != nil {
		return err
	}
	if err := checkRange(TypeCoupon, "watch_seconds", int64(c.WatchSeconds), 0, MaxWatchSeconds); err != nil {
		return err
	}
	if c.WatchSeconds > 0 && c.Code == "" {
		return invalid(TypeCoupon, "watch_seconds", "a watch condition needs code: the code is what watching unlocks")
	}
	return checkRange(TypeCoupon, "expires_at", c.ExpiresAt, 0, maxTime)
}

// GiveawayResult names a giveaway's winner.
type GiveawayResult struct {
	Winner string `json:"winner"`           // the nickname as shown
	Viewer string `json:"viewer,omitempty"` // the winner's viewer id, when on this relay
	Prize  string `json:"prize,omitempty"`
}

func (GiveawayResult) Type() Type { return TypeGiveawayResult }

func (g GiveawayResult) Validate() error {
	if err := checkText(TypeGiveawayResult, "winner", g.Winner, 1, 64, false); err != nil {
		return err
	}
	if g.Viewer != "" {
		if err := checkViewer(TypeGiveawayResult, "viewer", g.Viewer); err != nil {
			return err
		}
	}
	return checkText(TypeGiveawayResult, "prize", g.Prize, 0, MaxTextRunes, false)
}
