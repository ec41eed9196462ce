package studio

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/show"
)

// Layer order of the selling overlays: the card under the badges.
const (
	zCard = 10 + iota
	zLowerThird
	zSale
	zPromo
	zBadges
)

// sale is a running flash sale. Its end is fixed by the frame it first
// showed on, so the countdown viewers see is exact to the frame. Every
// canvas draws the same sale: the first frame of any of them starts it, so
// their clocks agree.
type sale struct {
	product  show.Product
	price    int64
	duration time.Duration

	mu    sync.Mutex // the canvases' compose goroutines read it, the engine loop sets stock
	stock int
	total int
	start time.Duration // PTS of its first frame; -1 until then
}

// at returns what the countdown shows on the frame at pts.
func (sl *sale) at(pts time.Duration) (left time.Duration, stock, total int) {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if sl.start < 0 {
		sl.start = pts
	}
	return max(0, sl.start+sl.duration-pts), sl.stock, sl.total
}

// selling is the live state of the show's selling overlays, one for all
// canvases. It is changed only on the engine loop; the overlay renders of
// every canvas read it through closures.
type selling struct {
	pinned *show.Product
	sale   *sale
}

// Pin puts a product's card on air (and the disclosure tag with a sponsored
// one); a product pinned before is replaced.
func (s *Studio) Pin(ctx context.Context, ref string) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		s.sell.pinned = &p
		s.showCard()
		s.onAir(func(pr *program) {
			if !p.Sponsored {
				pr.overlays.hide("disclosure")
				return
			}
			pr.overlays.show("disclosure", zBadges, image.Pt(0, -16), 0, static("disclosure", func() overlays.Placed {
				return pr.render.Disclosure(disclosureText(s.cfg.Show.Show.Locale))
			}))
		})
		s.chapters(p.Title)
		s.events.publish(Event{Kind: EventSelling, Subject: "pin", State: p.SKU, Selling: s.productDetail(p)})
		s.log.Info("pinned", "product", p.SKU, "title", p.Title)
		return nil
	})
}

// Unpin takes the card (and the disclosure tag) off.
func (s *Studio) Unpin(ctx context.Context) error {
	return s.sellingDo(ctx, func() error {
		s.onAir(func(pr *program) {
			pr.overlays.hide("card")
			pr.overlays.hide("disclosure")
		})
		var d *SellingDetail
		if s.sell.pinned != nil {
			d = s.productDetail(*s.sell.pinned)
		}
		s.sell.pinned = nil
		s.chapters("")
		s.events.publish(Event{Kind: EventSelling, Subject: "unpin", Selling: d})
		s.log.Info("unpinned")
		return nil
	})
}

// StartFlashSale runs a countdown with a stock bar for one product, at a
// sale price; the pinned card shows the sale price against the usual one.
func (s *Studio) StartFlashSale(ctx context.Context, ref string, priceMinor int64, stock int, d time.Duration) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		sl := &sale{product: p, price: priceMinor, stock: stock, total: stock, duration: d, start: -1}
		s.sell.sale = sl
		s.onAir(func(pr *program) {
			// The clock stays at 0:00 for a moment after the end, then leaves.
			pr.overlays.show("sale", zSale, image.Pt(16, 0), d+3*time.Second, func(pts time.Duration) (string, func() overlays.Placed) {
				left, stock, total := sl.at(pts)
				// mm:ss counts whole seconds up: 4:59.2 left shows 5:00
				// until it drops below 4:59 — the way sale clocks read.
				secs := int((left + time.Second - 1) / time.Second)
				return strconv.Itoa(secs) + "/" + strconv.Itoa(stock), func() overlays.Placed {
					return pr.render.FlashSale(time.Duration(secs)*time.Second, stock, total)
				}
			})
		})
		s.showCard()
		det := s.productDetail(p)
		det.PriceMinor, det.CompareAtMinor = priceMinor, max(p.PriceMinor, p.CompareAtMinor)
		det.Stock, det.Total, det.Duration = stock, stock, d
		s.events.publish(Event{Kind: EventSelling, Subject: "flash_sale", State: p.SKU, Selling: det})
		s.log.Info("flash sale", "product", p.SKU, "price_minor", priceMinor, "stock", stock, "duration", d)
		return nil
	})
}

// What set a product's stock, as its stock event says (Event.Origin).
const (
	OriginOperator = "operator" // by hand: the control API, any caller of SetStock
	OriginCue      = "cue"      // the show file's rundown
	OriginClaim    = "claim"    // a viewer's claim, already in the store
)

// SetStock changes a product's stock by hand (OriginOperator); a running
// flash sale's bar follows.
func (s *Studio) SetStock(ctx context.Context, ref string, stock int) error {
	return s.SetStockFrom(ctx, ref, stock, OriginOperator)
}

// SetStockFrom is SetStock on behalf of origin, which the stock event
// carries: the show log skips a claim's, which the store already has.
func (s *Studio) SetStockFrom(ctx context.Context, ref string, stock int, origin string) error {
	return s.sellingDo(ctx, func() error {
		p, err := s.product(ref)
		if err != nil {
			return err
		}
		det := s.productDetail(p)
		det.Stock = stock
		if sl := s.sell.sale; sl != nil && sl.product.SKU == p.SKU {
			sl.mu.Lock() // the sale's renders read it on the compose goroutines
			sl.stock, sl.total = stock, max(sl.total, stock)
			det.Total = sl.total
			sl.mu.Unlock()
		}
		s.events.publish(Event{Kind: EventSelling, Subject: "stock", State: fmt.Sprintf("%s=%d", p.SKU, stock), Selling: det, Origin: origin})
		s.log.Info("stock", "product", p.SKU, "stock", stock, "origin", origin)
		return nil
	})
}

// DropPromo shows a promo code for showFor.
func (s *Studio) DropPromo(ctx context.Context, code, discount string, valid, showFor time.Duration) error {
	return s.dropPromo(ctx, code, discount, valid, showFor, 0)
}

// dropPromo is DropPromo with the usage limit of the show file's cue,
// which the platform shows its viewers.
func (s *Studio) dropPromo(ctx context.Context, code, discount string, valid, showFor time.Duration, limit int) error {
	return s.sellingDo(ctx, func() error {
		s.onAir(func(pr *program) {
			pr.overlays.show("promo", zPromo, image.Pt(24, 0), showFor, static("promo:"+code, func() overlays.Placed {
				return pr.render.Promo(code, discount, valid)
			}))
		})
		s.events.publish(Event{Kind: EventSelling, Subject: "promo", State: code,
			Selling: &SellingDetail{Code: code, Discount: discount, Valid: valid, Limit: limit, ShowFor: showFor, Currency: s.currency()}})
		s.log.Info("promo code dropped", "code", code, "discount", discount, "show_for", showFor)
		return nil
	})
}

// Banner shows one of the text overlays (coupon, lower third, giveaway);
// draw renders it with each canvas's renderer.
func (s *Studio) Banner(ctx context.Context, role string, showFor time.Duration, draw func(*overlays.Renderer) overlays.Placed) error {
	return s.banner(ctx, role, showFor, draw, nil)
}

// banner is Banner whose event carries d (a coupon's code and condition, a
// giveaway's winner) for the platform.
func (s *Studio) banner(ctx context.Context, role string, showFor time.Duration, draw func(*overlays.Renderer) overlays.Placed, d *SellingDetail) error {
	return s.sellingDo(ctx, func() error {
		z := zLowerThird
		if role == "coupon" {
			z = zPromo
		}
		key := role + strconv.FormatInt(time.Now().UnixNano(), 10)
		s.onAir(func(pr *program) {
			pr.overlays.show(role, z, image.Pt(0, 24), showFor, static(key, func() overlays.Placed { return draw(pr.render) }))
		})
		s.events.publish(Event{Kind: EventSelling, Subject: role, Selling: d})
		s.log.Info("overlay", "overlay", role, "show_for", showFor)
		return nil
	})
}

// showCard (re)draws the pinned product's card: at the sale price while a
// flash sale for it runs.
func (s *Studio) showCard() {
	if s.sell.pinned == nil {
		return
	}
	p := *s.sell.pinned
	card := s.productCard(p)
	key := "card:" + p.SKU
	if sl := s.sell.sale; sl != nil && sl.product.SKU == p.SKU {
		card.CompareAtMinor = max(p.PriceMinor, p.CompareAtMinor)
		card.PriceMinor = sl.price
		key += ":sale"
	}
	s.onAir(func(pr *program) {
		slide := image.Pt(-48, 0)
		if pr.cfg.Portrait() {
			slide = image.Pt(0, 48) // vertical: the card rises from the bottom
		}
		pr.overlays.show("card", zCard, slide, 0, static(key, func() overlays.Placed {
			placed, warnings := pr.render.Card(card)
			for _, w := range warnings {
				pr.log.Warn("product card", "product", p.SKU, "warning", w)
			}
			return placed
		}))
	})
}

// productDetail is what a selling event says of a product.
func (s *Studio) productDetail(p show.Product) *SellingDetail {
	return &SellingDetail{SKU: p.SKU, Title: p.Title, PriceMinor: p.PriceMinor, CompareAtMinor: p.CompareAtMinor,
		Currency: s.currency(), Stock: p.Stock, Number: p.Number, Link: p.Link}
}

// currency is the show's ISO 4217 code; USD when the file names none.
func (s *Studio) currency() string {
	if c := s.cfg.Show.Show.Currency; c != "" {
		return c
	}
	return "USD"
}

func (s *Studio) productCard(p show.Product) overlays.Product {
	c := overlays.Product{
		Title: p.Title, PriceMinor: p.PriceMinor, CompareAtMinor: p.CompareAtMinor,
		Currency: s.cfg.Show.Show.Currency, Specs: p.Specs, Link: p.Link, Sponsored: p.Sponsored,
	}
	if p.Number > 0 {
		c.Keyword = strconv.Itoa(p.Number)
	}
	if len(p.Images) > 0 {
		c.Photo = p.Images[0]
	}
	return c
}

// static wraps content that does not change while shown: its key never
// changes, so the driver draws it once.
func static(key string, draw func() overlays.Placed) overlayRender {
	return func(time.Duration) (string, func() overlays.Placed) { return key, draw }
}

func (s *Studio) product(ref string) (show.Product, error) {
	if s.cfg.Catalog == nil {
		return show.Product{}, fmt.Errorf("%w: product %q: the show has no catalog ([show] catalog)", ErrBadInput, ref)
	}
	p, err := s.cfg.Catalog.Product(ref)
	if err != nil {
		return show.Product{}, fmt.Errorf("%w: product %q: %v", ErrBadInput, ref, err)
	}
	return p, nil
}

func disclosureText(locale string) string {
	if t, ok := map[string]string{"lv": "Apmaksāta sadarbība", "ru": "Реклама", "zh": "付费合作", "ar": "شراكة مدفوعة"}[locale]; ok {
		return t
	}
	return "Paid partnership"
}

// PinComment puts a viewer's chat message, with the host's answer, on the
// program until UnpinComment; a new one replaces it. The chat engine's pin
// action calls it with text already made safe for display.
func (s *Studio) PinComment(ctx context.Context, user, text, answer string) error {
	return s.Banner(ctx, "pinned_comment", 0, func(r *overlays.Renderer) overlays.Placed {
		return r.PinnedComment(user, text, answer)
	})
}

// UnpinComment takes the pinned chat message off.
func (s *Studio) UnpinComment(ctx context.Context) error {
	return s.sellingDo(ctx, func() error {
		s.onAir(func(pr *program) { pr.overlays.hide("pinned_comment") })
		s.events.publish(Event{Kind: EventSelling, Subject: "unpin_comment"})
		s.log.Info("overlay off", "overlay", "pinned_comment")
		return nil
	})
}
