package main

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/show"
)

// catalogLister is a catalog that can list its products in the show's
// order (catalog.ShowCatalog does).
type catalogLister interface{ Products() []show.Product }

// publishCatalog sends the show's product list; products the protocol
// would refuse are logged and left out, so one bad row does not empty
// the viewers' list.
func (l *platformLink) publishCatalog() {
	cl, ok := l.cat.(catalogLister)
	if !ok {
		return
	}
	var c platform.Catalog
	for _, p := range cl.Products() {
		pp := platformProduct(p, l.currency)
		if err := (platform.ProductPin{SKU: pp.SKU, Product: &pp}).Validate(); err != nil {
			l.log.Warn("platform: a product is left out of the catalog", "product", p.SKU, "err", err)
			continue
		}
		if len(c.Products) == platform.MaxCatalog {
			l.log.Warn("platform: the catalog is cut to the protocol's limit", "limit", platform.MaxCatalog)
			break
		}
		c.Products = append(c.Products, pp)
	}
	l.publish(c)
}

// platformProduct is a catalog product as the viewers' list shows it. A
// stock of 0 is sent as unknown: the catalog cannot tell "none left" from
// "not tracked", and a list of sold-out products would be worse.
func platformProduct(p show.Product, currency string) platform.Product {
	pp := platform.Product{SKU: p.SKU, Title: p.Title, PriceMinor: p.PriceMinor, CompareAtMinor: p.CompareAtMinor,
		Currency: currency, Number: p.Number, Link: p.Link}
	if p.Stock > 0 {
		pp.Stock = platform.Int(p.Stock)
	}
	return pp
}

// relayState is told the room's state on each fresh join. A relay that was
// restarted has lost the catalog and the pin: send them again.
func (l *platformLink) relayState(s platform.State) {
	l.mu.Lock()
	again, pinned := l.joined && len(s.Catalog) == 0, l.pinned
	l.mu.Unlock()
	if !again {
		return
	}
	l.log.Info("platform: the relay forgot the show; sending the catalog again")
	l.publishCatalog()
	if pinned != nil {
		l.publish(platform.ProductPin{SKU: pinned.SKU, Product: pinned})
	}
}

// follow translates the engine's selling events until events is closed.
func (l *platformLink) follow(events <-chan studio.Event) {
	for ev := range events {
		if ev.Kind == studio.EventSelling && ev.Selling != nil {
			l.selling(ev.Subject, *ev.Selling, ev.Time)
		}
	}
}

func (l *platformLink) selling(what string, d studio.SellingDetail, at time.Time) {
	switch what {
	case "pin":
		p := platformProduct(show.Product{SKU: d.SKU, Title: d.Title, PriceMinor: d.PriceMinor,
			CompareAtMinor: d.CompareAtMinor, Stock: d.Stock, Number: d.Number, Link: d.Link}, d.Currency)
		l.mu.Lock()
		l.pinned = &p
		l.mu.Unlock()
		l.publish(platform.ProductPin{SKU: d.SKU, Product: &p})
	case "unpin":
		l.mu.Lock()
		l.pinned = nil
		l.mu.Unlock()
		l.publish(platform.ProductUnpin{SKU: d.SKU})
	case "flash_sale":
		l.startSale(d, at)
	case "stock":
		l.publish(platform.StockUpdate{SKU: d.SKU, Stock: d.Stock})
		l.mu.Lock()
		sl := l.sale
		soldOut := sl != nil && !sl.ended && sl.sku == d.SKU && d.Stock == 0
		l.mu.Unlock()
		if soldOut {
			l.endSale(sl, platform.SaleEndSoldOut)
		}
	case "promo":
		p := platform.PromoDrop{Code: d.Code, Discount: d.Discount, Limit: d.Limit}
		if d.Valid > 0 {
			p.ExpiresAt = at.Add(d.Valid).UnixMilli()
		}
		l.publish(p)
	case "coupon":
		// The page reveals the code once the viewer has watched for Watch.
		c := platform.Coupon{Text: d.Text, Code: d.Code, WatchSeconds: int(d.Watch.Round(time.Second) / time.Second)}
		// A relay that chose version 1 gets it without the condition, and
		// so without the code (the client sends it so): say it once.
		if v := l.client.Version(); v != "" {
			if _, field := platform.ForVersion(c, v); field != "" {
				l.v1Coupon.Do(func() {
					l.log.Warn("platform: the relay speaks an older protocol version: its viewers see a coupon with a watch condition without its code",
						"version", v, "field", field)
				})
			}
		}
		l.publish(c)
	case "giveaway":
		l.publish(platform.GiveawayResult{Winner: d.Winner, Prize: d.Text})
	}
}

func (l *platformLink) startSale(d studio.SellingDetail, at time.Time) {
	sl := &linkSale{id: "sale-" + strconv.FormatInt(at.UnixMilli(), 36), sku: d.SKU}
	l.mu.Lock()
	old := l.sale
	l.sale = sl
	l.mu.Unlock()
	if old != nil {
		l.endSale(old, platform.SaleEndStopped)
	}
	l.publish(platform.SaleStart{SaleID: sl.id, SKU: d.SKU, PriceMinor: d.PriceMinor, Currency: d.Currency,
		Stock: d.Stock, EndsAt: at.Add(d.Duration).UnixMilli()})
	l.mu.Lock()
	sl.timer = time.AfterFunc(d.Duration, func() { l.endSale(sl, platform.SaleEndTime) })
	l.mu.Unlock()
}

// endSale tells the platform a sale is over, once.
func (l *platformLink) endSale(sl *linkSale, reason string) {
	l.mu.Lock()
	if sl.ended {
		l.mu.Unlock()
		return
	}
	sl.ended = true
	if sl.timer != nil {
		sl.timer.Stop()
	}
	l.mu.Unlock()
	l.publish(platform.SaleEnd{SaleID: sl.id, SKU: sl.sku, Reason: reason})
}

// incoming takes the relay's events: claims (platformlink_claims.go) and
// the viewer count, which the report charts and the engine shows (the
// window's status bar, the control API, the viewers badge).
func (l *platformLink) incoming(env platform.Envelope, ev platform.Event) {
	switch v := ev.(type) {
	case platform.Claim:
		l.claim(env, v)
	case platform.ViewersCount:
		l.log.Debug("platform: viewers", "count", v.Count)
		l.air.viewersNow(v.Count, time.Now())
		if vs, ok := l.st.(viewersSetter); ok {
			// SetViewers never waits for the engine loop: the relay's
			// reader is not held up.
			if err := vs.SetViewers(context.Background(), v.Count); err != nil && !errors.Is(err, studio.ErrEnded) {
				l.log.Warn("platform: the viewer count is not on the program", "count", v.Count, "err", err)
			}
		}
	}
}
