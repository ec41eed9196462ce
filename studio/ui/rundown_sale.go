package ui

import (
	"time"

	"github.com/vitrina-live/vitrina/studio"
)

// flashSale is the running flash sale as the rundown shows it on its
// product's row: the sale price, the stock left of the sale's and the time
// left, instead of the usual price and stock.
type flashSale struct {
	sku         string
	price       int64
	left, total int
	ends        time.Time
}

// ApplySale follows a flash_sale event: its product's row counts down until
// the sale's end.
func (p *RundownPane) ApplySale(d *studio.SellingDetail) {
	if d == nil || d.SKU == "" {
		return
	}
	p.sale = &flashSale{sku: d.SKU, price: d.PriceMinor, left: d.Stock, total: max(d.Total, d.Stock),
		ends: p.now().Add(d.Duration)}
	p.List.Refresh()
}

// saleStock follows a stock event into the running sale.
func (p *RundownPane) saleStock(sku string, n int) {
	if p.sale != nil && p.sale.sku == sku {
		p.sale.left, p.sale.total = n, max(p.sale.total, n)
	}
}

// saleText is the sale's line for product ref's row, "" when it has none
// running.
func (p *RundownPane) saleText(ref string, now time.Time) string {
	s := p.sale
	if s == nil || s.sku != ref || !now.Before(s.ends) {
		return ""
	}
	return tr("Sale {{.Price}} · {{.Left}} of {{.Total}} left · {{.Time}}", map[string]any{
		"Price": money(s.price, p.currency), "Left": s.left, "Total": s.total,
		"Time": clockText(s.ends.Sub(now) + time.Second - 1)}) // whole seconds up, as the program's clock
}

// tickSale redraws the sale's row each second, and the usual line once it
// has ended.
func (p *RundownPane) tickSale(now time.Time) {
	if p.sale == nil {
		return
	}
	for i, pr := range p.products {
		if pr.Key() == p.sale.sku {
			p.List.RefreshItem(i)
		}
	}
	if !now.Before(p.sale.ends) {
		p.sale = nil
	}
}
